package dev.marginsim.oracle.failure;

import dev.marginsim.oracle.path.PricePath;
import java.util.ArrayList;
import java.util.List;

/**
 * Chainlink's update rule: a new round when the market price has moved at least
 * {@code deviationBps} basis points from the last reported answer, or when {@code heartbeatSeconds}
 * have passed since the last report, whichever comes first; the round is written
 * {@code latencySeconds} after the trigger (observation, consensus and transaction time), carrying
 * the price observed at the trigger.
 *
 * <p>Exactly: the first path point triggers. Walking the path, before each point at time t every
 * heartbeat deadline {@code last + heartbeat < t} triggers at the deadline with the price then
 * standing (the last point); then the point triggers if {@code t - last >= heartbeat} or
 * {@code p != answer} and {@code |p - answer| * 10000 >= deviationBps * answer} (integers, exact), where {@code last} is the
 * last trigger time and {@code answer} the last reported price. Between triggers the feed lags the
 * market by up to the threshold, and for {@code latencySeconds} after each.
 *
 * @param deviationBps     deviation threshold in basis points (e.g. 50 = 0.5%); 0 reports every change
 * @param heartbeatSeconds the longest time between rounds (e.g. 3600)
 * @param latencySeconds   delay from trigger to write (e.g. 12, one Ethereum block)
 */
public record DeviationHeartbeat(long deviationBps, long heartbeatSeconds, long latencySeconds) implements UpdateRule {
    public DeviationHeartbeat {
        if (deviationBps < 0 || heartbeatSeconds <= 0 || latencySeconds < 0) {
            throw new IllegalArgumentException("need deviationBps >= 0, heartbeat > 0 and latency >= 0, got "
                    + deviationBps + ", " + heartbeatSeconds + ", " + latencySeconds);
        }
    }

    @Override
    public List<Report> reports(PricePath market) {
        List<Report> out = new ArrayList<>();
        long last = market.time(0);
        long answer = market.price(0);
        out.add(Report.at(last + latencySeconds, answer));
        for (int i = 1; i < market.size(); i++) {
            long t = market.time(i);
            long standing = market.price(i - 1);
            while (t - last > heartbeatSeconds) {
                last += heartbeatSeconds;
                answer = standing;
                out.add(Report.at(last + latencySeconds, answer));
            }
            long p = market.price(i);
            if (t - last >= heartbeatSeconds || deviates(p, answer)) {
                last = t;
                answer = p;
                out.add(Report.at(t + latencySeconds, p));
            }
        }
        return out;
    }

    /** {@code p != answer && |p - answer| * 10000 >= deviationBps * answer}, without overflow. */
    boolean deviates(long p, long answer) {
        return p != answer && compare128(Math.abs(p - answer), 10_000L, deviationBps, answer) >= 0;
    }

    /** Compares {@code a*b} with {@code c*d} for non-negative factors, as 128-bit products. */
    private static int compare128(long a, long b, long c, long d) {
        long hi1 = Math.multiplyHigh(a, b);
        long hi2 = Math.multiplyHigh(c, d);
        if (hi1 != hi2) {
            return Long.compare(hi1, hi2);
        }
        return Long.compareUnsigned(a * b, c * d);
    }
}
