package dev.marginsim.prover.margin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.marginsim.prover.bulletproofs.DigitRangeProof;
import dev.marginsim.prover.curve.Point;
import dev.marginsim.prover.curve.Scalar;
import dev.marginsim.prover.format.Hex;
import dev.marginsim.prover.format.JsonIn;
import dev.marginsim.prover.format.JsonOut;
import dev.marginsim.prover.pedersen.Commitment;
import dev.marginsim.prover.privatetree.PrivateTreeJson;
import dev.marginsim.prover.snapshot.Address;
import dev.marginsim.prover.verify.Failure;
import dev.marginsim.prover.verify.VerificationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The margin proof's document {@value #TYPE}, version 5 (docs/proofs-private-tree.md, "Margin proof
 * document"): {@code roundHash, account, salt, statement {level, assets, markets}, leafCommitments,
 * commitments {quote, assets [{value, weighted}], markets [{size, absSize, openNotional, snapshot,
 * product, value, funding, requirement}]}, products [{A1, A2, A3, z1, z2, z3, z4, z5}],
 * absoluteSizes [{A1, A2, z1, z2, z3}], rangeProof} (one digit range proof over every slot in its own
 * width, hex). Version 4 carried {@code rangeProofs}, one bit-wise range proof per packed chunk;
 * version 3 split each size into range-proven long and short parts instead of proving |size|;
 * version 2 proved every slot in 64 bits; version 1 carried one padded bit-wise proof; none is read
 * any more.
 * The funding index is the one signed quantity: a decimal string with an optional '-'.
 */
public final class MarginProofJson {
    public static final String TYPE = "marginsim/margin-proof";
    public static final int VERSION = 5;
    private static final Set<String> FIELDS = Set.of("type", "version", "roundHash", "account", "salt", "statement",
            "leafCommitments", "commitments", "products", "absoluteSizes", "rangeProof");
    private static final Set<String> STATEMENT_FIELDS = Set.of("level", "assets", "markets");
    private static final Set<String> ASSET_TERM_FIELDS = Set.of("assetId", "priceE8", "weightBps");
    private static final Set<String> MARKET_TERM_FIELDS = Set.of("marketId", "priceE8", "ratioBps", "fundingIndexE12");
    private static final Set<String> COMMITMENT_FIELDS = Set.of("quote", "assets", "markets");
    private static final List<String> ASSET_BASES = List.of("value", "weighted");
    private static final List<String> MARKET_BASES = List.of("size", "absSize", "openNotional", "snapshot", "product", "value",
            "funding", "requirement");
    private static final Pattern SIGNED = Pattern.compile("0|-?[1-9][0-9]{0,18}");

    private MarginProofJson() {
    }

    public static ObjectNode write(MarginProof proof) {
        ObjectNode o = JsonOut.document(TYPE, VERSION);
        o.put("roundHash", Hex.encode(proof.roundHash()));
        o.put("account", proof.account().toString());
        o.put("salt", Hex.encode(proof.salt()));
        MarginStatement s = proof.statement();
        writeStatement(o.putObject("statement"), s);
        ArrayNode leaf = o.putArray("leafCommitments");
        proof.leafCommitments().forEach(c -> leaf.add(c.toHex()));
        List<Commitment> c = proof.commitments();
        ObjectNode cs = o.putObject("commitments");
        int next = 0;
        cs.put("quote", c.get(next++).toHex());
        ArrayNode ca = cs.putArray("assets");
        for (int i = 0; i < s.assets().size(); i++) {
            ObjectNode j = ca.addObject();
            for (String name : ASSET_BASES) {
                j.put(name, c.get(next++).toHex());
            }
        }
        ArrayNode cm = cs.putArray("markets");
        for (int i = 0; i < s.markets().size(); i++) {
            ObjectNode j = cm.addObject();
            for (String name : MARKET_BASES) {
                j.put(name, c.get(next++).toHex());
            }
        }
        ArrayNode products = o.putArray("products");
        for (ProductProof p : proof.products()) {
            writeSigma(products, new Point[] {p.a1(), p.a2(), p.a3()}, new Scalar[] {p.z1(), p.z2(), p.z3(), p.z4(), p.z5()});
        }
        ArrayNode absolute = o.putArray("absoluteSizes");
        for (AbsoluteSizeProof p : proof.absoluteSizes()) {
            writeSigma(absolute, new Point[] {p.a1(), p.a2()}, new Scalar[] {p.z1(), p.z2(), p.z3()});
        }
        o.put("rangeProof", Hex.encode(proof.rangeProof().encode()));
        return o;
    }

    /** Appends one Σ-proof as {@code {A1 …, z1 …}}. */
    private static void writeSigma(ArrayNode to, Point[] a, Scalar[] z) {
        ObjectNode j = to.addObject();
        for (int k = 0; k < a.length; k++) {
            j.put("A" + (k + 1), Hex.encode(a[k].encode()));
        }
        for (int k = 0; k < z.length; k++) {
            j.put("z" + (k + 1), Hex.encode(z[k].encode()));
        }
    }

