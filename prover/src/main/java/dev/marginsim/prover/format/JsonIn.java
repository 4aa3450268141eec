package dev.marginsim.prover.format;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.marginsim.prover.verify.Failure;
import dev.marginsim.prover.verify.VerificationException;
import java.io.IOException;
import java.math.BigInteger;
import java.util.Iterator;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Strict reading of proof documents. Every accessor either returns a value in its declared range or
 * throws a {@link VerificationException} naming the field (as a JSON path such as
 * {@code path[3].sums[1]}) and the {@link Failure}:
 * <ul>
 *   <li>unparseable, truncated, trailing content or duplicate keys: {@link Failure#MALFORMED_JSON};</li>
 *   <li>a field not defined by the format: {@link Failure#UNKNOWN_FIELD}; a missing one: {@link Failure#MISSING_FIELD};</li>
 *   <li>wrong JSON type or non-canonical text: {@link Failure#MALFORMED_FIELD};</li>
 *   <li>a well-formed integer outside its range: {@link Failure#VALUE_OUT_OF_RANGE}.</li>
 * </ul>
 * Conventions shared by every document (docs/proofs.md, "JSON conventions"): small counts and ids
 * (version, asset id, depth, decimals) are JSON integers; amounts, block numbers, round ids and other
 * quantities that may exceed 2^53 are decimal strings without sign or leading zeros; byte strings are
 * {@link Hex}.
 */
public final class JsonIn {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final Pattern DECIMAL = Pattern.compile("0|[1-9][0-9]{0,77}");
    private static final BigInteger INT64_MAX = BigInteger.valueOf(Long.MAX_VALUE);
    private static final BigInteger UINT64_LIMIT = BigInteger.ONE.shiftLeft(64);
    private static final BigInteger UINT256_LIMIT = BigInteger.ONE.shiftLeft(256);

    private JsonIn() {
    }

    /** Parses one JSON document; anything but exactly one well-formed value is {@link Failure#MALFORMED_JSON}. */
    public static JsonNode parse(byte[] json) throws VerificationException {
        try {
            JsonNode node = MAPPER.readTree(json);
            if (node == null || node.isMissingNode()) {
                throw new VerificationException(Failure.MALFORMED_JSON, "empty input");
            }
            return node;
        } catch (IOException e) {
            throw new VerificationException(Failure.MALFORMED_JSON, firstLine(e.getMessage()), e);
        }
    }

    /**
     * The document's envelope: an object whose {@code type} is {@code expectedType}, whose
     * {@code version} is {@code expectedVersion}, and whose fields are among {@code fields}.
     */
    public static ObjectNode document(JsonNode root, String expectedType, int expectedVersion, Set<String> fields)
            throws VerificationException {
        // Type and version first: a document of another kind or version is named as such, whatever its fields.
        if (root == null || !root.isObject()) {
            throw new VerificationException(Failure.MALFORMED_FIELD, "$ must be an object");
        }
        ObjectNode doc = (ObjectNode) root;
        String type = text(field(doc, "type", "$"), "$.type", 100);
        if (!type.equals(expectedType)) {
            throw new VerificationException(Failure.WRONG_TYPE, "expected a " + expectedType + ", found " + type);
        }
        JsonNode version = field(doc, "version", "$");
        if (!version.isIntegralNumber() || !version.canConvertToInt() || version.intValue() != expectedVersion) {
            throw new VerificationException(Failure.UNSUPPORTED_VERSION,
                    "version " + version + " of " + expectedType + " is not supported (this verifier reads "
                            + expectedVersion + ")");
        }
        return object(doc, "$", fields);
    }

    /** An object with only the given fields (all of which the caller then reads as required). */
    public static ObjectNode object(JsonNode node, String path, Set<String> fields) throws VerificationException {
        if (node == null || !node.isObject()) {
            throw new VerificationException(Failure.MALFORMED_FIELD, path + " must be an object");
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!fields.contains(name)) {
                throw new VerificationException(Failure.UNKNOWN_FIELD, path + "." + name + " is not a field of this format");
            }
        }
        return (ObjectNode) node;
    }

    /** A required field. */
    public static JsonNode field(ObjectNode object, String name, String path) throws VerificationException {
        JsonNode value = object.get(name);
        if (value == null) {
            throw new VerificationException(Failure.MISSING_FIELD, path + "." + name + " is missing");
        }
        return value;
    }

    /** An array of {@code min..max} elements. */
    public static ArrayNode array(JsonNode node, String path, int min, int max) throws VerificationException {
        if (node == null || !node.isArray()) {
            throw new VerificationException(Failure.MALFORMED_FIELD, path + " must be an array");
        }
        if (node.size() < min || node.size() > max) {
            throw new VerificationException(Failure.LENGTH_MISMATCH,
                    path + " has " + node.size() + " elements, not between " + min + " and " + max);
        }
        return (ArrayNode) node;
    }

    /** A JSON integer in {@code [min, max]} (no fraction, no exponent). */
    public static int smallInt(JsonNode node, String path, int min, int max) throws VerificationException {
        if (node == null || !node.isIntegralNumber()) {
            throw new VerificationException(Failure.MALFORMED_FIELD, path + " must be a JSON integer");
        }
        if (!node.canConvertToInt() || node.intValue() < min || node.intValue() > max) {
            throw new VerificationException(Failure.VALUE_OUT_OF_RANGE, path + " = " + node + " is outside [" + min + ", " + max + "]");
        }
        return node.intValue();
    }

    /** A string of at most {@code maxLength} characters. */
    public static String text(JsonNode node, String path, int maxLength) throws VerificationException {
        if (node == null || !node.isTextual()) {
            throw new VerificationException(Failure.MALFORMED_FIELD, path + " must be a string");
        }
        if (node.textValue().length() > maxLength) {
            throw new VerificationException(Failure.VALUE_OUT_OF_RANGE, path + " is longer than " + maxLength);
        }
        return node.textValue();
    }

    /**
     * A feed or source name: at most {@value #MAX_NAME_BYTES} bytes in UTF-8, the bound of its 16-bit
     * length prefix in every hash that commits it (docs/proofs.md §8, docs/oracles.md §6), so that any
     * name a hash accepts can also be read back from a document.
     */
    public static String name(JsonNode node, String path) throws VerificationException {
        String text = text(node, path, MAX_NAME_BYTES); // a UTF-16 unit is at least one UTF-8 byte
        if (text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
            throw new VerificationException(Failure.VALUE_OUT_OF_RANGE, path + " is longer than " + MAX_NAME_BYTES + " bytes in UTF-8");
        }
        return text;
    }

    /** Longest feed or source name, in UTF-8 bytes. */
    public static final int MAX_NAME_BYTES = 0xFFFF;

    /** A canonical decimal string in {@code [0, 2^63 − 1]}: a balance, a sum, a price. */
    public static long nonNegativeInt64(JsonNode node, String path) throws VerificationException {
        return decimal(node, path, INT64_MAX.add(BigInteger.ONE)).longValueExact();
    }

    /** A canonical decimal string in {@code [0, 2^64 − 1]}, returned as the long with those 64 bits. */
    public static long uint64(JsonNode node, String path) throws VerificationException {
        return decimal(node, path, UINT64_LIMIT).longValue();
    }

    /** A canonical decimal string in {@code [0, 2^256 − 1]}. */
    public static BigInteger uint256(JsonNode node, String path) throws VerificationException {
        return decimal(node, path, UINT256_LIMIT);
    }

    /** A canonical decimal string in {@code [−2^255, 2^255 − 1]}, a leading {@code -} for negatives ({@code -0} is not canonical). */
    public static BigInteger int256(JsonNode node, String path) throws VerificationException {
        if (node != null && node.isTextual() && node.textValue().startsWith("-")) {
            String digits = node.textValue().substring(1);
            if (!DECIMAL.matcher(digits).matches() || digits.equals("0")) {
                throw new VerificationException(Failure.MALFORMED_FIELD,
                        path + " must be digits, optionally after '-', without leading zeros");
            }
            BigInteger magnitude = new BigInteger(digits);
            if (magnitude.compareTo(UINT256_LIMIT.shiftRight(1)) > 0) {
                throw new VerificationException(Failure.VALUE_OUT_OF_RANGE, path + " is below -2^255");
            }
            return magnitude.negate();
        }
        return decimal(node, path, UINT256_LIMIT.shiftRight(1));
    }

    /** {@link Hex} of exactly {@code length} bytes. */
    public static byte[] hex(JsonNode node, String path, int length) throws VerificationException {
        if (node == null || !node.isTextual()) {
            throw new VerificationException(Failure.MALFORMED_FIELD, path + " must be a hex string");
        }
        return Hex.decode(node.textValue(), length, path);
    }

    private static BigInteger decimal(JsonNode node, String path, BigInteger limit) throws VerificationException {
        if (node == null || !node.isTextual()) {
            throw new VerificationException(Failure.MALFORMED_FIELD, path + " must be a decimal string");
        }
        String s = node.textValue();
        if (s.startsWith("-") && DECIMAL.matcher(s.substring(1)).matches()) {
            throw new VerificationException(Failure.VALUE_OUT_OF_RANGE, path + " = " + s + " is negative");
        }
        if (!DECIMAL.matcher(s).matches()) {
            throw new VerificationException(Failure.MALFORMED_FIELD,
                    path + " must be digits without sign or leading zeros: " + abbreviate(s));
        }
        BigInteger value = new BigInteger(s);
        if (value.compareTo(limit) >= 0) {
            throw new VerificationException(Failure.VALUE_OUT_OF_RANGE, path + " = " + s + " is not below " + limit);
        }
        return value;
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable JSON";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
