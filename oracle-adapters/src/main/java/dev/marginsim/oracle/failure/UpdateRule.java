package dev.marginsim.oracle.failure;

import dev.marginsim.oracle.path.PricePath;
import java.util.List;

/** When the oracle writes a round for a market path, and with what answer. */
@FunctionalInterface
public interface UpdateRule {
    /** The reports, in write order. */
    List<Report> reports(PricePath market);

    /** One round per path point, written {@code latencySeconds} after it (a push feed of every observation). */
    static UpdateRule everyPoint(long latencySeconds) {
        if (latencySeconds < 0) {
            throw new IllegalArgumentException("latency is unsigned: " + latencySeconds);
        }
        return market -> {
            Report[] out = new Report[market.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = Report.at(market.time(i) + latencySeconds, market.price(i));
            }
            return List.of(out);
        };
    }
}
