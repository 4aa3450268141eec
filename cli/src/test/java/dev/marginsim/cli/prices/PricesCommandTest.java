package dev.marginsim.cli.prices;

import static dev.marginsim.cli.CliRun.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.marginsim.cli.CliRun;
import dev.marginsim.oracle.path.PricePath;
import dev.marginsim.oracle.replay.HistoryReader;
import dev.marginsim.oracle.replay.ReadOptions;
import dev.marginsim.oracle.synthetic.Gbm;
import dev.marginsim.oracle.synthetic.PathGrid;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code marginsim prices} end to end through {@link Main#run}: files written, read back, errors in one line. */
class PricesCommandTest {
    @TempDir
    Path dir;

    private String f(String name) {
        return dir.resolve(name).toString();
    }

    @Test
    void generateWritesTheSeededPathThatTheLibraryMakesAndLoadReadsItBack() throws IOException {
        CliRun r = run("prices", "generate", "gbm", "--seed", "7", "--steps", "500", "--sigma", "0.9", "--out", f("gbm.csv"));
        assertEquals(0, r.code(), r.err());
        PricePath expected = new Gbm(0, 0.9).generate(new PathGrid("ETH/USD", 8, 1_767_225_600L, 60, 500,
                new BigDecimal("2000")), 7, 0);
        PricePath written = HistoryReader.read(dir.resolve("gbm.csv"), ReadOptions.defaults().withName("ETH/USD")).path();
        assertEquals(expected, written);
        assertTrue(r.out().startsWith("ETH/USD: 501 points"), r.out());

        CliRun again = run("prices", "load", f("gbm.csv"), "--name", "ETH/USD", "--out", f("again.csv"));
        assertEquals(0, again.code(), again.err());
        assertEquals(Files.readString(dir.resolve("gbm.csv")), Files.readString(dir.resolve("again.csv")));
    }

    @Test
    void failuresReachTheViewAndTheGuardsMarkThem() throws IOException {
        CliRun r = run("prices", "generate", "crash", "--steps", "1440", "--deviation-bps", "50", "--heartbeat", "1h",
                "--freeze", "8h:12h", "--bad-answer", "14h:0", "--spike", "16h:3", "--guard-heartbeat", "65m", "--guard-max-move", "2000",
                "--view-out", f("view.csv"), "--chart", f("crash.png"), "--out", f("crash.csv"));
        assertEquals(0, r.code(), r.err());
        List<String> view = Files.readAllLines(dir.resolve("view.csv"));
        assertEquals("round_id,answer,decimals,started_at,updated_at,answered_in_round", view.get(0));
        long t0 = 1_767_225_600L;
        assertTrue(view.stream().skip(1).map(l -> Long.parseLong(l.split(",")[4]))
                .noneMatch(t -> t >= t0 + 8 * 3600 && t < t0 + 12 * 3600), "no round in the freeze");
        assertTrue(view.stream().anyMatch(l -> l.split(",")[1].equals("0")), "the zero answer is a round");
        assertTrue(r.out().contains("NonPositive"), r.out());
        assertTrue(r.out().contains("Stale"), r.out());
        assertTrue(r.out().contains("ExcessiveDeviation"), r.out());
        java.util.regex.Matcher gap = java.util.regex.Pattern.compile("longest gap (\\d+) s").matcher(r.out());
        assertTrue(gap.find(), r.out());
        long seconds = Long.parseLong(gap.group(1));
        assertTrue(seconds >= 4 * 3600 && seconds <= 6 * 3600, "the 4 h freeze, plus at most a heartbeat each side: " + r.out());
        byte[] png = Files.readAllBytes(dir.resolve("crash.png"));
        assertEquals((byte) 0x89, png[0]);
        assertEquals('P', png[1]);
        CliRun svg = run("prices", "load", "eth-usd-2023", "--chart", f("eth.svg"));
        assertEquals(0, svg.code(), svg.err());
        assertTrue(Files.readString(dir.resolve("eth.svg")).contains("<svg"));
    }

    @Test
    void inspectDescribesAShippedHistory() {
        CliRun r = run("prices", "inspect", "btc-usd-2013", "--bars", "close");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("BTC/USD: 9399 points"), r.out());
        assertTrue(r.out().contains("max drawdown"), r.out());
    }

    @Test
    void correlatedWritesOneFilePerAsset() {
        CliRun r = run("prices", "generate", "correlated", "--asset", "ETH/USD:2000:0.8", "--asset", "BTC/USD:40000:0.6",
                "--corr", "1,0.8;0.8,1", "--steps", "100", "--out", f("c.csv"));
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.exists(dir.resolve("c-ETH_USD.csv")));
        assertTrue(Files.exists(dir.resolve("c-BTC_USD.csv")));
        CliRun bad = run("prices", "generate", "correlated", "--asset", "A:1:0.8", "--asset", "B:1:0.6", "--asset", "C:1:1",
                "--corr", "1,0.9,-0.9;0.9,1,0.9;-0.9,0.9,1");
        assertEquals(1, bad.code());
        assertTrue(bad.err().contains("not positive definite"), bad.err());
    }

    @Test
    void badInputIsOneLineANonZeroExitAndNoFile() throws IOException {
        Path csv = Files.writeString(dir.resolve("bad.csv"), "timestamp,price\n1,10\n2,abc\n");
        CliRun r = run("prices", "load", csv.toString(), "--out", f("never.csv"));
        assertEquals(1, r.code());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains("bad.csv:3:"), r.err());
        Files.writeString(dir.resolve("order.csv"), "timestamp,price\n5,10\n4,10\n");
        assertTrue(run("prices", "load", f("order.csv")).err().contains("out of order"));
        Files.writeString(dir.resolve("neg.csv"), "timestamp,price\n5,-10\n");
        assertTrue(run("prices", "load", f("neg.csv")).err().contains("must be positive"));
        assertEquals(1, run("prices", "generate", "gbm", "--chart", f("chart.gif"), "--out", f("never.csv")).code());
        assertEquals(2, run("prices", "generate", "brownian").code());
        assertEquals(1, run("prices", "generate", "gbm", "--freeze", "1h").code());
        assertEquals(1, run("prices", "load", "nope-2020").code());
        CliRun unreachable = run("prices", "read", "--rpc", "http://127.0.0.1:9", "--feed", "0x0000000000000000000000000000000000000001");
        assertEquals(1, unreachable.code());
        assertEquals(1, unreachable.err().lines().count(), unreachable.err());
        try (Stream<Path> files = Files.list(dir)) {
            assertFalse(files.anyMatch(p -> p.getFileName().toString().startsWith("never")
                    || p.getFileName().toString().endsWith(".tmp")), "nothing half-written");
        }
    }
}
