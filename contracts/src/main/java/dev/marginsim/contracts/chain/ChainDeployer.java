package dev.marginsim.contracts.chain;

import dev.marginsim.core.ProtocolSetup;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;

import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Int256;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint80;
import org.web3j.abi.datatypes.generated.Uint8;

/**
 * Deploys a {@link ProtocolSetup} to a chain: test tokens, mock Chainlink feeds (set to their initial
 * answers at the current block time), the sequencer-uptime feed, and {@code MarginProtocol} configured
 * exactly as the setup says — the same steps {@code EngineDeployer} takes on the Java engine.
 */
public final class ChainDeployer {
    private final Chain chain;
    private final Signer owner;

    public ChainDeployer(Chain chain, Signer owner) {
        this.chain = chain;
        this.owner = owner;
    }

    public Deployment deploy(ProtocolSetup setup) {
        String settlement = deployToken("USD Coin", "USDC", 6);
        List<String> tokens = new ArrayList<>();
        for (ProtocolSetup.Collateral c : setup.collaterals()) {
            tokens.add(deployToken(c.symbol(), c.symbol(), c.tokenDecimals()));
        }
        long now = chain.latestTimestamp();
        List<String> feeds = new ArrayList<>();
        for (ProtocolSetup.Feed f : setup.feeds()) {
            String feed = deployFeed(f.decimals(), f.name());
            setRound(feed, 1, BigInteger.valueOf(f.initialAnswer()), now, now, 1);
            feeds.add(feed);
        }
        String sequencer = null;
        if (setup.hasSequencerFeed()) {
            sequencer = deployFeed(0, "L2 sequencer uptime");
            // Up (answer 0) since long before the grace period.
            setRound(sequencer, 1, BigInteger.ZERO, 1, 1, 1);
        }
        String protocol = chain.deploy(owner, Artifacts.bytecode("MarginProtocol")
                + FunctionEncoder.encodeConstructor(List.of(new Address(settlement))));
        ProtocolClient client = new ProtocolClient(chain, protocol);
        for (int i = 0; i < setup.collaterals().size(); i++) {
            ProtocolSetup.Collateral c = setup.collaterals().get(i);
            String token = tokens.get(i); // by position: two equal collateral specs are still two assets
            ok(client.send(owner, ProtocolClient.encodeListAsset(token,
                    c.guard().bind(feeds.get(c.guard().feed())), c.risk())), "listAsset " + c.symbol());
        }
        for (ProtocolSetup.Market m : setup.markets()) {
            ok(client.send(owner, ProtocolClient.encodeListMarket(m.guard().bind(feeds.get(m.guard().feed())),
                    m.params())), "listMarket " + m.symbol());
        }
        if (sequencer != null) {
            ok(client.send(owner, ProtocolClient.encodeSetSequencerFeed(sequencer, setup.sequencerGraceSeconds())),
                    "setSequencerFeed");
        }
        ok(client.send(owner, ProtocolClient.encodeSetLiquidationConfig(setup.liquidationBufferBps(),
                setup.dustNotionalE6())), "setLiquidationConfig");
        return new Deployment(protocol, settlement, tokens, feeds, sequencer);
    }

    public String deployToken(String name, String symbol, int decimals) {
        return chain.deploy(owner, Artifacts.bytecode("TestToken") + FunctionEncoder.encodeConstructor(
                List.of(new Utf8String(name), new Utf8String(symbol), new Uint8(decimals))));
    }

    public String deployFeed(int decimals, String description) {
        return chain.deploy(owner, Artifacts.bytecode("MockAggregator") + FunctionEncoder.encodeConstructor(
                List.of(new Uint8(decimals), new Utf8String(description))));
    }

    /** Sets a feed's latest round exactly as given (MockAggregator.setRoundData). */
    public TxResult setRound(String feed, long roundId, BigInteger answer, long startedAt, long updatedAt,
            long answeredInRound) {
        return ok(chain.send(owner, feed, encodeSetRoundData(roundId, answer, startedAt, updatedAt, answeredInRound)),
                "setRoundData");
    }

    public static String encodeSetRoundData(long roundId, BigInteger answer, long startedAt, long updatedAt,
            long answeredInRound) {
        return ProtocolClient.encode("setRoundData", new Uint80(roundId), new Int256(answer),
                new Uint256(startedAt), new Uint256(updatedAt), new Uint80(answeredInRound));
    }

    public static String encodeMint(String to, BigInteger amount) {
        return ProtocolClient.encode("mint", new Address(to), new Uint256(amount));
    }

    public static String encodeApprove(String spender, BigInteger amount) {
        return ProtocolClient.encode("approve", new Address(spender), new Uint256(amount));
    }

    /** Mints {@code amount} of {@code token} to {@code to} and lets the protocol spend all of it. */
    public void fund(Signer holder, String token, String protocol, BigInteger amount) {
        ok(chain.send(owner, token, encodeMint(holder.address(), amount)), "mint");
        ok(chain.send(holder, token, encodeApprove(protocol, BigInteger.TWO.pow(256).subtract(BigInteger.ONE))),
                "approve");
    }

    private static TxResult ok(TxResult r, String what) {
        if (!r.success()) {
            throw new ChainException(what + " reverted" + r.revert().map(x -> ": " + x.solidityForm())
                    .orElse(r.revertData() == null ? "" : ": " + r.revertData()));
        }
        return r;
    }

}
