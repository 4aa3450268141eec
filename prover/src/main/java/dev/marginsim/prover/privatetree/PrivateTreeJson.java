package dev.marginsim.prover.privatetree;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.marginsim.prover.bulletproofs.RangeProof;
import dev.marginsim.prover.curve.Scalar;
import dev.marginsim.prover.format.Hex;
import dev.marginsim.prover.format.JsonIn;
import dev.marginsim.prover.format.JsonOut;
import dev.marginsim.prover.format.RoundInfoJson;
import dev.marginsim.prover.pedersen.Commitment;
import dev.marginsim.prover.snapshot.Address;
import dev.marginsim.prover.snapshot.RoundInfo;
import dev.marginsim.prover.verify.Failure;
import dev.marginsim.prover.verify.VerificationException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The private tier's documents (docs/proofs-private-tree.md, "Documents"), in the JSON
 * conventions of docs/proofs.md (decimal strings for quantities, {@code 0x} lower-case hex for bytes):
 * <ul>
 *   <li>{@value #ROUND_TYPE} (version 1): a {@link PrivateRound} — the round info fields, {@code tree}
 *       {@code {depth, rootHash, rootCommitments}} and {@code roundHash};</li>
 *   <li>{@value #PROOF_TYPE} (version 2): a {@link PrivateInclusionProof} — {@code round} (a whole round
 *       document), {@code account, salt, index, opening {values, blindings}, path [{hash, commitments}], bits,
 *       rangeProofs} (one hex string per chunk);</li>
 *   <li>{@value #SOLVENCY_TYPE} (version 1): a {@link SolvencyProof} — {@code round, mode} and either
 *       {@code totals [{value, blinding}]} (revealed) or {@code bits, rangeProof} (bounded).</li>
 * </ul>
 * Readers check every point, scalar and encoding, and the hash a round document carries; the
 * verifiers check the rest.
 */
public final class PrivateTreeJson {
    public static final String ROUND_TYPE = "marginsim/private-round";
    public static final String PROOF_TYPE = "marginsim/private-inclusion-proof";
    public static final String SOLVENCY_TYPE = "marginsim/private-solvency-proof";
    public static final int VERSION = 1;
    /**
     * The inclusion proof's version: 2 since its range proofs cover the siblings only, in chunks
     * ({@code rangeProofs}); version 1 (one padded proof over the leaf and the siblings) is not read.
     */
    public static final int PROOF_VERSION = 2;

    private static final Set<String> ROUND_FIELDS = union(RoundInfoJson.FIELDS, Set.of("type", "version", "tree", "roundHash"));
    private static final Set<String> TREE_FIELDS = Set.of("depth", "rootHash", "rootCommitments");
    private static final Set<String> PROOF_FIELDS = Set.of("type", "version", "round", "account", "salt", "index", "opening",
            "path", "bits", "rangeProofs");
    private static final Set<String> OPENING_FIELDS = Set.of("values", "blindings");
    private static final Set<String> SIBLING_FIELDS = Set.of("hash", "commitments");
    private static final Set<String> SOLVENCY_REVEALED_FIELDS = Set.of("type", "version", "round", "mode", "totals");
    private static final Set<String> SOLVENCY_BOUNDED_FIELDS = Set.of("type", "version", "round", "mode", "bits", "rangeProof");
    private static final Set<String> TOTAL_FIELDS = Set.of("value", "blinding");

    private PrivateTreeJson() {
    }

    // ---- round ----

    public static ObjectNode writeRound(PrivateRound round) {
        ObjectNode o = JsonOut.document(ROUND_TYPE, VERSION);
        RoundInfoJson.write(round.info(), o);
        ObjectNode tree = o.putObject("tree");
        tree.put("depth", round.root().depth());
        tree.put("rootHash", Hex.encode(round.root().hash()));
        ArrayNode c = tree.putArray("rootCommitments");
        for (byte[] b : round.root().commitments()) {
            c.add(Hex.encode(b));
        }
        o.put("roundHash", Hex.encode(round.roundHash()));
        return o;
    }

    public static PrivateRound readRound(byte[] json) throws VerificationException {
        return readRound(JsonIn.parse(json), "$");
    }

    /** Reads a round document and checks its {@code roundHash} ({@link Failure#ROUND_HASH_MISMATCH}). */
    public static PrivateRound readRound(JsonNode node, String path) throws VerificationException {
        ObjectNode o = path.equals("$") ? JsonIn.document(node, ROUND_TYPE, VERSION, ROUND_FIELDS)
                : embedded(node, path, ROUND_TYPE, ROUND_FIELDS);
        RoundInfo info = RoundInfoJson.read(o, path);
        String tp = path + ".tree";
        ObjectNode tree = JsonIn.object(JsonIn.field(o, "tree", path), tp, TREE_FIELDS);
        int depth = JsonIn.smallInt(JsonIn.field(tree, "depth", tp), tp + ".depth", 1, PrivateRound.MAX_DEPTH);
        byte[] rootHash = JsonIn.hex(JsonIn.field(tree, "rootHash", tp), tp + ".rootHash", 32);
        int tokens = info.assets().size();
        ArrayNode cs = JsonIn.array(JsonIn.field(tree, "rootCommitments", tp), tp + ".rootCommitments", tokens, tokens);
        byte[][] commitments = new byte[tokens][];
        for (int t = 0; t < tokens; t++) {
            commitments[t] = commitment(cs.get(t), tp + ".rootCommitments[" + t + "]").encode();
        }
        PrivateRound round = new PrivateRound(info, new PrivateRoot(depth, tokens, rootHash, commitments));
        byte[] claimed = JsonIn.hex(JsonIn.field(o, "roundHash", path), path + ".roundHash", 32);
        if (!Arrays.equals(claimed, round.roundHash())) {
            throw new VerificationException(Failure.ROUND_HASH_MISMATCH, path + ".roundHash is not the hash of the round's fields");
        }
        return round;
    }

    // ---- inclusion proof ----

    public static ObjectNode writeProof(PrivateInclusionProof proof) {
        ObjectNode o = JsonOut.document(PROOF_TYPE, PROOF_VERSION);
        o.set("round", writeRound(proof.round()));
        o.put("account", proof.account().toString());
        o.put("salt", Hex.encode(proof.salt()));
        o.put("index", JsonOut.decimal(proof.slot()));
        ObjectNode opening = o.putObject("opening");
        ArrayNode values = opening.putArray("values");
        for (long v : proof.values()) {
            values.add(JsonOut.decimal(v));
        }
        ArrayNode blindings = opening.putArray("blindings");
        for (Scalar s : proof.blindings()) {
            blindings.add(Hex.encode(s.encode()));
        }
        ArrayNode path = o.putArray("path");
        for (int l = 0; l < proof.pathLength(); l++) {
            ObjectNode s = path.addObject();
            s.put("hash", Hex.encode(proof.siblingHash(l)));
            ArrayNode c = s.putArray("commitments");
            for (byte[] b : proof.siblingCommitments(l)) {
                c.add(Hex.encode(b));
            }
        }
        o.put("bits", proof.bits());
        writeRangeProofs(o, proof.rangeProofs());
        return o;
    }

    public static PrivateInclusionProof readProof(byte[] json) throws VerificationException {
        ObjectNode o = JsonIn.document(JsonIn.parse(json), PROOF_TYPE, PROOF_VERSION, PROOF_FIELDS);
        PrivateRound round = readRound(JsonIn.field(o, "round", "$"), "$.round");
        int tokens = round.root().tokens();
        Address account = Address.of(JsonIn.hex(JsonIn.field(o, "account", "$"), "$.account", Address.LENGTH));
        byte[] salt = JsonIn.hex(JsonIn.field(o, "salt", "$"), "$.salt", 32);
        long index = JsonIn.uint64(JsonIn.field(o, "index", "$"), "$.index");
        ObjectNode opening = JsonIn.object(JsonIn.field(o, "opening", "$"), "$.opening", OPENING_FIELDS);
        ArrayNode va = JsonIn.array(JsonIn.field(opening, "values", "$.opening"), "$.opening.values", tokens, tokens);
        ArrayNode ba = JsonIn.array(JsonIn.field(opening, "blindings", "$.opening"), "$.opening.blindings", tokens, tokens);
        long[] values = new long[tokens];
        Scalar[] blindings = new Scalar[tokens];
        for (int t = 0; t < tokens; t++) {
            values[t] = JsonIn.nonNegativeInt64(va.get(t), "$.opening.values[" + t + "]");
            blindings[t] = scalar(ba.get(t), "$.opening.blindings[" + t + "]");
        }
        ArrayNode pa = JsonIn.array(JsonIn.field(o, "path", "$"), "$.path", 0, PrivateRound.MAX_DEPTH);
        byte[][] hashes = new byte[pa.size()][];
        byte[][][] commitments = new byte[pa.size()][][];
        for (int l = 0; l < pa.size(); l++) {
            String p = "$.path[" + l + "]";
            ObjectNode s = JsonIn.object(pa.get(l), p, SIBLING_FIELDS);
            hashes[l] = JsonIn.hex(JsonIn.field(s, "hash", p), p + ".hash", 32);
            ArrayNode ca = JsonIn.array(JsonIn.field(s, "commitments", p), p + ".commitments", tokens, tokens);
            commitments[l] = new byte[tokens][];
            for (int t = 0; t < tokens; t++) {
                commitments[l][t] = commitment(ca.get(t), p + ".commitments[" + t + "]").encode();
            }
        }
        int bits = JsonIn.smallInt(JsonIn.field(o, "bits", "$"), "$.bits", 1, 64);
        List<RangeProof> range = rangeProofs(o, "$");
        return new PrivateInclusionProof(round, account, salt, index, values, blindings, hashes, commitments, bits, range);
    }

    // ---- solvency ----

    public static ObjectNode writeSolvency(SolvencyProof proof) {
        ObjectNode o = JsonOut.document(SOLVENCY_TYPE, VERSION);
        o.set("round", writeRound(proof.round()));
        o.put("mode", proof.mode().wireName());
        if (proof.mode() == SolvencyProof.Mode.REVEALED) {
            ArrayNode totals = o.putArray("totals");
            long[] v = proof.totals();
            Scalar[] b = proof.blindings();
            for (int t = 0; t < v.length; t++) {
                ObjectNode e = totals.addObject();
                e.put("value", JsonOut.decimal(v[t]));
                e.put("blinding", Hex.encode(b[t].encode()));
            }
        } else {
            o.put("bits", proof.bits());
            o.put("rangeProof", proof.rangeProof().toHex());
        }
        return o;
    }

    public static SolvencyProof readSolvency(byte[] json) throws VerificationException {
        JsonNode root = JsonIn.parse(json);
        Set<String> all = union(SOLVENCY_REVEALED_FIELDS, SOLVENCY_BOUNDED_FIELDS);
        ObjectNode o = JsonIn.document(root, SOLVENCY_TYPE, VERSION, all);
        String modeText = JsonIn.text(JsonIn.field(o, "mode", "$"), "$.mode", 20);
        SolvencyProof.Mode mode = SolvencyProof.Mode.fromWire(modeText);
        if (mode == null) {
            throw new VerificationException(Failure.MALFORMED_FIELD, "$.mode must be revealed or bounded, not " + modeText);
        }
        JsonIn.object(o, "$", mode == SolvencyProof.Mode.REVEALED ? SOLVENCY_REVEALED_FIELDS : SOLVENCY_BOUNDED_FIELDS);
        PrivateRound round = readRound(JsonIn.field(o, "round", "$"), "$.round");
        if (mode == SolvencyProof.Mode.BOUNDED) {
            int bits = JsonIn.smallInt(JsonIn.field(o, "bits", "$"), "$.bits", 1, 64);
            return SolvencyProof.bounded(round, bits, rangeProof(JsonIn.field(o, "rangeProof", "$"), "$.rangeProof"));
        }
        int tokens = round.root().tokens();
        ArrayNode ta = JsonIn.array(JsonIn.field(o, "totals", "$"), "$.totals", tokens, tokens);
        long[] totals = new long[tokens];
        Scalar[] blindings = new Scalar[tokens];
        for (int t = 0; t < tokens; t++) {
            String p = "$.totals[" + t + "]";
            ObjectNode e = JsonIn.object(ta.get(t), p, TOTAL_FIELDS);
            totals[t] = JsonIn.nonNegativeInt64(JsonIn.field(e, "value", p), p + ".value");
            blindings[t] = scalar(JsonIn.field(e, "blinding", p), p + ".blinding");
        }
        return SolvencyProof.revealed(round, totals, blindings);
    }

    // ---- shared readers (also used by the margin proof's document) ----

    /** A 33-byte commitment, on the curve, not at infinity. */
    public static Commitment commitment(JsonNode node, String path) throws VerificationException {
        return Commitment.decode(JsonIn.hex(node, path, 33));
    }

    /** A 32-byte canonical scalar below the group order. */
    public static Scalar scalar(JsonNode node, String path) throws VerificationException {
        try {
            return Scalar.decode(JsonIn.hex(node, path, 32));
        } catch (VerificationException e) {
            throw new VerificationException(e.failure(), path + ": " + e.getMessage());
        }
    }

    /** Most range-proof chunks a document may carry (a statement of up to 2^16 − 1 values). */
    static final int MAX_CHUNKS = 16;

    /** Writes {@code rangeProofs}: the chunks' hex wire forms in order. */
    public static void writeRangeProofs(ObjectNode o, List<RangeProof> proofs) {
        ArrayNode a = o.putArray("rangeProofs");
        for (RangeProof p : proofs) {
            a.add(p.toHex());
        }
    }

    /** Reads {@code rangeProofs} of {@code o}: 1 to 16 hex wire forms (their number is checked by the verifier). */
    public static List<RangeProof> rangeProofs(ObjectNode o, String path) throws VerificationException {
        ArrayNode a = JsonIn.array(JsonIn.field(o, "rangeProofs", path), path + ".rangeProofs", 1, MAX_CHUNKS);
        List<RangeProof> out = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            out.add(rangeProof(a.get(i), path + ".rangeProofs[" + i + "]"));
        }
        return out;
    }

    /** A range proof in its hex wire form. */
    public static RangeProof rangeProof(JsonNode node, String path) throws VerificationException {
        return RangeProof.fromHex(JsonIn.text(node, path, 2 + 2 * 2_000), path);
    }

    /** An embedded document of the given type and this version, with only the given fields. */
    public static ObjectNode embedded(JsonNode node, String path, String type, Set<String> fields) throws VerificationException {
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

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> u = new HashSet<>(a);
        u.addAll(b);
        return Set.copyOf(u);
    }
}
