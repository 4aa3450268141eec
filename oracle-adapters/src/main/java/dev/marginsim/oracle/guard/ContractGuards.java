package dev.marginsim.oracle.guard;

import dev.marginsim.core.OracleConfig;
import dev.marginsim.core.ProtocolRevert;
import dev.marginsim.core.RevertReason;
import dev.marginsim.core.price.PriceFeed;
import java.math.BigInteger;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The contract's guards in the contract's order (docs/protocol.md §3): sequencer down, grace period,
 * non-positive answer, incomplete round, stale, out of bounds. A feed wrapped here gives, for the
 * same config, round and time, the same outcome as {@code MarginProtocol}'s {@code _price}: the same
 * {@code OracleFailure} code, or the same normalised {@code priceE8}.
 */
public final class ContractGuards {
    private static final BigInteger INT64_MAX = BigInteger.valueOf(Long.MAX_VALUE);
    private static final long UINT32_MAX = 0xFFFF_FFFFL;

    private ContractGuards() {
    }

    /** The optional L2 sequencer-uptime feed and its grace period, as {@code setSequencerFeed} sets them. */
    public record Sequencer(PriceFeed feed, long gracePeriodSeconds) {
        public Sequencer {
            if (gracePeriodSeconds < 0 || gracePeriodSeconds > UINT32_MAX) {
                throw new IllegalArgumentException("grace period is a uint32: " + gracePeriodSeconds);
            }
        }
    }

    /**
     * {@code feed} behind the contract's guards for {@code config}. The config is validated as listing
     * validates it, with the same reverts ({@code InvalidFeedDecimals}, {@code InvalidOracleConfig}).
     */
    public static GuardedFeed wrap(PriceFeed feed, OracleConfig config, Optional<Sequencer> sequencer,
            LongSupplier clock) {
        validate(feed.decimals(), config);
        RoundGuard first = sequencer.map(s -> Guards.sequencerUptime(s.feed(), s.gracePeriodSeconds()))
                .orElse((r, now) -> Optional.empty());
        return GuardedFeed.of(feed, clock, first)
                .then(Guards.positiveAnswer())
                .then(Guards.completeRound())
                .then(Guards.heartbeat(config.heartbeatSeconds()))
                .then(Guards.bounds(BigInteger.valueOf(config.minAnswer()), BigInteger.valueOf(config.maxAnswer())));
    }

    /**
     * Listing's checks (§3, §4) after the feed has code: decimals in 1..18, {@code 0 < min < max},
     * max normalised fits int64, min normalised ≥ 1; the heartbeat is a uint32 on the wire.
     */
    public static void validate(int feedDecimals, OracleConfig config) {
        if (config.heartbeatSeconds() < 0 || config.heartbeatSeconds() > UINT32_MAX) {
            throw new IllegalArgumentException("heartbeat is a uint32: " + config.heartbeatSeconds());
        }
        if (feedDecimals == 0 || feedDecimals > 18) {
            throw new ProtocolRevert(RevertReason.InvalidFeedDecimals);
        }
        if (config.minAnswer() <= 0 || config.minAnswer() >= config.maxAnswer()) {
            throw new ProtocolRevert(RevertReason.InvalidOracleConfig);
        }
        if (Guards.toE8(BigInteger.valueOf(config.maxAnswer()), feedDecimals).compareTo(INT64_MAX) > 0
                || Guards.toE8(BigInteger.valueOf(config.minAnswer()), feedDecimals).signum() < 1) {
            throw new ProtocolRevert(RevertReason.InvalidOracleConfig);
        }
    }
}
