package dev.marginsim.prover.format;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;

/**
 * Writes proof documents in one canonical layout (two-space indent, LF line ends, a final LF, fields
 * in the order the format lists them), so a document produced from the same inputs is the same
 * bytes on every machine and golden files compare byte for byte.
 */
public final class JsonOut {
    private static final ObjectMapper MAPPER = JsonMapper.builder().build();
    private static final DefaultPrettyPrinter PRINTER;

    static {
        DefaultIndenter indent = new DefaultIndenter("  ", "\n");
        PRINTER = new DefaultPrettyPrinter().withObjectIndenter(indent).withArrayIndenter(indent);
    }

    private JsonOut() {
    }

    /** A new empty object (fields keep insertion order). */
    public static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    /** A new empty array. */
    public static ArrayNode array() {
        return JsonNodeFactory.instance.arrayNode();
    }

    /** The envelope every document starts with. */
    public static ObjectNode document(String type, int version) {
        ObjectNode doc = object();
        doc.put("type", type);
        doc.put("version", version);
        return doc;
    }

    /** A quantity as a decimal string (never a JSON number: readers in other languages lose precision above 2^53). */
    public static String decimal(long nonNegative) {
        if (nonNegative < 0) {
            throw new IllegalArgumentException("quantities in documents are non-negative: " + nonNegative);
        }
        return Long.toString(nonNegative);
    }

    /** A uint64 held in a long's 64 bits, as a decimal string. */
    public static String unsignedDecimal(long uint64) {
        return Long.toUnsignedString(uint64);
    }

    /** The canonical UTF-8 bytes of a document. */
    public static byte[] bytes(JsonNode document) {
        try {
            return (MAPPER.writer(PRINTER).writeValueAsString(document) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of JSON nodes always serialises", e);
        }
    }
}
