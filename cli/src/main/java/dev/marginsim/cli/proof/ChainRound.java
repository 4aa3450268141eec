package dev.marginsim.cli.proof;

import dev.marginsim.contracts.chain.Chain;
import dev.marginsim.contracts.chain.ChainException;
import dev.marginsim.contracts.chain.ProtocolClient;
import dev.marginsim.core.ProtocolRevert;
import dev.marginsim.core.price.PriceSnapshot;
import dev.marginsim.oracle.chainlink.ChainlinkFeed;
import dev.marginsim.oracle.chainlink.FeedBatch;
import dev.marginsim.oracle.chainlink.FeedRpc;
import dev.marginsim.prover.snapshot.AccountReading;
import dev.marginsim.prover.snapshot.Address;
import dev.marginsim.prover.snapshot.Liabilities;
import dev.marginsim.prover.snapshot.LiabilityRule;
import dev.marginsim.prover.snapshot.Round;
import dev.marginsim.prover.snapshot.RoundAsset;
import dev.marginsim.prover.snapshot.RoundInfo;
import dev.marginsim.prover.snapshot.SnapshotException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.web3j.abi.EventEncoder;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Event;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.generated.Int64;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint8;
import org.web3j.crypto.Keys;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.utils.Numeric;

/**
 * Takes a {@link Round} from a deployed {@code MarginProtocol}: the chain counterpart of the prover's
 * {@code EngineSnapshot}, reading the same views, every one of them pinned to one block so the round is
 * one consistent state.
 *
 * <ul>
 *   <li>Assets, their tokens and feeds come from the protocol's {@code AssetListed} events, market
 *       feeds from {@code MarketListed}; token decimals from each token's {@code decimals()}.</li>
 *   <li>The price snapshot is every asset and market feed's {@code latestRoundData()} at the block, each
 *       named by its checksummed address (so anyone can re-read it); an asset's price is the
 *       protocol's own guarded {@code assetPrice}, and the round refuses a price that is not its
 *       feed's answer.</li>
 *   <li>Reserves are {@code solvency(asset).held}: the protocol's token balances.</li>
 *   <li>Accounts are every address a {@code Deposited} event names, plus every liquidator of a
 *       {@code PositionLiquidated} or {@code CollateralLiquidated} (liquidating creates the
 *       liquidator's account), that {@code getAccount} says exists at the block. These are the only
 *       ways the protocol creates an account, so none is dropped.</li>
 * </ul>
 */
public final class ChainRound {
    /** Reads per JSON-RPC batch: large enough to amortise the round trip, small enough for any node. */
    private static final int BATCH = 400;

    private static final Event ASSET_LISTED = new Event("AssetListed", List.of(new TypeReference<Uint8>(true) { },
            new TypeReference<org.web3j.abi.datatypes.Address>() { }, new TypeReference<org.web3j.abi.datatypes.Address>() { }));
    private static final Event MARKET_LISTED = new Event("MarketListed", List.of(new TypeReference<Uint8>(true) { },
            new TypeReference<org.web3j.abi.datatypes.Address>() { }));
    private static final Event DEPOSITED = new Event("Deposited", List.of(
            new TypeReference<org.web3j.abi.datatypes.Address>(true) { }, new TypeReference<Uint8>(true) { },
            new TypeReference<Uint256>() { }, new TypeReference<Int64>() { }));
    private static final String POSITION_LIQUIDATED =
            EventEncoder.buildEventSignature("PositionLiquidated(address,uint8,bool,address,int64,int64,int64,int64,int64,int64)");
    private static final String COLLATERAL_LIQUIDATED =
            EventEncoder.buildEventSignature("CollateralLiquidated(address,uint8,address,int64,int64)");

    private ChainRound() {
    }

