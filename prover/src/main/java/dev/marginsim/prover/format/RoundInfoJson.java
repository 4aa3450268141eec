package dev.marginsim.prover.format;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.marginsim.core.price.PriceSnapshot;
import dev.marginsim.prover.snapshot.Address;
import dev.marginsim.prover.snapshot.RoundAsset;
import dev.marginsim.prover.snapshot.RoundInfo;
import dev.marginsim.prover.verify.Failure;
import dev.marginsim.prover.verify.VerificationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The fields of a {@link RoundInfo} that every round document carries, whatever its tier:
 * {@code chainId, protocol, roundId, priceSnapshot, assets}. A tier's round document adds its own
 * commitment fields beside them (the transparent tier: {@code tree}, {@code roundHash}).
 */
public final class RoundInfoJson {
    /** The field names this class reads and writes. */
    public static final Set<String> FIELDS = Set.of("chainId", "protocol", "roundId", "priceSnapshot", "assets");
    private static final Set<String> ASSET_FIELDS = Set.of("assetId", "feed", "priceE8", "tokenDecimals", "reservesTokens");

    private RoundInfoJson() {
    }

    /** Adds the fields to {@code o}, in the documented order. */
    public static void write(RoundInfo info, ObjectNode o) {
        o.put("chainId", JsonOut.unsignedDecimal(info.chainId()));
        o.put("protocol", info.protocol().toString());
        o.put("roundId", JsonOut.unsignedDecimal(info.roundId()));
        o.set("priceSnapshot", PriceSnapshotJson.write(info.prices()));
        ArrayNode assets = o.putArray("assets");
        for (RoundAsset a : info.assets()) {
            ObjectNode j = assets.addObject();
            j.put("assetId", a.assetId());
            j.put("feed", a.feed());
            j.put("priceE8", JsonOut.decimal(a.priceE8()));
            j.put("tokenDecimals", a.tokenDecimals());
            j.put("reservesTokens", a.reservesTokens().toString());
        }
    }

    /** Reads the fields from {@code o} (whose unknown fields the caller has already rejected). */
    public static RoundInfo read(ObjectNode o, String path) throws VerificationException {
        long chainId = JsonIn.uint64(JsonIn.field(o, "chainId", path), path + ".chainId");
        Address protocol = Address.of(JsonIn.hex(JsonIn.field(o, "protocol", path), path + ".protocol", Address.LENGTH));
        long roundId = JsonIn.uint64(JsonIn.field(o, "roundId", path), path + ".roundId");
        PriceSnapshot prices = PriceSnapshotJson.read(JsonIn.field(o, "priceSnapshot", path), path + ".priceSnapshot");
        ArrayNode array = JsonIn.array(JsonIn.field(o, "assets", path), path + ".assets", 1, RoundInfo.MAX_ASSETS);
        List<RoundAsset> assets = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            String p = path + ".assets[" + i + "]";
            ObjectNode a = JsonIn.object(array.get(i), p, ASSET_FIELDS);
            int id = JsonIn.smallInt(JsonIn.field(a, "assetId", p), p + ".assetId", 0, RoundAsset.MAX_ASSET_ID);
            String feed = JsonIn.name(JsonIn.field(a, "feed", p), p + ".feed");
            long price = JsonIn.nonNegativeInt64(JsonIn.field(a, "priceE8", p), p + ".priceE8");
            int decimals = JsonIn.smallInt(JsonIn.field(a, "tokenDecimals", p), p + ".tokenDecimals", 0, 36);
            try {
                assets.add(new RoundAsset(id, feed, price, decimals,
                        JsonIn.uint256(JsonIn.field(a, "reservesTokens", p), p + ".reservesTokens")));
            } catch (IllegalArgumentException e) {
                throw new VerificationException(Failure.VALUE_OUT_OF_RANGE, p + ": " + e.getMessage());
            }
        }
        try {
            return new RoundInfo(chainId, protocol, roundId, prices, assets);
        } catch (IllegalArgumentException e) {
            throw new VerificationException(Failure.MALFORMED_FIELD, path + ".assets: " + e.getMessage());
        }
    }
}
