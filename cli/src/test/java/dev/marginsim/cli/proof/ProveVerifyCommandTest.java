package dev.marginsim.cli.proof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.marginsim.cli.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code marginsim prove} then {@code marginsim verify}, through the real command line: exit codes 0, 1, 2. */
class ProveVerifyCommandTest {
    @TempDir
    static Path dir;
    static Path out;
    static List<Path> proofs;

    @BeforeAll
    static void prove() throws IOException {
        out = dir.resolve("round1");
        CliRun run = CliRun.run("prove", "--out", out.toString(), "--accounts", "40", "--minutes", "30");
        assertEquals(0, run.code(), run.err());
        assertTrue(Files.isRegularFile(out.resolve("round.json")));
        assertTrue(Files.isRegularFile(out.resolve("statement.json")));
        try (Stream<Path> files = Files.list(out.resolve("proofs"))) {
            proofs = files.sorted().toList();
        }
        assertFalse(proofs.isEmpty(), "one proof per account");
    }

    @Test
    void everyWrittenProofVerifiesAgainstTheRoundAndTheStatement() {
        assertEquals(0, CliRun.run("verify", out.resolve("round.json").toString()).code());
        assertEquals(0, CliRun.run("verify", out.resolve("statement.json").toString()).code());
        for (Path proof : proofs) {
            CliRun run = CliRun.run("verify", out.resolve("round.json").toString(), "--proof", proof.toString());
            assertEquals(0, run.code(), proof + ": " + run.err());
            assertTrue(run.out().startsWith("valid: account"), run.out());
        }
    }

    @Test
    void aChangedBalanceIsInvalidWithItsReason() throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode proof = (ObjectNode) json.readTree(proofs.get(0).toFile());
        ArrayNode balances = findBalances(proof);
        String first = balances.get(0).asText();
        balances.set(0, balances.textNode(String.valueOf(Long.parseLong(first) + 1)));
        Path forged = dir.resolve("forged.json");
        Files.write(forged, json.writeValueAsBytes(proof));
        CliRun run = CliRun.run("verify", out.resolve("round.json").toString(), "--proof", forged.toString());
        assertEquals(1, run.code(), run.err());
        assertTrue(run.err().startsWith("invalid: "), run.err());
        assertEquals(1, run.err().strip().lines().count(), "one line");
    }

    @Test
    void aProofForAnotherAccountIsInvalid() {
        CliRun run = CliRun.run("verify", out.resolve("round.json").toString(), "--proof", proofs.get(0).toString(),
                "--account", proofs.get(1).getFileName().toString().replace(".json", ""));
        assertEquals(1, run.code(), run.err());
        assertTrue(run.err().contains("ACCOUNT_MISMATCH"), run.err());
    }

    @Test
    void truncatedOrMissingInputIsUnreadable() throws IOException {
        byte[] whole = Files.readAllBytes(out.resolve("round.json"));
        Path truncated = dir.resolve("truncated.json");
        Files.write(truncated, java.util.Arrays.copyOf(whole, whole.length / 2));
        CliRun run = CliRun.run("verify", truncated.toString());
        assertEquals(2, run.code(), run.err());
        assertTrue(run.err().startsWith("unreadable: MALFORMED_JSON"), run.err());
        assertEquals(2, CliRun.run("verify", dir.resolve("nope.json").toString()).code());
    }

    @Test
    void proveRefusesAnExistingDirectoryAndWritesNothing() throws IOException {
        Path existing = Files.createDirectory(dir.resolve("existing"));
        CliRun run = CliRun.run("prove", "--out", existing.toString(), "--accounts", "5");
        assertEquals(1, run.code());
        assertTrue(run.err().contains("already exists"), run.err());
        try (Stream<Path> files = Files.list(existing)) {
            assertEquals(0, files.count());
        }
    }

    private static ArrayNode findBalances(ObjectNode node) {
        var it = node.fields();
        while (it.hasNext()) {
            var e = it.next();
            if (e.getKey().equals("balances") && e.getValue().isArray()) {
                return (ArrayNode) e.getValue();
            }
            if (e.getValue().isObject()) {
                ArrayNode found = findBalances((ObjectNode) e.getValue());
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
