package dev.marginsim.cli;

import dev.marginsim.contracts.chain.Chain;
import dev.marginsim.contracts.chain.ChainDeployer;
import dev.marginsim.contracts.chain.Deployment;
import dev.marginsim.contracts.chain.ProtocolClient;
import dev.marginsim.contracts.chain.Signer;
import dev.marginsim.contracts.chain.TxResult;

import dev.marginsim.simulator.scenario.Action;
import dev.marginsim.simulator.scenario.ActionSink;
import java.math.BigInteger;
import java.util.List;

/**
 * Applies scenario actions to a deployed contract: user actions as transactions from the account's
 * own key, oracle rounds through the mock feeds, time through the node's next-block timestamp.
 * Signers: account ids 0..n−1 are the traders, n the liquidator, n+1 the treasury (the owner).
 */
final class ChainSink implements ActionSink {
    private final Chain chain;
    private final ChainDeployer deployer;
    private final Deployment deployment;
    private final ProtocolClient client;
    private final List<Signer> accounts;
    private final Signer owner;

    ChainSink(Chain chain, ChainDeployer deployer, Deployment deployment, List<Signer> accounts, Signer owner) {
        this.chain = chain;
        this.deployer = deployer;
        this.deployment = deployment;
        this.client = new ProtocolClient(chain, deployment.protocol());
        this.accounts = accounts;
        this.owner = owner;
    }

    private Signer signer(int account) {
        return account < accounts.size() ? accounts.get(account) : owner;
    }

    String address(int account) {
        return signer(account).address();
    }

    @Override
    public void apply(Action action) {
        TxResult r;
        if (action instanceof Action.SetTime a) {
            chain.setNextBlockTimestamp(a.timestamp());
            chain.mine();
            return;
        } else if (action instanceof Action.SetRound a) {
            deployer.setRound(deployment.feeds().get(a.feed()), a.roundId(), BigInteger.valueOf(a.answer()),
                    a.startedAt(), a.updatedAt(), a.answeredInRound());
            return;
        } else if (action instanceof Action.Deposit a) {
            r = client.send(signer(a.account()), ProtocolClient.encodeDeposit(a.asset(), a.tokenAmount()));
        } else if (action instanceof Action.Trade a) {
            r = client.send(signer(a.account()), ProtocolClient.encodeTrade(a.market(), a.isolated(), a.sizeDeltaE9()));
        } else if (action instanceof Action.AddMargin a) {
            r = client.send(signer(a.account()), ProtocolClient.encodeAddMargin(a.market(), a.amountE6()));
        } else if (action instanceof Action.LiquidatePosition a) {
            r = client.send(signer(a.liquidator()),
                    ProtocolClient.encodeLiquidatePosition(address(a.account()), a.market(), a.isolated()));
        } else if (action instanceof Action.LiquidateCollateral a) {
            r = client.send(signer(a.liquidator()),
                    ProtocolClient.encodeLiquidateCollateral(address(a.account()), a.asset(), a.repayE6()));
        } else if (action instanceof Action.FundInsurance a) {
            r = client.send(signer(a.from()), ProtocolClient.encodeFundInsurance(a.tokenAmount()));
        } else if (action instanceof Action.FundPool a) {
            r = client.send(signer(a.from()), ProtocolClient.encodeFundPool(a.tokenAmount()));
        } else {
            throw new IllegalArgumentException("unknown action " + action);
        }
        if (!r.success()) {
            throw r.revert().orElseThrow(() -> new IllegalStateException(
                    "transaction reverted without a protocol error: " + r.revertData()));
        }
    }

    /** Renders the chain's end state for comparison (see {@link EndState}). */
    ProtocolClient client() {
        return client;
    }

}
