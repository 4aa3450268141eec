package dev.marginsim.prover.snapshot;

import dev.marginsim.core.price.PriceRound;
import dev.marginsim.core.price.PriceSnapshot;
import java.math.BigInteger;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What every proof of one round is about, whatever its tier: which protocol (chain id and contract
 * address; 0 and the zero address for a simulation), the operator's round number, the price snapshot
 * the state was valued at (its {@link PriceSnapshot#hash()} is committed, and its block and timestamp
 * are the state's), and each asset's price and reserves.
 *
 * <p>Liability vectors of this round have {@link #columns()} entries: one per asset, in the order of
 * {@link #assets()} (ascending asset id, starting with asset 0), then the account's total in USD E6.
 *
 * @param chainId  EIP-155 chain id, a uint64 held in a long's bits (0 = simulation)
 * @param protocol the margin protocol's address (zero for a simulation)
 * @param roundId  the operator's round number, a uint64 held in a long's bits
 * @param prices   the price snapshot
 * @param assets   the protocol's assets, ascending ids, the first one asset 0
 */
public record RoundInfo(long chainId, Address protocol, long roundId, PriceSnapshot prices, List<RoundAsset> assets) {
    /** Most assets a protocol lists (docs/protocol.md: MAX_ASSETS). */
    public static final int MAX_ASSETS = 8;

    public RoundInfo {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(prices, "prices");
        assets = List.copyOf(assets);
        if (assets.isEmpty() || assets.size() > MAX_ASSETS) {
            throw new IllegalArgumentException("a round has 1..8 assets, not " + assets.size());
        }
        if (assets.get(0).assetId() != 0) {
            throw new IllegalArgumentException("the first asset must be the settlement asset 0");
        }
        for (int i = 1; i < assets.size(); i++) {
            if (assets.get(i).assetId() <= assets.get(i - 1).assetId()) {
                throw new IllegalArgumentException("asset ids must ascend strictly");
            }
        }
    }

    /** Entries of a liability vector: one per asset, then USD. */
    public int columns() {
        return assets.size() + 1;
    }

    /** Index of the USD column. */
    public int usdColumn() {
        return assets.size();
    }

    public long blockNumber() {
        return prices.blockNumber();
    }

    public long timestamp() {
        return prices.timestamp();
    }

    /**
     * Why some asset's price is not its feed's snapshot answer normalised to 1e8 as docs/protocol.md §3
     * does ({@code answer · 10^(8−fd)} or {@code floorDiv(answer, 10^(fd−8))}), or empty if every price is.
     * A collateral asset must name a feed that is in the snapshot.
     */
    public Optional<String> priceProblem() {
        for (RoundAsset a : assets) {
            if (a.assetId() == 0) {
                continue;
            }
            PriceRound round = prices.rounds().stream().filter(r -> r.source().equals(a.feed())).findFirst().orElse(null);
            if (round == null) {
                return Optional.of("asset " + a.assetId() + " names feed '" + a.feed() + "', which the snapshot lacks");
            }
            int fd = round.decimals();
            BigInteger normalised = fd <= 8 ? round.answer().multiply(BigInteger.TEN.pow(8 - fd))
                    : floorDiv(round.answer(), BigInteger.TEN.pow(fd - 8));
            if (!normalised.equals(BigInteger.valueOf(a.priceE8()))) {
                return Optional.of("asset " + a.assetId() + " is priced " + a.priceE8() + " but its feed '" + a.feed()
                        + "' answers " + normalised + " (E8)");
            }
        }
        return Optional.empty();
    }

    private static BigInteger floorDiv(BigInteger a, BigInteger b) {
        BigInteger[] qr = a.divideAndRemainder(b);
        return qr[1].signum() < 0 ? qr[0].subtract(BigInteger.ONE) : qr[0];
    }
}
