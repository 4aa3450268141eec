package dev.marginsim.differential;

import dev.marginsim.contracts.chain.ChainDeployer;
import dev.marginsim.contracts.chain.ProtocolClient;
import dev.marginsim.contracts.chain.Signer;
import dev.marginsim.contracts.chain.TxResult;
import dev.marginsim.core.MarketParams;
import dev.marginsim.core.ProtocolRevert;
import dev.marginsim.simulator.engine.MarginEngine;
import java.math.BigInteger;

/**
 * One step of a differential sequence, applied to both sides. Protocol operations are transactions
 * on the chain and calls on the engine; environment steps (prices, oracle faults, the sequencer, time)
 * set the mock feeds and block time on the chain and the same values on the engine.
 */
sealed interface Op {

    /** Applies the step to the chain; the result is the transaction's outcome (or null for environment steps). */
    TxResult onChain(World w);

    /** Applies the step to the engine; throws {@link ProtocolRevert} when the protocol refuses it. */
    void onEngine(World w);

    // ---- protocol operations ---------------------------------------------------------------------

    record Deposit(int account, int asset, BigInteger amount) implements Op {
        public TxResult onChain(World w) {
            return w.client.send(w.accounts.get(account), ProtocolClient.encodeDeposit(asset, amount));
        }

        public void onEngine(World w) {
            w.engine().deposit(account, asset, amount);
        }
    }

    record Withdraw(int account, int asset, BigInteger amount) implements Op {
        public TxResult onChain(World w) {
            return w.client.send(w.accounts.get(account), ProtocolClient.encodeWithdraw(asset, amount));
        }

        public void onEngine(World w) {
            w.engine().withdraw(account, asset, amount);
        }
    }

    record Trade(int account, int market, boolean isolated, long sizeDeltaE9) implements Op {
        public TxResult onChain(World w) {
            return w.client.send(w.accounts.get(account), ProtocolClient.encodeTrade(market, isolated, sizeDeltaE9));
        }

        public void onEngine(World w) {
            w.engine().trade(account, market, isolated, sizeDeltaE9);
        }
    }

    record AddMargin(int account, int market, long amountE6) implements Op {
        public TxResult onChain(World w) {
            return w.client.send(w.accounts.get(account), ProtocolClient.encodeAddMargin(market, amountE6));
        }

        public void onEngine(World w) {
            w.engine().addMargin(account, market, amountE6);
        }
    }

    record RemoveMargin(int account, int market, long amountE6) implements Op {
        public TxResult onChain(World w) {
            return w.client.send(w.accounts.get(account), ProtocolClient.encodeRemoveMargin(market, amountE6));
        }

        public void onEngine(World w) {
            w.engine().removeMargin(account, market, amountE6);
        }
    }

    record LiquidatePosition(int account, int market, boolean isolated) implements Op {
        public TxResult onChain(World w) {
            return w.client.send(w.accounts.get(w.liquidator()),
                    ProtocolClient.encodeLiquidatePosition(w.addressOf(account), market, isolated));
        }

        public void onEngine(World w) {
            w.engine().liquidatePosition(w.liquidator(), account, market, isolated);
        }
    }

    record LiquidateCollateral(int account, int asset, long repayE6) implements Op {
        public TxResult onChain(World w) {
            return w.client.send(w.accounts.get(w.liquidator()),
                    ProtocolClient.encodeLiquidateCollateral(w.addressOf(account), asset, repayE6));
        }

        public void onEngine(World w) {
            w.engine().liquidateCollateral(w.liquidator(), account, asset, repayE6);
        }
    }

    record FundInsurance(int account, BigInteger amount) implements Op {
        public TxResult onChain(World w) {
            return w.client.send(w.accounts.get(account), ProtocolClient.encodeFundInsurance(amount));
        }

        public void onEngine(World w) {
            w.engine().fundInsurance(account, amount);
        }
    }

    record FundPool(BigInteger amount) implements Op {
        public TxResult onChain(World w) {
            return w.client.send(w.owner, ProtocolClient.encodeFundPool(amount));
        }

        public void onEngine(World w) {
            w.engine().fundPool(w.ownerId(), amount);
        }
    }

    record SetMarketParams(int market, MarketParams params) implements Op {
        public TxResult onChain(World w) {
            return w.client.send(w.owner, ProtocolClient.encodeSetMarketParams(market, params));
        }

        public void onEngine(World w) {
            w.engine().setMarketParams(market, params);
        }
    }

    // ---- environment -----------------------------------------------------------------------------

    /** Sets feed {@code feed}'s latest round (index into the setup's feeds; -1 = the sequencer feed). */
    record SetRound(int feed, long roundId, long answer, long startedAt, long updatedAt, long answeredInRound)
            implements Op {
        public TxResult onChain(World w) {
            String address = feed < 0 ? w.deployment.sequencerFeed() : w.deployment.feeds().get(feed);
            Signer owner = w.owner;
            TxResult r = w.chain.send(owner, address, ChainDeployer.encodeSetRoundData(roundId,
                    BigInteger.valueOf(answer), startedAt, updatedAt, answeredInRound));
            if (!r.success()) {
                throw new IllegalStateException("setRoundData reverted on " + address);
            }
            return null;
        }

        public void onEngine(World w) {
            MarginEngine e = w.engine();
            int id = feed < 0 ? w.engineSide.sequencerFeed() : w.engineSide.feeds().get(feed);
            e.setRound(id, roundId, answer, startedAt, updatedAt, answeredInRound);
        }
    }

    /** Moves block time forward: the next block (mined at once, empty) and the engine's clock. */
    record AdvanceTime(long seconds) implements Op {
        public TxResult onChain(World w) {
            w.chain.setNextBlockTimestamp(w.now + seconds);
            w.chain.mine();
            return null;
        }

        public void onEngine(World w) {
            w.engine().setTime(w.now + seconds);
        }
    }
}
