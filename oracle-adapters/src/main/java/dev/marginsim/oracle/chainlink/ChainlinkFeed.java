package dev.marginsim.oracle.chainlink;

import dev.marginsim.core.price.PriceFeed;
import dev.marginsim.core.price.PriceRound;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.web3j.crypto.Keys;
import org.web3j.crypto.WalletUtils;
import org.web3j.protocol.core.DefaultBlockParameterName;

/**
 * A deployed {@code AggregatorV3Interface} (an aggregator or a proxy) read through web3j. Opening it
 * checks that the address holds code and answers {@code decimals()} and {@code description()}; from
 * then on every read is the feed's own round, unmodified (guards are separate decorators).
 *
 * <p>"No such round": {@code getRoundData} reverts (FluxAggregator, this project's test aggregators,
 * a proxy asked for a phase it never had) or returns an all-zero round (OCR aggregators and
 * Chainlink's MockV3Aggregator return zeros for a round never written). Both read as empty.
 */
public final class ChainlinkFeed implements PriceFeed {
    private final FeedRpc rpc;
    private final String address;
    private final int decimals;
    private final String description;

    private ChainlinkFeed(FeedRpc rpc, String address, int decimals, String description) {
        this.rpc = rpc;
        this.address = address;
        this.decimals = decimals;
        this.description = description;
    }

    /**
     * Opens the feed at {@code address}: one batch reads its code, decimals, description and latest
     * round. Throws {@link FeedException.NoContractCode} or {@link FeedException.NotAFeed} (or
     * {@link FeedException.Unreachable}) with the reason.
     */
    public static ChainlinkFeed open(FeedRpc rpc, String address) {
        if (!WalletUtils.isValidAddress(address)) {
            throw new IllegalArgumentException("not an address: " + address);
        }
        String checksummed = Keys.toChecksumAddress(address);
        var responses = rpc.batch(List.of(FeedRpc.request("eth_getCode", checksummed, "latest"),
                FeedRpc.ethCallRequest(new EthCall(checksummed, AggregatorAbi.DECIMALS), "latest"),
                FeedRpc.ethCallRequest(new EthCall(checksummed, AggregatorAbi.DESCRIPTION), "latest"),
                FeedRpc.ethCallRequest(new EthCall(checksummed, AggregatorAbi.LATEST_ROUND_DATA), "latest")));
        if (FeedRpc.result(responses.get(0), "eth_getCode").asText().length() <= 2) {
            throw new FeedException.NoContractCode(checksummed);
        }
        int decimals = AggregatorAbi.decodeDecimals(checksummed, returned(checksummed, "decimals()",
                FeedRpc.toCallResult(responses.get(1))));
        String description = AggregatorAbi.decodeString(checksummed, returned(checksummed, "description()",
                FeedRpc.toCallResult(responses.get(2))));
        ChainlinkFeed feed = new ChainlinkFeed(rpc, checksummed, decimals, description);
        // A feed before its first answer may revert here; one that answers must answer a round.
        if (FeedRpc.toCallResult(responses.get(3)) instanceof CallResult.Returned r) {
            feed.decode(r.hex());
        }
        return feed;
    }

    private static String returned(String address, String what, CallResult r) {
        if (r instanceof CallResult.Reverted rev) {
            throw new FeedException.NotAFeed(address, what + " reverted (" + rev.message() + ")");
        }
        return ((CallResult.Returned) r).hex();
    }

    /** The checksummed address: a feed's identity in every round it returns. */
    @Override
    public String source() {
        return address;
    }

    public String address() {
        return address;
    }

    @Override
    public int decimals() {
        return decimals;
    }

    public String description() {
        return description;
    }

    public FeedRpc rpc() {
        return rpc;
    }

    @Override
    public PriceRound latestRound() {
        return latestRoundResult(rpc.call(latestCall(), DefaultBlockParameterName.LATEST));
    }

