package dev.marginsim.prover.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.marginsim.prover.format.GoldenFiles;
import dev.marginsim.prover.format.JsonOut;
import dev.marginsim.prover.format.TransparentJson;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Every single-field change of a valid proof is rejected: each value changed (hex digit flipped at
 * both ends, decimal ±1, integer ±1, text edited), each field removed, an unknown field added to each
 * object, each array element removed or duplicated. Also every truncation and every bit flip of the
 * file's bytes. The verifier must name a failure every time; no mutant may verify.
 */
class TransparentMutationTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void everySingleFieldChangeOfAProofIsRejected() throws Exception {
        byte[] golden = GoldenFiles.read(GoldenFiles.PROOF);
        verify(golden); // the original is valid
        JsonNode original = MAPPER.readTree(golden);
        List<String> paths = new ArrayList<>();
        Map<Failure, Integer> seen = new EnumMap<>(Failure.class);
        mutants(original, "$", original, (label, mutant) -> {
            paths.add(label);
            try {
                verify(JsonOut.bytes(mutant));
                fail("mutant verified: " + label);
            } catch (VerificationException e) {
                seen.merge(e.failure(), 1, Integer::sum);
            }
        });
        System.out.println(paths.size() + " mutants rejected: " + seen);
        int scalars = scalars(original);
        assertTrue(paths.size() >= 3 * scalars, paths.size() + " mutants for " + scalars + " values: each value is"
                + " changed at least twice and removed once");
    }

    @Test
    void everyTruncationIsUnreadable() throws Exception {
        byte[] golden = GoldenFiles.read(GoldenFiles.PROOF);
        String text = new String(golden).stripTrailing();
        for (int n = 0; n < text.length(); n++) {
            byte[] cut = text.substring(0, n).getBytes();
            VerificationException e = org.junit.jupiter.api.Assertions.assertThrows(VerificationException.class, () -> verify(cut));
            assertEquals(Failure.MALFORMED_JSON, e.failure(), "cut at " + n);
            assertTrue(e.failure().unreadable());
        }
    }

    @Test
    void everyBitFlipIsRejected() throws Exception {
        byte[] golden = GoldenFiles.read(GoldenFiles.PROOF);
        Map<Failure, Integer> seen = new EnumMap<>(Failure.class);
        int flips = 0;
        for (int i = 0; i < golden.length - 1; i++) { // the final LF: a trailing whitespace change is not a field change
            for (int bit = 0; bit < 8; bit++) {
                byte[] b = golden.clone();
                b[i] ^= (byte) (1 << bit);
                if (isWhitespace(golden[i]) && isWhitespace(b[i])) {
                    continue; // JSON whitespace swapped for JSON whitespace: the same document
                }
                flips++;
                try {
                    verify(b);
                    fail("bit " + bit + " of byte " + i + " flipped, still verified");
                } catch (VerificationException e) {
                    seen.merge(e.failure(), 1, Integer::sum);
                }
            }
        }
        System.out.println(flips + " bit flips rejected: " + seen);
    }

    private static int scalars(JsonNode n) {
        if (!n.isContainerNode()) {
            return 1;
        }
        int count = 0;
        for (JsonNode child : n) {
            count += scalars(child);
        }
        return count;
    }

    private static boolean isWhitespace(byte b) {
        return b == ' ' || b == '\n' || b == '\r' || b == '\t';
    }

    private static void verify(byte[] json) throws VerificationException {
        TransparentVerifier.verifyInclusion(TransparentJson.readProof(json));
    }

    private interface Sink {
        void accept(String label, JsonNode mutant) throws Exception;
    }

    /** Calls {@code sink} with each single-field mutant of {@code root} (a deep copy each time). */
    private static void mutants(JsonNode root, String path, JsonNode node, Sink sink) throws Exception {
        if (node.isObject()) {
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            emit(root, node, sink, path + " +unknown", o -> ((ObjectNode) o).put("unknown", "0"));
            for (String name : names) {
                emit(root, node, sink, path + "." + name + " removed", o -> ((ObjectNode) o).remove(name));
                JsonNode child = node.get(name);
                if (child.isContainerNode()) {
                    mutants(root, path + "." + name, child, sink);
                } else {
                    for (JsonNode v : changed(child)) {
                        emit(root, node, sink, path + "." + name + " = " + v, o -> ((ObjectNode) o).set(name, v));
                    }
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                int k = i;
                emit(root, node, sink, path + "[" + i + "] removed", a -> ((ArrayNode) a).remove(k));
                emit(root, node, sink, path + "[" + i + "] duplicated", a -> ((ArrayNode) a).insert(k, ((ArrayNode) a).get(k).deepCopy()));
                JsonNode child = node.get(i);
                if (child.isContainerNode()) {
                    mutants(root, path + "[" + i + "]", child, sink);
                } else {
                    for (JsonNode v : changed(child)) {
                        emit(root, node, sink, path + "[" + i + "] = " + v, a -> ((ArrayNode) a).set(k, v));
                    }
                }
            }
        }
    }

    /** Applies {@code edit} to the copy of {@code target} inside a deep copy of {@code root}. */
    private static void emit(JsonNode root, JsonNode target, Sink sink, String label, Consumer<ContainerNode<?>> edit) throws Exception {
        JsonNode copy = root.deepCopy();
        ContainerNode<?> t = (ContainerNode<?>) locate(root, copy, target);
        edit.accept(t);
        sink.accept(label, copy);
    }

    /** The node of {@code copy} at the position {@code target} has in {@code original} (by identity). */
    private static JsonNode locate(JsonNode original, JsonNode copy, JsonNode target) {
        if (original == target) {
            return copy;
        }
        if (original.isObject()) {
            for (Iterator<String> it = original.fieldNames(); it.hasNext(); ) {
                String n = it.next();
                JsonNode found = locate(original.get(n), copy.get(n), target);
                if (found != null) {
                    return found;
                }
            }
        } else if (original.isArray()) {
            for (int i = 0; i < original.size(); i++) {
                JsonNode found = locate(original.get(i), copy.get(i), target);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    /** Values differing from {@code v} in one small way each. */
    private static List<JsonNode> changed(JsonNode v) {
        List<JsonNode> out = new ArrayList<>();
        if (v.isInt()) {
            out.add(IntNode.valueOf(v.intValue() + 1));
            out.add(IntNode.valueOf(v.intValue() - 1));
            out.add(TextNode.valueOf(v.asText()));
        } else if (v.isTextual()) {
            String s = v.textValue();
            if (s.matches("0x[0-9a-f]+")) {
                out.add(TextNode.valueOf(s.substring(0, 2) + flip(s.charAt(2)) + s.substring(3)));
                out.add(TextNode.valueOf(s.substring(0, s.length() - 1) + flip(s.charAt(s.length() - 1))));
            } else if (s.matches("-?[0-9]+")) {
                BigInteger n = new BigInteger(s);
                out.add(TextNode.valueOf(n.add(BigInteger.ONE).toString()));
                out.add(TextNode.valueOf(n.subtract(BigInteger.ONE).toString()));
            } else {
                out.add(TextNode.valueOf(s + "x"));
                if (!s.isEmpty()) {
                    out.add(TextNode.valueOf(s.substring(1)));
                }
            }
        } else {
            throw new IllegalStateException("unexpected value in a proof: " + v);
        }
        return out;
    }

    private static char flip(char c) {
        return c == '0' ? '1' : '0';
    }
}
