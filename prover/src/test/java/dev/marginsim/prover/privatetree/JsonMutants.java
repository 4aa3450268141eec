package dev.marginsim.prover.privatetree;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Every single-field mutant of a JSON document: each leaf value changed (hex: last and first digit
 * after 0x changed; decimal strings and integers ±1; other text edited), each field removed, an
 * unknown field added to each object, each array element removed and duplicated.
 */
public final class JsonMutants {
    private JsonMutants() {
    }

    /** Number of leaf values (strings, numbers) in the document: each gives at least two mutants. */
    public static int leaves(JsonNode n) {
        if (!n.isContainerNode()) {
            return 1;
        }
        int count = 0;
        for (JsonNode child : n) {
            count += leaves(child);
        }
        return count;
    }

    /** Calls {@code sink(label, mutant)} for each mutant (a fresh deep copy each time). */
    public static void each(JsonNode document, BiConsumer<String, JsonNode> sink) {
        walk(document, new ArrayList<>(), document, sink);
    }

    private static void walk(JsonNode root, List<Object> path, JsonNode node, BiConsumer<String, JsonNode> sink) {
        if (node.isObject()) {
            emit(root, path, "+unknown", c -> ((ObjectNode) c).put("unknown", "0"), sink);
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                emit(root, path, "." + name + " removed", c -> ((ObjectNode) c).remove(name), sink);
                List<Object> sub = with(path, name);
                JsonNode child = node.get(name);
                if (child.isContainerNode()) {
                    walk(root, sub, child, sink);
                } else {
                    for (JsonNode v : changed(child)) {
                        emit(root, path, "." + name + " = " + v, c -> ((ObjectNode) c).set(name, v), sink);
                    }
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                int k = i;
                emit(root, path, "[" + i + "] removed", c -> ((ArrayNode) c).remove(k), sink);
                emit(root, path, "[" + i + "] duplicated", c -> ((ArrayNode) c).insert(k, c.get(k).deepCopy()), sink);
                JsonNode child = node.get(i);
                if (child.isContainerNode()) {
                    walk(root, with(path, i), child, sink);
                } else {
                    for (JsonNode v : changed(child)) {
                        emit(root, path, "[" + i + "] = " + v, c -> ((ArrayNode) c).set(k, v), sink);
                    }
                }
            }
        }
    }

    private static List<Object> with(List<Object> path, Object step) {
        List<Object> p = new ArrayList<>(path);
        p.add(step);
        return p;
    }

    private interface Edit {
        void apply(JsonNode container);
    }

    private static void emit(JsonNode root, List<Object> path, String what, Edit edit, BiConsumer<String, JsonNode> sink) {
        JsonNode copy = root.deepCopy();
        JsonNode target = copy;
        StringBuilder label = new StringBuilder("$");
        for (Object step : path) {
            target = step instanceof String s ? target.get(s) : target.get((Integer) step);
            label.append(step instanceof String s ? "." + s : "[" + step + "]");
        }
        edit.apply(target);
        sink.accept(label + what, copy);
    }

    static List<JsonNode> changed(JsonNode v) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        List<JsonNode> out = new ArrayList<>();
        if (v.isIntegralNumber()) {
            out.add(f.numberNode(v.longValue() + 1));
            out.add(f.numberNode(v.longValue() - 1));
        } else if (v.isTextual()) {
            String s = v.textValue();
            if (s.startsWith("0x") && s.length() > 2) {
                out.add(f.textNode(s.substring(0, s.length() - 1) + other(s.charAt(s.length() - 1))));
                out.add(f.textNode("0x" + other(s.charAt(2)) + s.substring(3)));
            } else if (s.matches("-?[0-9]+")) {
                java.math.BigInteger n = new java.math.BigInteger(s);
                out.add(f.textNode(n.add(java.math.BigInteger.ONE).toString()));
                out.add(f.textNode(n.subtract(java.math.BigInteger.ONE).toString()));
            } else {
                out.add(f.textNode(s + "x"));
            }
        } else {
            out.add(f.textNode("x"));
        }
        return out;
    }

    private static char other(char hex) {
        return hex == '0' ? '1' : hex == '1' ? '2' : '0';
    }
}