    /**
     * @param url      the node's JSON-RPC URL
     * @param protocol the protocol's address
     * @param block    the block whose state to take, or a negative number for the head block
     * @param roundId  the round number to give it
     * @throws SnapshotException when the state cannot be valued (a guard refuses a price, a sum overflows)
     * @throws ChainException    when the node cannot be read or {@code protocol} is not a margin protocol
     */
    public static Round read(String url, String protocol, long block, long roundId) {
        try (Chain chain = Chain.connect(url)) {
            Reading r = info(chain, url, protocol, block, roundId);
            return new Round(r.info, accounts(r.client, r.info, r.listing));
        }
    }

    /**
     * The public part of a round at {@code block} — chain id, block, prices, assets and reserves — as
     * {@link #read} takes it; what anyone can re-read to check a published round against the chain.
     */
    public static RoundInfo readInfo(String url, String protocol, long block, long roundId) {
        try (Chain chain = Chain.connect(url)) {
            return info(chain, url, protocol, block, roundId).info;
        }
    }

    private record Reading(RoundInfo info, ProtocolClient client, Listing listing) {
    }

    private static Reading info(Chain chain, String url, String protocol, long block, long roundId) {
        if (!chain.hasCode(protocol)) {
            throw new ChainException("no contract at " + protocol);
        }
        long head = chain.blockNumber();
        long at = block < 0 ? head : block;
        if (at > head) {
            throw new ChainException("block " + at + " is ahead of the chain's head " + head);
        }
        String checksummed = Keys.toChecksumAddress(protocol);
        ProtocolClient client = new ProtocolClient(chain, checksummed).atBlock(at);
        Listing listing = Listing.read(chain, checksummed, at);
        PriceSnapshot prices = prices(url, listing, at);
        RoundInfo info = new RoundInfo(chain.chainId(), Address.parse(checksummed), roundId, prices,
                assets(chain, client, listing, at));
        info.priceProblem().ifPresent(p -> {
            throw new SnapshotException(SnapshotException.Reason.PRICE_MISMATCH, p);
        });
        return new Reading(info, client, listing);
    }

    /** What the protocol's events say about its assets, markets and accounts up to the block. */
    private record Listing(List<String> assetTokens, List<String> assetFeeds, List<String> marketFeeds, Set<String> accounts) {
        static Listing read(Chain chain, String protocol, long at) {
            List<String> tokens = new ArrayList<>();
            List<String> assetFeeds = new ArrayList<>();
            List<String> marketFeeds = new ArrayList<>();
            Set<String> accounts = new TreeSet<>();
            String assetListed = EventEncoder.encode(ASSET_LISTED);
            String marketListed = EventEncoder.encode(MARKET_LISTED);
            String deposited = EventEncoder.encode(DEPOSITED);
            for (Log log : chain.logs(protocol, at, List.of(assetListed, marketListed, deposited, POSITION_LIQUIDATED,
                    COLLATERAL_LIQUIDATED))) {
                String topic = log.getTopics().get(0);
                List<String> words = words(log.getData());
                if (topic.equals(assetListed)) {
                    tokens.add(address(words.get(0)));
                    assetFeeds.add(address(words.get(1)));
                } else if (topic.equals(marketListed)) {
                    marketFeeds.add(address(words.get(0)));
                } else if (topic.equals(deposited)) {
                    accounts.add(address(log.getTopics().get(1)));
                } else if (topic.equals(POSITION_LIQUIDATED)) {
                    accounts.add(address(words.get(1))); // (bool isolated, address liquidator, ...)
                } else {
                    accounts.add(address(words.get(0))); // (address liquidator, ...)
                }
            }
            return new Listing(tokens, assetFeeds, marketFeeds, accounts);
        }

        /** Distinct feeds of assets, then markets, in listing order. */
        List<String> feeds() {
            Set<String> all = new LinkedHashSet<>(assetFeeds);
            all.addAll(marketFeeds);
            return new ArrayList<>(all);
        }
    }