    @Override
    public Optional<PriceRound> round(BigInteger roundId) {
        return roundResult(rpc.call(roundCall(roundId), DefaultBlockParameterName.LATEST));
    }

    /** Many rounds in one JSON-RPC batch; each entry empty where the feed has no such round. */
    public List<Optional<PriceRound>> rounds(List<BigInteger> roundIds) {
        List<EthCall> calls = new ArrayList<>(roundIds.size());
        for (BigInteger id : roundIds) {
            calls.add(roundCall(id));
        }
        List<Optional<PriceRound>> out = new ArrayList<>(calls.size());
        for (CallResult r : rpc.calls(calls, "latest")) {
            out.add(roundResult(r));
        }
        return out;
    }

    /** The call behind {@link #latestRound()}, for batches that mix feeds. */
    public EthCall latestCall() {
        return new EthCall(address, AggregatorAbi.LATEST_ROUND_DATA);
    }

    public EthCall roundCall(BigInteger roundId) {
        return new EthCall(address, AggregatorAbi.getRoundData(roundId));
    }

    /** Decodes the result of {@link #latestCall()}. */
    public PriceRound latestRoundResult(CallResult result) {
        if (result instanceof CallResult.Reverted r) {
            throw new FeedException.NoRoundData(address, "latestRoundData() reverted (" + r.message() + ")");
        }
        return decode(((CallResult.Returned) result).hex());
    }

    /** Decodes the result of {@link #roundCall}; empty if the feed has no such round. */
    public Optional<PriceRound> roundResult(CallResult result) {
        if (result instanceof CallResult.Reverted) {
            return Optional.empty();
        }
        PriceRound r = decode(((CallResult.Returned) result).hex());
        boolean empty = r.answer().signum() == 0 && r.startedAt() == 0 && r.updatedAt() == 0;
        return empty ? Optional.empty() : Optional.of(r);
    }

    private PriceRound decode(String hex) {
        return AggregatorAbi.decodeRound(address, address, decimals, hex);
    }

    /**
     * The aggregator behind a proxy ({@code aggregator()}), or this feed's own address if it is not a
     * proxy. Events (AnswerUpdated, NewRound) are emitted by the aggregator, never by the proxy.
     */
    public String eventSource() {
        CallResult r = rpc.call(new EthCall(address, AggregatorAbi.AGGREGATOR), DefaultBlockParameterName.LATEST);
        if (r instanceof CallResult.Returned ret && ret.hex().length() == 66) {
            return Keys.toChecksumAddress(AggregatorAbi.decodeAddress(address, "aggregator()", ret.hex()));
        }
        return address;
    }

    /**
     * The last aggregator round of {@code phaseId}, read from the proxy's {@code phaseAggregators}; empty
     * if this is not a proxy or the phase never existed.
     */
    Optional<Long> lastRoundOfPhase(int phaseId) {
        CallResult r = rpc.call(new EthCall(address, AggregatorAbi.phaseAggregators(phaseId)),
                DefaultBlockParameterName.LATEST);
        if (!(r instanceof CallResult.Returned ret) || ret.hex().length() != 66) {
            return Optional.empty();
        }
        String aggregator = AggregatorAbi.decodeAddress(address, "phaseAggregators(uint16)", ret.hex());
        if (new BigInteger(aggregator.substring(2), 16).signum() == 0) {
            return Optional.empty();
        }
        CallResult latest = rpc.call(new EthCall(aggregator, AggregatorAbi.LATEST_ROUND_DATA),
                DefaultBlockParameterName.LATEST);
        if (!(latest instanceof CallResult.Returned l)) {
            return Optional.empty();
        }
        return Optional.of(AggregatorAbi.aggregatorRound(
                AggregatorAbi.decodeRound(aggregator, aggregator, decimals, l.hex()).roundId()));
    }

    @Override
    public String toString() {
        return "ChainlinkFeed[" + description + " at " + address + ", " + decimals + " decimals]";
    }
}
