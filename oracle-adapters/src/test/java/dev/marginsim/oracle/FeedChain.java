package dev.marginsim.oracle;

import dev.marginsim.contracts.chain.Chain;
import dev.marginsim.contracts.chain.Signer;
import dev.marginsim.oracle.chainlink.FeedRpc;
import dev.marginsim.oracle.onchain.FeedContracts;
import dev.marginsim.testkit.Anvil;

/**
 * A real anvil with the two clients oracle tests read it through (the contracts module's {@link Chain}
 * for deploying and writing, {@link FeedRpc} as production code reads feeds) and a funded owner that
 * deploys feed contracts. Closing it closes the clients, then stops the node.
 */
public record FeedChain(Anvil anvil, Chain chain, FeedRpc rpc, Signer owner, FeedContracts contracts) implements AutoCloseable {

    public static FeedChain start() {
        Anvil anvil = Anvil.start();
        Chain chain = null;
        try {
            chain = Chain.connect(anvil.url());
            FeedRpc rpc = FeedRpc.connect(anvil.url());
            Signer owner = chain.signer(Anvil.DEV_KEY_0);
            return new FeedChain(anvil, chain, rpc, owner, new FeedContracts(chain, owner));
        } catch (RuntimeException e) {
            if (chain != null) {
                chain.close();
            }
            anvil.close();
            throw e;
        }
    }

    @Override
    public void close() {
        try {
            rpc.close();
            chain.close();
        } finally {
            anvil.close();
        }
    }
}