    private static PriceSnapshot prices(String url, Listing listing, long at) {
        FeedRpc rpc = FeedRpc.connect(url);
        try {
            List<ChainlinkFeed> feeds = new ArrayList<>();
            for (String feed : listing.feeds()) {
                feeds.add(ChainlinkFeed.open(rpc, feed));
            }
            return FeedBatch.snapshotAt(rpc, feeds, at);
        } finally {
            rpc.close();
        }
    }

    private static List<RoundAsset> assets(Chain chain, ProtocolClient client, Listing listing, long at) {
        int count = client.assetCount();
        if (count != listing.assetTokens().size() + 1) {
            throw new SnapshotException(SnapshotException.Reason.INCONSISTENT_STATE, "the protocol lists " + count
                    + " assets but its events " + (listing.assetTokens().size() + 1));
        }
        List<RoundAsset> assets = new ArrayList<>();
        assets.add(RoundAsset.settlement(client.solvency(0).held()));
        for (int id = 1; id < count; id++) {
            long price;
            try {
                price = client.assetPriceE8(id);
            } catch (ProtocolRevert r) {
                throw new SnapshotException(SnapshotException.Reason.PRICE_UNAVAILABLE,
                        "the price of asset " + id + " reverts " + r.solidityForm());
            }
            String token = listing.assetTokens().get(id - 1);
            int decimals = Numeric.decodeQuantity(chain.call(token, FunctionEncoder.encode(
                    new Function("decimals", List.of(), List.of(new TypeReference<Uint8>() { }))), Chain.blockTag(at))).intValueExact();
            assets.add(new RoundAsset(id, listing.assetFeeds().get(id - 1), price, decimals, client.solvency(id).held()));
        }
        return assets;
    }

    private static List<Liabilities> accounts(ProtocolClient client, RoundInfo info, Listing listing) {
        int markets = client.marketCount();
        List<String> candidates = new ArrayList<>(listing.accounts());
        List<Liabilities> out = new ArrayList<>();
        for (int from = 0; from < candidates.size(); from += BATCH) {
            List<String> chunk = candidates.subList(from, Math.min(candidates.size(), from + BATCH));
            List<ProtocolClient.Read<?>> reads = new ArrayList<>();
            for (String a : chunk) {
                reads.add(ProtocolClient.getAccountRead(a));
                reads.add(ProtocolClient.accountHealthRead(a));
                for (int m = 0; m < markets; m++) {
                    reads.add(ProtocolClient.isolatedHealthRead(a, m));
                }
            }
            List<Object> results = client.readAll(reads);
            int k = 0;
            for (String a : chunk) {
                ProtocolClient.Account account = (ProtocolClient.Account) results.get(k++);
                Object cross = results.get(k++);
                long[] isolated = new long[markets];
                for (int m = 0; m < markets; m++) {
                    isolated[m] = equity(results.get(k++), a, account.exists());
                }
                if (!account.exists()) {
                    continue;
                }
                out.add(LiabilityRule.apply(info, new AccountReading(Address.parse(a), account.quoteE6(),
                        account.collateralE9(), equity(cross, a, true), isolated)));
            }
        }
        return out;
    }

    /** A health read's equity; a revert of an existing account's valuation means a price is refused. */
    private static long equity(Object result, String account, boolean exists) {
        if (result instanceof ProtocolClient.Health h) {
            return h.equityE6();
        }
        if (!exists) {
            return 0; // UnknownAccount: the account is skipped anyway
        }
        throw new SnapshotException(SnapshotException.Reason.PRICE_UNAVAILABLE,
                "valuing account " + account + " reverts " + ((ProtocolRevert) result).solidityForm());
    }

    private static List<String> words(String data) {
        String hex = Numeric.cleanHexPrefix(data);
        List<String> words = new ArrayList<>();
        for (int i = 0; i + 64 <= hex.length(); i += 64) {
            words.add(hex.substring(i, i + 64));
        }
        return words;
    }

    private static String address(String word) {
        String hex = Numeric.cleanHexPrefix(word);
        return Keys.toChecksumAddress("0x" + hex.substring(hex.length() - 40));
    }
}
