package dev.marginsim.contracts.chain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A named error that {@code SolvencyRegistry} reverted with, and its arguments (every argument of the
 * registry's errors is an unsigned integer). The selectors come from the committed ABI, so an error
 * added to the contract is decoded without a change here.
 *
 * @param name the error's name, e.g. {@code Insolvent}
 * @param args its arguments in order, e.g. {@code [2]}
 */
public record RegistryError(String name, List<BigInteger> args) {
    private static final Map<String, Signature> BY_SELECTOR = loadSignatures();

    public RegistryError {
        args = List.copyOf(args);
    }

    /** An error with no arguments, or with the given ones (for comparing in tests). */
    public static RegistryError of(String name, long... args) {
        List<BigInteger> a = new ArrayList<>();
        for (long v : args) {
            a.add(new BigInteger(Long.toUnsignedString(v)));
        }
        return new RegistryError(name, a);
    }

    /** The registry error encoded in {@code revertData}, or empty if it is none of the registry's errors. */
    public static Optional<RegistryError> decode(String revertData) {
        if (revertData == null) {
            return Optional.empty();
        }
        String hex = revertData.replace("\"", "").trim().toLowerCase();
        if (hex.startsWith("0x")) {
            hex = hex.substring(2);
        }
        if (hex.length() < 8) {
            return Optional.empty();
        }
        Signature s = BY_SELECTOR.get("0x" + hex.substring(0, 8));
        if (s == null || hex.length() != 8 + 64 * s.arity()) {
            return Optional.empty();
        }
        List<BigInteger> args = new ArrayList<>();
        for (int i = 0; i < s.arity(); i++) {
            args.add(new BigInteger(hex.substring(8 + 64 * i, 8 + 64 * (i + 1)), 16));
        }
        return Optional.of(new RegistryError(s.name(), args));
    }

    /** Solidity's form: {@code Insolvent(2)}, {@code RootMismatch()}. */
    @Override
    public String toString() {
        return name + args.stream().map(BigInteger::toString).collect(Collectors.joining(",", "(", ")"));
    }

    private record Signature(String name, int arity) {
    }

    private static Map<String, Signature> loadSignatures() {
        try {
            JsonNode abi = new ObjectMapper().readTree(Artifacts.abi("SolvencyRegistry"));
            Map<String, Signature> out = new HashMap<>();
            for (JsonNode entry : abi) {
                if (!"error".equals(entry.path("type").asText())) {
                    continue;
                }
                List<String> types = new ArrayList<>();
                for (JsonNode input : entry.path("inputs")) {
                    String type = input.path("type").asText();
                    if (!type.matches("uint[0-9]+")) { // the one-word decoding above assumes unsigned scalars
                        throw new IllegalStateException("SolvencyRegistry error " + entry.path("name").asText()
                                + " has a " + type + " argument; RegistryError decodes unsigned integers only");
                    }
                    types.add(type);
                }
                String name = entry.path("name").asText();
                out.put(RevertDecoder.selector(name + "(" + String.join(",", types) + ")"), new Signature(name, types.size()));
            }
            return Map.copyOf(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
