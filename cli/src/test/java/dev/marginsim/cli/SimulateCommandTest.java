package dev.marginsim.cli;

import static dev.marginsim.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.marginsim.testkit.Anvil;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The simulate command as a user runs it: its summary, its determinism, its errors, its chain run. */
class SimulateCommandTest {

    @Test
    void smallCrashPrintsEverySummaryLineAndLiquidates() {
        CliRun r = run("simulate", "--accounts", "400", "--minutes", "90", "--eth-drop", "0.5", "--no-progress");
        assertEquals(0, r.code(), r.err());
        for (String line : new String[] {"position liquidations", "liquidated volume", "penalties", "insurance fund",
                "bad debt", "run time"}) {
            assertTrue(r.out().contains(line), "summary lacks '" + line + "':\n" + r.out());
        }
        Matcher m = Pattern.compile("position liquidations\\s+([\\d,]+)").matcher(r.out());
        assertTrue(m.find());
        assertTrue(Long.parseLong(m.group(1).replace(",", "")) > 0, "a 50% crash liquidated nobody:\n" + r.out());
    }

    @Test
    void sameSeedSameResult() {
        String a = withoutRunTime(run("simulate", "--accounts", "200", "--minutes", "30", "--no-progress").out());
        String b = withoutRunTime(run("simulate", "--accounts", "200", "--minutes", "30", "--no-progress").out());
        assertEquals(a, b);
    }

    private static String withoutRunTime(String s) {
        return s.replaceAll("run time.*", "");
    }

    @Test
    void badInputIsOneLineAndNonZero() {
        for (String[] args : new String[][] {
                {"simulate", "--accounts", "0"},
                {"simulate", "--eth-drop", "1.5"},
                {"simulate", "--accounts", "many"},
                {"simulate", "--bogus"}}) {
            CliRun r = run(args);
            assertEquals(2, r.code(), String.join(" ", args));
            assertEquals(1, r.err().strip().lines().count(), "not one line: " + r.err());
            assertFalse(r.err().contains("Exception"), r.err());
        }
    }

    @Test
    void unreachableChainIsOneLineAndExitOne() {
        CliRun r = run("simulate", "--on-chain", "http://127.0.0.1:1", "--accounts", "2", "--no-progress");
        assertEquals(1, r.code());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("cannot reach"), r.err());
    }

    @Test
    void onChainRunMatchesTheEngine() {
        try (Anvil anvil = Anvil.start()) {
            CliRun r = run("simulate", "--on-chain", anvil.url(), "--accounts", "12", "--minutes", "30",
                    "--eth-drop", "0.5", "--no-progress");
            assertEquals(0, r.code(), r.out() + r.err());
            assertTrue(r.out().contains("end state matches Java run YES"), r.out());
        }
    }
}
