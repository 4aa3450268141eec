package dev.marginsim.cli.proof;

import static dev.marginsim.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.marginsim.cli.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The private tier through the real command line: {@code prove --tier private} with inclusion and margin
 * proofs for chosen accounts, then {@code verify} of each document against the published round — exit 0
 * valid, 1 invalid with its reason, 2 unreadable or incomplete input.
 */
class PrivateProveVerifyCommandTest {
    private static final List<String> ACCOUNTS = List.of("0x0000000000000000000000000000000000000001",
            "0x0000000000000000000000000000000000000002", "0x0000000000000000000000000000000000000003");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static Path out;
    static String proveOutput;
    /** Accounts that got a maintenance margin proof (the others are below maintenance and say so). */
    static List<String> proven = new ArrayList<>();

    @BeforeAll
    static void prove() {
        out = dir.resolve("private");
        List<String> args = new ArrayList<>(List.of("prove", "--tier", "private", "--out", out.toString(), "--accounts", "30",
                "--minutes", "20", "--margin", "maintenance", "--no-progress"));
        for (String a : ACCOUNTS) {
            args.add("--account");
            args.add(a);
        }
        CliRun r = run(args.toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
        proveOutput = r.out();
        for (String a : ACCOUNTS) {
            if (Files.exists(margin(a))) {
                proven.add(a);
            } else {
                assertTrue(r.out().contains("account " + a + ": no maintenance margin proof"), r.out());
            }
        }
        assertFalse(proven.isEmpty(), "some chosen account meets maintenance: " + r.out());
    }

    @Test
    void roundSolvencyAndEveryInclusionProofVerify() {
        assertEquals(0, run("verify", round()).code());
        CliRun solvency = run("verify", round(), "--proof", out.resolve("solvency.json").toString());
        assertEquals(0, solvency.code(), solvency.err());
        for (String a : ACCOUNTS) {
            CliRun r = run("verify", round(), "--proof", inclusion(a));
            assertEquals(0, r.code(), a + ": " + r.err());
            assertTrue(r.out().startsWith("valid: account " + a), r.out());
        }
    }

    @Test
    void everyMarginProofVerifiesWithItsAccountsInclusionProofAndTheTerms() {
        for (String a : proven) {
            CliRun r = run("verify", round(), "--proof", margin(a).toString(), "--inclusion", inclusion(a), "--statement", terms());
            assertEquals(0, r.code(), a + ": " + r.err());
            assertTrue(r.out().contains("meets its maintenance margin requirement"), r.out());
        }
    }

    @Test
    void aMarginProofCheckedAgainstAnotherAccountsLeafIsInvalid() {
        String a = proven.get(0);
        String other = ACCOUNTS.stream().filter(x -> !x.equals(a)).findFirst().orElseThrow();
        CliRun r = run("verify", round(), "--proof", margin(a).toString(), "--inclusion", inclusion(other), "--statement", terms());
        assertEquals(1, r.code(), r.err());
        assertTrue(r.err().startsWith("invalid: ACCOUNT_MISMATCH"), r.err());
    }

    @Test
    void termsWithAChangedPriceAreRefused() throws IOException {
        ObjectNode terms = (ObjectNode) JSON.readTree(Path.of(terms()).toFile());
        ObjectNode asset = (ObjectNode) terms.get("statement").get("assets").get(0);
        asset.put("priceE8", String.valueOf(asset.get("priceE8").asLong() + 1));
        Path forged = dir.resolve("forged-terms.json");
        Files.write(forged, JSON.writeValueAsBytes(terms));
        String a = proven.get(0);
        CliRun r = run("verify", round(), "--proof", margin(a).toString(), "--inclusion", inclusion(a), "--statement", forged.toString());
        assertEquals(1, r.code(), r.err());
        assertTrue(r.err().startsWith("invalid: PRICE_MISMATCH"), r.err());
    }

    @Test
    void aMarginProofWithoutItsInclusionProofIsIncompleteInput() {
        String a = proven.get(0);
        CliRun r = run("verify", round(), "--proof", margin(a).toString());
        assertEquals(2, r.code(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }

    @Test
    void privateOnlyOptionsAndUnknownAccountsAreOneLineErrors() {
        CliRun transparent = run("prove", "--out", dir.resolve("t").toString(), "--accounts", "5", "--margin", "maintenance");
        assertEquals(1, transparent.code());
        assertTrue(transparent.err().contains("need --tier private"), transparent.err());
        CliRun stranger = run("prove", "--tier", "private", "--out", dir.resolve("s").toString(), "--accounts", "5",
                "--account", "0x00000000000000000000000000000000000000ff");
        assertEquals(1, stranger.code());
        assertTrue(stranger.err().contains("is not in the round"), stranger.err());
        assertEquals(1, stranger.err().strip().lines().count(), stranger.err());
        assertTrue(Files.notExists(dir.resolve("s")));
    }

    private static String round() {
        return out.resolve("round.json").toString();
    }

    private static String terms() {
        return out.resolve("margin/statement-maintenance.json").toString();
    }

    private static String inclusion(String account) {
        return out.resolve("proofs/" + account + ".json").toString();
    }

    private static Path margin(String account) {
        return out.resolve("margin/" + account + "-maintenance.json");
    }
}
