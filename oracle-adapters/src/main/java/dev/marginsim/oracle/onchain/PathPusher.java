package dev.marginsim.oracle.onchain;

import dev.marginsim.contracts.chain.Chain;
import dev.marginsim.contracts.chain.Signer;
import dev.marginsim.core.price.PriceRound;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Pushes price paths into feed contracts on an anvil chain so that each round is written in a block
 * whose timestamp is the round's write time ({@code updatedAt}, or {@code startedAt} for an
 * incomplete round). Users' contracts, and {@code ChainlinkFeed}, then read the path through
 * {@code latestRoundData} exactly as they would read a live feed.
 *
 * <p>Per feed: an {@code EventedAggregator}; if any round id carries a phase, a
 * {@code PhasedAggregatorProxy} in front of one aggregator per phase, the proxy switching phase in
 * the block of the phase's first round. Sequencer-uptime rounds go to a {@code MockAggregator} with
 * 0 decimals, as the protocol reads it.
 *
 * <p>Clock: the pusher sets {@code anvil_setBlockTimestampInterval 0} before it deploys anything, so
 * blocks (its own deployments included) keep their time until it moves it; for each write time in order it calls {@code evm_setNextBlockTimestamp}, sends
 * that time's transactions back to back and waits for every receipt before moving the clock again.
 * A chain cannot go back in time: with {@link TimeMode#EXACT} the path must start after the chain's
 * head block; {@link TimeMode#SHIFT_TO_HEAD} moves every timestamp of the path (and of the
 * sequencer rounds) by one offset so that it starts one second after the head.
 */
public final class PathPusher {
    /** How path timestamps map to block timestamps. */
    public enum TimeMode { EXACT, SHIFT_TO_HEAD }

    /** One write, at one chain time. */
    private record Write(long time, String target, String data) {
    }

    private final Chain chain;
    private final Signer writer;
    private final Map<String, String> feedAddresses;
    private final String sequencerAddress;
    private final long offset;
    private final List<Write> writes;
    private int next;

    private PathPusher(Chain chain, Signer writer, Map<String, String> feedAddresses, String sequencerAddress,
            long offset, List<Write> writes) {
        this.chain = chain;
        this.writer = writer;
        this.feedAddresses = feedAddresses;
        this.sequencerAddress = sequencerAddress;
        this.offset = offset;
        this.writes = writes;
    }

    /**
     * Deploys one feed per path (and a sequencer feed if {@code sequencerRounds} is not empty) and
     * prepares the writes; nothing is written until {@link #pushUntil} or {@link #pushAll}.
     * Throws {@link IllegalArgumentException} for a path that cannot be replayed (write times going
     * back, phases going back, a round with neither timestamp, an EXACT path starting in the chain's
     * past) before anything is deployed.
     */
    public static PathPusher deploy(FeedContracts contracts, List<FeedPath> paths, List<PriceRound> sequencerRounds,
            TimeMode mode) {
        Chain chain = contracts.chain();
        long first = Long.MAX_VALUE;
        Map<String, FeedPath> byName = new LinkedHashMap<>();
        for (FeedPath p : paths) {
            validate(p.name(), p.rounds());
            if (byName.put(p.name(), p) != null) {
                throw new IllegalArgumentException("two paths named " + p.name());
            }
            first = Math.min(first, p.rounds().isEmpty() ? Long.MAX_VALUE : FeedPath.writeTime(p.rounds().get(0)));
        }
        validate("sequencer", sequencerRounds);
        if (!sequencerRounds.isEmpty()) {
            first = Math.min(first, FeedPath.writeTime(sequencerRounds.get(0)));
        }
        // From here the chain's clock moves only when the pusher moves it, deployments included.
        chain.setBlockTimestampInterval(0);
        long head = chain.latestTimestamp();
        if (mode == TimeMode.EXACT && first != Long.MAX_VALUE && first <= head) {
            throw new IllegalArgumentException("the path starts at " + first + ", not after the chain's head block time "
                    + head + " (a chain cannot go back: start anvil with --timestamp, or use SHIFT_TO_HEAD)");
        }
        List<Target> targets = new ArrayList<>();
        for (FeedPath p : paths) {
            targets.add(deployFeed(contracts, p));
        }
        String sequencer = sequencerRounds.isEmpty() ? null : contracts.deploySequencerFeed();
        head = chain.latestTimestamp();
        long offset = 0;
        if (first != Long.MAX_VALUE) {
            if (mode == TimeMode.SHIFT_TO_HEAD) {
                offset = Math.subtractExact(head + 1, first);
            } else if (first <= head) {
                throw new IllegalStateException("the chain's head moved to " + head + " while deploying, past the path start "
                        + first);
            }
        }
        List<Write> writes = new ArrayList<>();
        Map<String, String> addresses = new LinkedHashMap<>();
        for (int i = 0; i < paths.size(); i++) {
            addresses.put(paths.get(i).name(), targets.get(i).readAt());
            plan(targets.get(i), paths.get(i), offset, writes);
        }
        for (PriceRound r : sequencerRounds) {
            PriceRound s = shift(r, offset);
            writes.add(new Write(FeedPath.writeTime(s), sequencer, FeedContracts.encodeSetRound(s)));
        }
        // Stable: writes at one time keep their path order (a phase switch before its first round).
        writes.sort(Comparator.comparingLong(Write::time));
        return new PathPusher(chain, contracts.writer(), Map.copyOf(addresses), sequencer, offset, writes);
    }

    /** The contracts of one path: the address users read, and one aggregator per phase (index = phase − 1). */
    private record Target(String readAt, String proxy, List<String> aggregators, int firstPhase) {
    }

    private static Target deployFeed(FeedContracts contracts, FeedPath p) {
        int firstPhase = p.rounds().isEmpty() ? 0 : p.rounds().get(0).phaseId();
        int lastPhase = p.rounds().isEmpty() ? 0 : p.rounds().get(p.rounds().size() - 1).phaseId();
        if (lastPhase == 0) {
            String aggregator = contracts.deployAggregator(p.decimals(), p.name());
            return new Target(aggregator, null, List.of(aggregator), 0);
        }
        if (firstPhase == 0) {
            throw new IllegalArgumentException("feed " + p.name() + " mixes rounds without a phase and with one");
        }
        // One aggregator per phase; the proxy starts at phase 1 and reaches the path's first phase at once.
        List<String> aggregators = new ArrayList<>();
        for (int phase = 1; phase <= lastPhase; phase++) {
            aggregators.add(contracts.deployAggregator(p.decimals(), p.name()));
        }
        String proxy = contracts.deployProxy(aggregators.get(0));
        for (int phase = 2; phase <= firstPhase; phase++) {
            contracts.confirmAggregator(proxy, aggregators.get(phase - 1));
        }
        return new Target(proxy, proxy, aggregators, firstPhase);
    }

    private static void plan(Target target, FeedPath p, long offset, List<Write> writes) {
        int phase = target.firstPhase();
        for (PriceRound r : p.rounds()) {
            PriceRound s = shift(r, offset);
            long t = FeedPath.writeTime(s);
            while (phase < r.phaseId()) {
                phase++;
                writes.add(new Write(t, target.proxy(), FeedContracts.encode("confirmAggregator",
                        new org.web3j.abi.datatypes.Address(target.aggregators().get(phase - 1)))));
            }
            writes.add(new Write(t, target.aggregators().get(Math.max(phase, 1) - 1), FeedContracts.encodeSetRound(s)));
        }
    }

    private static void validate(String name, List<PriceRound> rounds) {
        for (int i = 0; i < rounds.size(); i++) {
            PriceRound r = rounds.get(i);
            if (FeedPath.writeTime(r) == 0) {
                throw new IllegalArgumentException(name + " round " + i + " has neither updatedAt nor startedAt");
            }
            if (i > 0) {
                PriceRound prev = rounds.get(i - 1);
                if (FeedPath.writeTime(r) < FeedPath.writeTime(prev)) {
                    throw new IllegalArgumentException(name + " round " + i + " is written at " + FeedPath.writeTime(r)
                            + ", before round " + (i - 1) + " at " + FeedPath.writeTime(prev));
                }
                if (r.phaseId() < prev.phaseId()) {
                    throw new IllegalArgumentException(name + " round " + i + " goes back from phase "
                            + prev.phaseId() + " to " + r.phaseId());
                }
            }
        }
    }

    private static PriceRound shift(PriceRound r, long offset) {
        if (offset == 0) {
            return r;
        }
        return new PriceRound(r.source(), r.roundId(), r.answer(), r.decimals(),
                r.startedAt() == 0 ? 0 : Math.addExact(r.startedAt(), offset),
                r.updatedAt() == 0 ? 0 : Math.addExact(r.updatedAt(), offset), r.answeredInRound());
    }

    /** The address users read each path at (the proxy for a phased path), by path name. */
    public Map<String, String> feedAddresses() {
        return feedAddresses;
    }

    public Optional<String> sequencerAddress() {
        return Optional.ofNullable(sequencerAddress);
    }

    /** Chain time minus path time (0 in {@link TimeMode#EXACT}). */
    public long offsetSeconds() {
        return offset;
    }

    /** Writes still to push. */
    public int pending() {
        return writes.size() - next;
    }

    /** The chain time of the next write, if any. */
    public Optional<Long> nextWriteTime() {
        return next < writes.size() ? Optional.of(writes.get(next).time()) : Optional.empty();
    }

    /** Pushes every write due at or before chain time {@code chainTime}; returns how many. */
    public int pushUntil(long chainTime) {
        int pushed = 0;
        while (next < writes.size() && writes.get(next).time() <= chainTime) {
            long t = writes.get(next).time();
            long head = chain.latestTimestamp();
            if (t < head) {
                throw new IllegalStateException("the chain's head is at " + head + ", past the next write at " + t
                        + " (blocks were mined at later times between pushes)");
            }
            if (t > head) {
                chain.setNextBlockTimestamp(t);
            }
            List<String> hashes = new ArrayList<>();
            while (next < writes.size() && writes.get(next).time() == t) {
                Write w = writes.get(next++);
                hashes.add(chain.sendRaw(chain.presign(writer, w.target(), w.data())));
            }
            // Every receipt before the clock moves: anvil mines asynchronously.
            for (String h : hashes) {
                FeedContracts.ok(chain.awaitResult(h), "a path write at " + t);
            }
            pushed += hashes.size();
        }
        return pushed;
    }

    /** Pushes the whole path. */
    public int pushAll() {
        return pushUntil(Long.MAX_VALUE);
    }
}
