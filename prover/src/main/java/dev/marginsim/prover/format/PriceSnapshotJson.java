package dev.marginsim.prover.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.marginsim.core.price.PriceRound;
import dev.marginsim.core.price.PriceSnapshot;
import dev.marginsim.prover.verify.Failure;
import dev.marginsim.prover.verify.VerificationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The JSON of a {@link PriceSnapshot}: its block, timestamp, every round as the feed returned it, and
 * its hash (docs/oracles.md), which a reader recomputes ({@link Failure#PRICE_SNAPSHOT_MISMATCH}).
 * <pre>
 * {"blockNumber": "…", "timestamp": "…", "rounds": [{"source", "roundId", "answer", "decimals",
 *  "startedAt", "updatedAt", "answeredInRound"}, …], "hash": "0x…"}
 * </pre>
 * Rounds are listed in source order, the order the hash uses; another order is rejected.
 */
public final class PriceSnapshotJson {
    private static final Set<String> FIELDS = Set.of("blockNumber", "timestamp", "rounds", "hash");
    private static final Set<String> ROUND_FIELDS = Set.of("source", "roundId", "answer", "decimals", "startedAt",
            "updatedAt", "answeredInRound");
    /** Most rounds a snapshot document may hold. */
    public static final int MAX_ROUNDS = 64;

    private PriceSnapshotJson() {
    }

    public static ObjectNode write(PriceSnapshot s) {
        ObjectNode o = JsonOut.object();
        o.put("blockNumber", JsonOut.decimal(s.blockNumber()));
        o.put("timestamp", JsonOut.decimal(s.timestamp()));
        ArrayNode rounds = o.putArray("rounds");
        for (PriceRound r : s.rounds()) {
            ObjectNode j = rounds.addObject();
            j.put("source", r.source());
            j.put("roundId", r.roundId().toString());
            j.put("answer", r.answer().toString());
            j.put("decimals", r.decimals());
            j.put("startedAt", JsonOut.decimal(r.startedAt()));
            j.put("updatedAt", JsonOut.decimal(r.updatedAt()));
            j.put("answeredInRound", r.answeredInRound().toString());
        }
        o.put("hash", Hex.encode(s.hash()));
        return o;
    }

    public static PriceSnapshot read(JsonNode node, String path) throws VerificationException {
        ObjectNode o = JsonIn.object(node, path, FIELDS);
        long block = JsonIn.nonNegativeInt64(JsonIn.field(o, "blockNumber", path), path + ".blockNumber");
        long timestamp = JsonIn.nonNegativeInt64(JsonIn.field(o, "timestamp", path), path + ".timestamp");
        ArrayNode array = JsonIn.array(JsonIn.field(o, "rounds", path), path + ".rounds", 0, MAX_ROUNDS);
        List<PriceRound> rounds = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            String p = path + ".rounds[" + i + "]";
            ObjectNode r = JsonIn.object(array.get(i), p, ROUND_FIELDS);
            String source = JsonIn.name(JsonIn.field(r, "source", p), p + ".source");
            try {
                rounds.add(new PriceRound(source,
                        JsonIn.uint256(JsonIn.field(r, "roundId", p), p + ".roundId"),
                        JsonIn.int256(JsonIn.field(r, "answer", p), p + ".answer"),
                        JsonIn.smallInt(JsonIn.field(r, "decimals", p), p + ".decimals", 0, 255),
                        JsonIn.nonNegativeInt64(JsonIn.field(r, "startedAt", p), p + ".startedAt"),
                        JsonIn.nonNegativeInt64(JsonIn.field(r, "updatedAt", p), p + ".updatedAt"),
                        JsonIn.uint256(JsonIn.field(r, "answeredInRound", p), p + ".answeredInRound")));
            } catch (IllegalArgumentException e) {
                throw new VerificationException(Failure.VALUE_OUT_OF_RANGE, p + ": " + e.getMessage());
            }
            if (i > 0 && rounds.get(i - 1).source().compareTo(source) >= 0) {
                throw new VerificationException(Failure.MALFORMED_FIELD, p + ".source must sort after the previous one (unique, ascending)");
            }
        }
        PriceSnapshot snapshot = new PriceSnapshot(block, timestamp, rounds);
        byte[] hash = JsonIn.hex(JsonIn.field(o, "hash", path), path + ".hash", 32);
        if (!java.util.Arrays.equals(hash, snapshot.hash())) {
            throw new VerificationException(Failure.PRICE_SNAPSHOT_MISMATCH, path + ".hash is not the hash of the snapshot");
        }
        return snapshot;
    }
}
