package dev.marginsim.prover.snapshot;

import dev.marginsim.simulator.engine.FixedPoint;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One protocol asset as a round sees it: its price at the snapshot and what the protocol holds of it.
 *
 * <p>Liabilities are counted in the protocol's internal units of the asset (docs/protocol.md §1):
 * USD E6 for the settlement asset (id 0, whose token has 6 decimals), 1e-9 token (E9) for collateral.
 * Reserves are token units held by the protocol; {@link #reservesInternal()} converts them to internal
 * units rounding down (against the solvency claim), as a deposit credit does (§2).
 *
 * @param assetId        the protocol's asset id, 0..7 (0 = settlement)
 * @param feed           the price snapshot source this asset is priced from; empty for asset 0 (at par)
 * @param priceE8        USD × 1e8, as the protocol normalises it (§3); exactly 1e8 for asset 0
 * @param tokenDecimals  the token's decimals (6 for asset 0, 0..36 otherwise)
 * @param reservesTokens the protocol's token balance at the snapshot, in token units (uint256)
 */
public record RoundAsset(int assetId, String feed, long priceE8, int tokenDecimals, BigInteger reservesTokens) {
    /** Largest asset id (docs/protocol.md: MAX_ASSETS = 8, ids 0..7). */
    public static final int MAX_ASSET_ID = 7;
    public static final long SETTLEMENT_PRICE_E8 = 100_000_000L;
    private static final long VALUE_SCALE = 100_000_000_000L; // 1e11 = 1e9 · 1e8 / 1e6
    private static final BigInteger UINT256_LIMIT = BigInteger.ONE.shiftLeft(256);

    public RoundAsset {
        Objects.requireNonNull(feed, "feed");
        Objects.requireNonNull(reservesTokens, "reservesTokens");
        if (assetId < 0 || assetId > MAX_ASSET_ID) {
            throw new IllegalArgumentException("asset id must be 0..7: " + assetId);
        }
        if (feed.getBytes(StandardCharsets.UTF_8).length > 0xFFFF) {
            throw new IllegalArgumentException("feed source longer than 65535 bytes");
        }
        if (assetId == 0 && (!feed.isEmpty() || priceE8 != SETTLEMENT_PRICE_E8 || tokenDecimals != 6)) {
            throw new IllegalArgumentException("asset 0 is the settlement asset: no feed, price 1e8, 6 decimals");
        }
        if (priceE8 <= 0) {
            throw new IllegalArgumentException("price must be positive: " + priceE8);
        }
        if (tokenDecimals < 0 || tokenDecimals > 36) {
            throw new IllegalArgumentException("token decimals must be 0..36: " + tokenDecimals);
        }
        if (reservesTokens.signum() < 0 || reservesTokens.compareTo(UINT256_LIMIT) >= 0) {
            throw new IllegalArgumentException("reserves must be a uint256: " + reservesTokens);
        }
    }

    /** The settlement asset (id 0) holding {@code reservesTokens} (6-decimal units). */
    public static RoundAsset settlement(BigInteger reservesTokens) {
        return new RoundAsset(0, "", SETTLEMENT_PRICE_E8, 6, reservesTokens);
    }

    /** Decimals of the internal unit: 6 (USD E6) for asset 0, 9 (E9) otherwise. */
    public int internalDecimals() {
        return assetId == 0 ? 6 : 9;
    }

    /** Reserves in internal units, rounded down: asset 0 as is; d ≥ 9: floor(t / 10^(d−9)); d &lt; 9: t · 10^(9−d). */
    public BigInteger reservesInternal() {
        if (assetId == 0) {
            return reservesTokens;
        }
        return tokenDecimals >= 9 ? reservesTokens.divide(BigInteger.TEN.pow(tokenDecimals - 9))
                : reservesTokens.multiply(BigInteger.TEN.pow(9 - tokenDecimals));
    }

    /**
     * The USD E6 value of {@code amount} internal units with the protocol's rounding: asset 0 at par,
     * collateral {@code value(amountE9, priceE8) = floorDiv(amountE9 · priceE8, 1e11)} (§1), narrowed
     * to int64 ({@code ProtocolRevert(Overflow)} otherwise, as the contract reverts).
     */
    public long valueE6(long amount) {
        return assetId == 0 ? amount : FixedPoint.mulDivFloor(amount, priceE8, VALUE_SCALE);
    }
}
