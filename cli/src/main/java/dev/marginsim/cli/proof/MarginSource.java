package dev.marginsim.cli.proof;

import dev.marginsim.prover.margin.EnginePool;
import dev.marginsim.prover.margin.MarginLevel;
import dev.marginsim.prover.margin.MarginStatement;
import dev.marginsim.prover.margin.PoolOpening;
import dev.marginsim.prover.snapshot.Address;
import dev.marginsim.prover.snapshot.SimulatedRound;

/**
 * Where a round's margin proofs get their public terms and each account's private cross pool: the
 * engine a simulated round was taken from, or the chain at a chain round's block ({@link ChainMargin}).
 */
interface MarginSource extends AutoCloseable {

    MarginStatement statement(MarginLevel level);

    PoolOpening opening(Address account, MarginStatement statement);

    @Override
    default void close() {
    }

    /** The engine of a simulation; its account {@code i} is the address {@code i}. */
    static MarginSource ofEngine(SimulatedRound.Run run) {
        return new MarginSource() {
            @Override
            public MarginStatement statement(MarginLevel level) {
                return EnginePool.statement(run.engine(), run.setup(), level);
            }

            @Override
            public PoolOpening opening(Address account, MarginStatement statement) {
                return EnginePool.opening(run.engine(), engineIndex(account), statement);
            }
        };
    }

    /** Simulated accounts are {@code Address.ofIndex(i)}; the inverse. */
    private static int engineIndex(Address account) {
        byte[] b = account.toBytes();
        long index = 0;
        for (int i = b.length - 8; i < b.length; i++) {
            index = (index << 8) | (b[i] & 0xFF);
        }
        if (index < 0 || index > Integer.MAX_VALUE || !Address.ofIndex(index).equals(account)) {
            throw new IllegalArgumentException(account + " is not a simulated account");
        }
        return (int) index;
    }
}
