package dev.marginsim.oracle.onchain;

import dev.marginsim.contracts.chain.Artifacts;
import dev.marginsim.contracts.chain.Chain;
import dev.marginsim.contracts.chain.ChainException;
import dev.marginsim.contracts.chain.Signer;
import dev.marginsim.contracts.chain.TxResult;
import dev.marginsim.core.price.PriceRound;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Int256;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint8;
import org.web3j.abi.datatypes.generated.Uint80;

/**
 * Deploys and writes the test feed contracts ({@code EventedAggregator}, {@code PhasedAggregatorProxy},
 * and the protocol's {@code MockAggregator} for sequencer status). Rounds are written exactly as
 * given: an aggregator keeps the low 64 bits of a round id (the phase lives in the proxy).
 */
public final class FeedContracts {
    /** Rounds per {@code setRounds} transaction: about 100k gas each, well inside {@link Chain#GAS_LIMIT}. */
    public static final int ROUNDS_PER_TX = 50;

    private final Chain chain;
    private final Signer writer;

    public FeedContracts(Chain chain, Signer writer) {
        this.chain = chain;
        this.writer = writer;
    }

    public Chain chain() {
        return chain;
    }

    /** The key every write is signed with (its nonce is tracked locally). */
    public Signer writer() {
        return writer;
    }

    public String deployAggregator(int decimals, String description) {
        return chain.deploy(writer, Artifacts.bytecode("EventedAggregator") + FunctionEncoder.encodeConstructor(
                List.of(new Uint8(decimals), new Utf8String(description))));
    }

    public String deployProxy(String aggregator) {
        return chain.deploy(writer, Artifacts.bytecode("PhasedAggregatorProxy")
                + FunctionEncoder.encodeConstructor(List.of(new Address(aggregator))));
    }

    /** A sequencer-uptime feed as the protocol reads it: a MockAggregator with 0 decimals. */
    public String deploySequencerFeed() {
        return chain.deploy(writer, Artifacts.bytecode("MockAggregator") + FunctionEncoder.encodeConstructor(
                List.of(new Uint8(0), new Utf8String("L2 sequencer uptime"))));
    }

    /** Starts a new phase of {@code proxy} served by {@code aggregator}. */
    public void confirmAggregator(String proxy, String aggregator) {
        ok(chain.send(writer, proxy, encode("confirmAggregator", new Address(aggregator))), "confirmAggregator");
    }

    /** A new round answered at the current block time. */
    public void transmit(String aggregator, BigInteger answer) {
        ok(chain.send(writer, aggregator, encode("transmit", new Int256(answer))), "transmit");
    }

    /** Writes one round (aggregator or MockAggregator: both have setRoundData with this signature). */
    public void setRound(String feed, PriceRound r) {
        ok(chain.send(writer, feed, encodeSetRound(r)), "setRoundData");
    }

    /** Writes rounds in order, {@link #ROUNDS_PER_TX} per transaction. */
    public void setRounds(String aggregator, List<PriceRound> rounds) {
        for (int from = 0; from < rounds.size(); from += ROUNDS_PER_TX) {
            ok(chain.send(writer, aggregator, encodeSetRounds(rounds.subList(from,
                    Math.min(rounds.size(), from + ROUNDS_PER_TX)))), "setRounds");
        }
    }

    /** setRoundData calldata with the aggregator's (low 64-bit) round ids. */
    public static String encodeSetRound(PriceRound r) {
        return encode("setRoundData", new Uint80(low64(r.roundId())), new Int256(r.answer()),
                new Uint256(r.startedAt()), new Uint256(r.updatedAt()), new Uint80(low64(r.answeredInRound())));
    }

    static String encodeSetRounds(List<PriceRound> rounds) {
        List<Uint80> ids = new ArrayList<>();
        List<Int256> answers = new ArrayList<>();
        List<Uint256> started = new ArrayList<>();
        List<Uint256> updated = new ArrayList<>();
        List<Uint80> answeredIn = new ArrayList<>();
        for (PriceRound r : rounds) {
            ids.add(new Uint80(low64(r.roundId())));
            answers.add(new Int256(r.answer()));
            started.add(new Uint256(r.startedAt()));
            updated.add(new Uint256(r.updatedAt()));
            answeredIn.add(new Uint80(low64(r.answeredInRound())));
        }
        return encode("setRounds", new DynamicArray<>(Uint80.class, ids), new DynamicArray<>(Int256.class, answers),
                new DynamicArray<>(Uint256.class, started), new DynamicArray<>(Uint256.class, updated),
                new DynamicArray<>(Uint80.class, answeredIn));
    }

    private static BigInteger low64(BigInteger id) {
        return id.mod(BigInteger.ONE.shiftLeft(64));
    }

    static String encode(String name, Type<?>... args) {
        return FunctionEncoder.encode(new Function(name, List.of(args), List.of()));
    }

    static TxResult ok(TxResult r, String what) {
        if (!r.success()) {
            throw new ChainException(what + " reverted" + (r.revertData() == null ? "" : ": " + r.revertData()));
        }
        return r;
    }
}