    /** Writes a statement's fields {@code level, assets, markets} into {@code st}. */
    static void writeStatement(ObjectNode st, MarginStatement s) {
        st.put("level", s.level().wireName());
        ArrayNode assets = st.putArray("assets");
        for (AssetTerm a : s.assets()) {
            ObjectNode j = assets.addObject();
            j.put("assetId", a.assetId());
            j.put("priceE8", JsonOut.decimal(a.priceE8()));
            j.put("weightBps", a.weightBps());
        }
        ArrayNode markets = st.putArray("markets");
        for (MarketTerm m : s.markets()) {
            ObjectNode j = markets.addObject();
            j.put("marketId", m.marketId());
            j.put("priceE8", JsonOut.decimal(m.priceE8()));
            j.put("ratioBps", m.ratioBps());
            j.put("fundingIndexE12", Long.toString(m.fundingIndexE12()));
        }
    }

    public static MarginProof read(byte[] json) throws VerificationException {
        ObjectNode o = JsonIn.document(JsonIn.parse(json), TYPE, VERSION, FIELDS);
        byte[] roundHash = JsonIn.hex(JsonIn.field(o, "roundHash", "$"), "$.roundHash", 32);
        Address account = Address.of(JsonIn.hex(JsonIn.field(o, "account", "$"), "$.account", Address.LENGTH));
        byte[] salt = JsonIn.hex(JsonIn.field(o, "salt", "$"), "$.salt", 32);
        MarginStatement statement = statement(JsonIn.field(o, "statement", "$"), "$.statement");
        ArrayNode la = JsonIn.array(JsonIn.field(o, "leafCommitments", "$"), "$.leafCommitments", 1, 8);
        List<Commitment> leaf = new ArrayList<>();
        for (int t = 0; t < la.size(); t++) {
            leaf.add(PrivateTreeJson.commitment(la.get(t), "$.leafCommitments[" + t + "]"));
        }
        ObjectNode cs = JsonIn.object(JsonIn.field(o, "commitments", "$"), "$.commitments", COMMITMENT_FIELDS);
        List<Commitment> commitments = new ArrayList<>();
        commitments.add(PrivateTreeJson.commitment(JsonIn.field(cs, "quote", "$.commitments"), "$.commitments.quote"));
        group(cs, "assets", statement.assets().size(), ASSET_BASES, commitments);
        group(cs, "markets", statement.markets().size(), MARKET_BASES, commitments);
        int m = statement.markets().size();
        List<ProductProof> products = new ArrayList<>();
        for (Sigma e : sigmaProofs(o, "products", m, 3, 5)) {
            products.add(new ProductProof(e.a[0], e.a[1], e.a[2], e.z[0], e.z[1], e.z[2], e.z[3], e.z[4]));
        }
        List<AbsoluteSizeProof> absoluteSizes = new ArrayList<>();
        for (Sigma e : sigmaProofs(o, "absoluteSizes", m, 2, 3)) {
            absoluteSizes.add(new AbsoluteSizeProof(e.a[0], e.a[1], e.z[0], e.z[1], e.z[2]));
        }
        return new MarginProof(roundHash, statement, account, salt, leaf, commitments, products, absoluteSizes,
                digitRangeProof(JsonIn.field(o, "rangeProof", "$"), "$.rangeProof"));
    }

    /** A digit range proof in its hex wire form. */
    private static DigitRangeProof digitRangeProof(JsonNode node, String path) throws VerificationException {
        int maxBytes = DigitRangeProof.encodedLength(DigitRangeProof.MAX_ROUNDS);
        String hex = JsonIn.text(node, path, 2 + 2 * maxBytes);
        if (!hex.startsWith("0x") || hex.length() % 2 != 0) {
            throw new VerificationException(Failure.MALFORMED_FIELD, path + " must be 0x and lower-case hex");
        }
        byte[] bytes = Hex.decode(hex, (hex.length() - 2) / 2, path);
        try {
            return DigitRangeProof.decode(bytes);
        } catch (VerificationException e) {
            throw new VerificationException(e.failure(), path + ": " + e.getMessage(), e);
        }
    }

    /** The points A1 … and scalars z1 … of one Σ-proof. */
    private record Sigma(Point[] a, Scalar[] z) {
    }

