package dev.marginsim.prover.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.marginsim.prover.snapshot.Address;
import dev.marginsim.prover.transparent.InclusionProof;
import dev.marginsim.prover.transparent.PublishedRound;
import dev.marginsim.prover.transparent.TreeHashing;
import dev.marginsim.prover.verify.Failure;
import dev.marginsim.prover.verify.VerificationException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * The transparent tier's documents (docs/proofs.md, "Documents"), version 1:
 * <ul>
 *   <li>{@value #ROUND_TYPE}: a {@link PublishedRound} — the round info fields, {@code tree}
 *       {@code {depth, rootHash, totals}} and {@code roundHash};</li>
 *   <li>{@value #PROOF_TYPE}: an {@link InclusionProof} — {@code round} (a whole round document),
 *       {@code account, salt, balances, index, path: [{hash, sums}]};</li>
 *   <li>{@value #STATEMENT_TYPE}: a solvency statement — {@code round} and, per asset,
 *       {@code {assetId, reservesInternal, liabilities}}, both recomputed by the reader.</li>
 * </ul>
 * Readers check everything a document says about itself (hashes it carries, derived fields), so a
 * document that reads is internally consistent; whether it is the published round, and whether the
 * path reaches the root, is the verifier's business.
 */
public final class TransparentJson {
    public static final String ROUND_TYPE = "marginsim/transparent-round";
    public static final String PROOF_TYPE = "marginsim/transparent-inclusion-proof";
    public static final String STATEMENT_TYPE = "marginsim/transparent-solvency-statement";
    public static final int VERSION = 1;

    private static final Set<String> ROUND_FIELDS = union(RoundInfoJson.FIELDS, Set.of("type", "version", "tree", "roundHash"));
    private static final Set<String> TREE_FIELDS = Set.of("depth", "rootHash", "totals");
    private static final Set<String> PROOF_FIELDS = Set.of("type", "version", "round", "account", "salt", "balances", "index", "path");
    private static final Set<String> SIBLING_FIELDS = Set.of("hash", "sums");
    private static final Set<String> STATEMENT_FIELDS = Set.of("type", "version", "round", "assets");
    private static final Set<String> CLAIM_FIELDS = Set.of("assetId", "reservesInternal", "liabilities");

    private TransparentJson() {
    }

    // ---- round ----

    public static ObjectNode writeRound(PublishedRound round) {
        ObjectNode o = JsonOut.document(ROUND_TYPE, VERSION);
        RoundInfoJson.write(round.info(), o);
        ObjectNode tree = o.putObject("tree");
        tree.put("depth", round.depth());
        tree.put("rootHash", Hex.encode(round.rootHash()));
        ArrayNode totals = tree.putArray("totals");
        for (long t : round.totals()) {
            totals.add(JsonOut.decimal(t));
        }
        o.put("roundHash", Hex.encode(round.roundHash()));
        return o;
    }

    public static PublishedRound readRound(byte[] json) throws VerificationException {
        return readRound(JsonIn.parse(json), "$");
    }

    /** Reads a round document and checks its {@code roundHash} ({@link Failure#ROUND_HASH_MISMATCH}). */
    public static PublishedRound readRound(JsonNode node, String path) throws VerificationException {
        ObjectNode o = path.equals("$") ? JsonIn.document(node, ROUND_TYPE, VERSION, ROUND_FIELDS)
                : embedded(node, path, ROUND_TYPE, ROUND_FIELDS);
        var info = RoundInfoJson.read(o, path);
        String tp = path + ".tree";
        ObjectNode tree = JsonIn.object(JsonIn.field(o, "tree", path), tp, TREE_FIELDS);
        int depth = JsonIn.smallInt(JsonIn.field(tree, "depth", tp), tp + ".depth", 1, PublishedRound.MAX_DEPTH);
        byte[] root = JsonIn.hex(JsonIn.field(tree, "rootHash", tp), tp + ".rootHash", 32);
        long[] totals = values(JsonIn.field(tree, "totals", tp), tp + ".totals", info.columns());
        PublishedRound round = new PublishedRound(info, depth, root, totals);
        byte[] claimed = JsonIn.hex(JsonIn.field(o, "roundHash", path), path + ".roundHash", 32);
        if (!Arrays.equals(claimed, round.roundHash())) {
            throw new VerificationException(Failure.ROUND_HASH_MISMATCH, path + ".roundHash is not the hash of the round's fields");
        }
        return round;
    }

    // ---- inclusion proof ----

    public static ObjectNode writeProof(InclusionProof proof) {
        ObjectNode o = JsonOut.document(PROOF_TYPE, VERSION);
        o.set("round", writeRound(proof.round()));
        o.put("account", proof.account().toString());
        o.put("salt", Hex.encode(proof.salt()));
        ArrayNode balances = o.putArray("balances");
        for (long b : proof.balances()) {
            balances.add(JsonOut.decimal(b));
        }
        o.put("index", JsonOut.decimal(proof.index()));
        ArrayNode path = o.putArray("path");
        for (int l = 0; l < proof.pathLength(); l++) {
            ObjectNode s = path.addObject();
            s.put("hash", Hex.encode(proof.siblingHash(l)));
            ArrayNode sums = s.putArray("sums");
            for (long v : proof.siblingSums(l)) {
                sums.add(JsonOut.decimal(v));
            }
        }
        return o;
    }

    public static InclusionProof readProof(byte[] json) throws VerificationException {
        return readProof(JsonIn.parse(json));
    }

    public static InclusionProof readProof(JsonNode node) throws VerificationException {
        ObjectNode o = JsonIn.document(node, PROOF_TYPE, VERSION, PROOF_FIELDS);
        PublishedRound round = readRound(JsonIn.field(o, "round", "$"), "$.round");
        int c = round.info().columns();
        Address account = Address.of(JsonIn.hex(JsonIn.field(o, "account", "$"), "$.account", Address.LENGTH));
        byte[] salt = JsonIn.hex(JsonIn.field(o, "salt", "$"), "$.salt", 32);
        long[] balances = values(JsonIn.field(o, "balances", "$"), "$.balances", c);
        long index = JsonIn.uint64(JsonIn.field(o, "index", "$"), "$.index");
        ArrayNode path = JsonIn.array(JsonIn.field(o, "path", "$"), "$.path", 0, PublishedRound.MAX_DEPTH);
        byte[][] hashes = new byte[path.size()][];
        long[][] sums = new long[path.size()][];
        for (int l = 0; l < path.size(); l++) {
            String p = "$.path[" + l + "]";
            ObjectNode s = JsonIn.object(path.get(l), p, SIBLING_FIELDS);
            hashes[l] = JsonIn.hex(JsonIn.field(s, "hash", p), p + ".hash", 32);
            sums[l] = values(JsonIn.field(s, "sums", p), p + ".sums", c);
        }
        return new InclusionProof(round, account, salt, balances, index, hashes, sums);
    }

    // ---- solvency statement ----

    /** The statement of a round: per asset, reserves in internal units (rounded down) and total liabilities. */
    public static ObjectNode writeStatement(PublishedRound round) {
        ObjectNode o = JsonOut.document(STATEMENT_TYPE, VERSION);
        o.set("round", writeRound(round));
        ArrayNode assets = o.putArray("assets");
        long[] totals = round.totals();
        for (int i = 0; i < round.info().assets().size(); i++) {
            ObjectNode a = assets.addObject();
            a.put("assetId", round.info().assets().get(i).assetId());
            a.put("reservesInternal", round.info().assets().get(i).reservesInternal().toString());
            a.put("liabilities", JsonOut.decimal(totals[i]));
        }
        return o;
    }

    /** Reads a statement; its per-asset lines must be exactly the ones its round implies. Solvency itself is the verifier's check. */
    public static PublishedRound readStatement(byte[] json) throws VerificationException {
        ObjectNode o = JsonIn.document(JsonIn.parse(json), STATEMENT_TYPE, VERSION, STATEMENT_FIELDS);
        PublishedRound round = readRound(JsonIn.field(o, "round", "$"), "$.round");
        int n = round.info().assets().size();
        ArrayNode assets = JsonIn.array(JsonIn.field(o, "assets", "$"), "$.assets", n, n);
        long[] totals = round.totals();
        for (int i = 0; i < n; i++) {
            String p = "$.assets[" + i + "]";
            ObjectNode a = JsonIn.object(assets.get(i), p, CLAIM_FIELDS);
            int id = JsonIn.smallInt(JsonIn.field(a, "assetId", p), p + ".assetId", 0, 7);
            var reserves = JsonIn.uint256(JsonIn.field(a, "reservesInternal", p), p + ".reservesInternal");
            long liabilities = JsonIn.nonNegativeInt64(JsonIn.field(a, "liabilities", p), p + ".liabilities");
            var asset = round.info().assets().get(i);
            if (id != asset.assetId()) {
                throw new VerificationException(Failure.ROUND_MISMATCH, p + ".assetId is not the round's asset " + asset.assetId());
            }
            if (!reserves.equals(asset.reservesInternal())) {
                throw new VerificationException(Failure.RESERVES_MISMATCH, p + ".reservesInternal is not the round's reserves "
                        + asset.reservesInternal() + " converted to internal units");
            }
            if (liabilities != totals[i]) {
                throw new VerificationException(Failure.TOTALS_MISMATCH, p + ".liabilities is not the round's total " + totals[i]);
            }
        }
        return round;
    }

    // ---- helpers ----

    /** Reads the {@code type} of any document (to dispatch on it). */
    public static String typeOf(JsonNode node) throws VerificationException {
        if (!node.isObject()) {
            throw new VerificationException(Failure.MALFORMED_FIELD, "$ must be an object");
        }
        return JsonIn.text(JsonIn.field((ObjectNode) node, "type", "$"), "$.type", 100);
    }

    private static ObjectNode embedded(JsonNode node, String path, String type, Set<String> fields) throws VerificationException {
        ObjectNode o = JsonIn.object(node, path, fields);
        String t = JsonIn.text(JsonIn.field(o, "type", path), path + ".type", 100);
        if (!t.equals(type)) {
            throw new VerificationException(Failure.WRONG_TYPE, path + " must be a " + type + ", found " + t);
        }
        JsonNode v = JsonIn.field(o, "version", path);
        if (!v.isIntegralNumber() || !v.canConvertToInt() || v.intValue() != VERSION) {
            throw new VerificationException(Failure.UNSUPPORTED_VERSION, path + ".version " + v + " is not supported");
        }
        return o;
    }

    private static long[] values(JsonNode node, String path, int count) throws VerificationException {
        ArrayNode a = JsonIn.array(node, path, count, count);
        long[] v = new long[count];
        for (int i = 0; i < count; i++) {
            v[i] = JsonIn.nonNegativeInt64(a.get(i), path + "[" + i + "]");
        }
        return v;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> u = new HashSet<>(a);
        u.addAll(b);
        return Set.copyOf(u);
    }

    /** Largest balance a document may state (for schema and docs). */
    public static long maxValue() {
        return TreeHashing.MAX_VALUE;
    }
}