    /** Array {@code name} of exactly {@code count} Σ-proofs, each with fields A1 … A{points} and z1 … z{scalars}. */
    private static List<Sigma> sigmaProofs(ObjectNode o, String name, int count, int points, int scalars)
            throws VerificationException {
        ArrayNode array = JsonIn.array(JsonIn.field(o, name, "$"), "$." + name, count, count);
        Set<String> fields = new java.util.HashSet<>();
        for (int k = 1; k <= points; k++) {
            fields.add("A" + k);
        }
        for (int k = 1; k <= scalars; k++) {
            fields.add("z" + k);
        }
        List<Sigma> out = new ArrayList<>();
        for (int j = 0; j < count; j++) {
            String p = "$." + name + "[" + j + "]";
            ObjectNode e = JsonIn.object(array.get(j), p, fields);
            Point[] a = new Point[points];
            for (int k = 0; k < points; k++) {
                a[k] = point(JsonIn.field(e, "A" + (k + 1), p), p + ".A" + (k + 1));
            }
            Scalar[] z = new Scalar[scalars];
            for (int k = 0; k < scalars; k++) {
                z[k] = PrivateTreeJson.scalar(JsonIn.field(e, "z" + (k + 1), p), p + ".z" + (k + 1));
            }
            out.add(new Sigma(a, z));
        }
        return out;
    }

    private static void group(ObjectNode cs, String name, int count, List<String> fields, List<Commitment> out)
            throws VerificationException {
        String path = "$.commitments." + name;
        ArrayNode a = JsonIn.array(JsonIn.field(cs, name, "$.commitments"), path, count, count);
        for (int i = 0; i < count; i++) {
            String p = path + "[" + i + "]";
            ObjectNode e = JsonIn.object(a.get(i), p, Set.copyOf(fields));
            for (String f : fields) {
                out.add(PrivateTreeJson.commitment(JsonIn.field(e, f, p), p + "." + f));
            }
        }
    }

    static MarginStatement statement(JsonNode node, String path) throws VerificationException {
        ObjectNode st = JsonIn.object(node, path, STATEMENT_FIELDS);
        String levelText = JsonIn.text(JsonIn.field(st, "level", path), path + ".level", 20);
        MarginLevel level = MarginLevel.fromWire(levelText);
        if (level == null) {
            throw new VerificationException(Failure.MALFORMED_FIELD, path + ".level must be maintenance or initial, not " + levelText);
        }
        ArrayNode aa = JsonIn.array(JsonIn.field(st, "assets", path), path + ".assets", 0, MarginStatement.MAX_ASSETS);
        List<AssetTerm> assets = new ArrayList<>();
        for (int i = 0; i < aa.size(); i++) {
            String p = path + ".assets[" + i + "]";
            ObjectNode e = JsonIn.object(aa.get(i), p, ASSET_TERM_FIELDS);
            int id = JsonIn.smallInt(JsonIn.field(e, "assetId", p), p + ".assetId", 1, 7);
            long price = JsonIn.nonNegativeInt64(JsonIn.field(e, "priceE8", p), p + ".priceE8");
            int weight = JsonIn.smallInt(JsonIn.field(e, "weightBps", p), p + ".weightBps", 1, 10_000);
            assets.add(new AssetTerm(id, positive(price, p + ".priceE8"), weight));
        }
        ArrayNode ma = JsonIn.array(JsonIn.field(st, "markets", path), path + ".markets", 0, MarginStatement.MAX_MARKETS);
        List<MarketTerm> markets = new ArrayList<>();
        for (int i = 0; i < ma.size(); i++) {
            String p = path + ".markets[" + i + "]";
            ObjectNode e = JsonIn.object(ma.get(i), p, MARKET_TERM_FIELDS);
            int id = JsonIn.smallInt(JsonIn.field(e, "marketId", p), p + ".marketId", 0, 7);
            long price = JsonIn.nonNegativeInt64(JsonIn.field(e, "priceE8", p), p + ".priceE8");
            int ratio = JsonIn.smallInt(JsonIn.field(e, "ratioBps", p), p + ".ratioBps", 1, 10_000);
            long index = signedInt64(JsonIn.field(e, "fundingIndexE12", p), p + ".fundingIndexE12");
            markets.add(new MarketTerm(id, positive(price, p + ".priceE8"), ratio, index));
        }
        try {
            return new MarginStatement(level, assets, markets);
        } catch (IllegalArgumentException e) {
            throw new VerificationException(Failure.MALFORMED_FIELD, path + ": " + e.getMessage());
        }
    }

    private static long positive(long v, String path) throws VerificationException {
        if (v < 1) {
            throw new VerificationException(Failure.VALUE_OUT_OF_RANGE, path + " must be at least 1");
        }
        return v;
    }

    private static long signedInt64(JsonNode node, String path) throws VerificationException {
        String s = JsonIn.text(node, path, 21);
        if (!SIGNED.matcher(s).matches()) {
            throw new VerificationException(Failure.MALFORMED_FIELD, path + " must be a decimal string, '-' for negatives, no leading zeros");
        }
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new VerificationException(Failure.VALUE_OUT_OF_RANGE, path + " is outside int64");
        }
    }

    private static Point point(JsonNode node, String path) throws VerificationException {
        try {
            return Point.decode(JsonIn.hex(node, path, 33));
        } catch (VerificationException e) {
            throw new VerificationException(e.failure(), path + ": " + e.getMessage());
        }
    }
}
