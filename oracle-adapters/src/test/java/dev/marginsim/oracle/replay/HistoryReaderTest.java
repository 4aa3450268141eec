package dev.marginsim.oracle.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.marginsim.oracle.path.BarSeries;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryReaderTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    private HistoryFormatException failure(String name, String text) throws IOException {
        Path f = write(name, text);
        return assertThrows(HistoryFormatException.class, () -> HistoryReader.read(f, ReadOptions.defaults()));
    }

    @Test
    void readsPointsWithVolumeRescaledHalfEvenToTheFeedDecimals() throws IOException {
        Path f = write("eth.csv", "timestamp,price,volume\n100,1.123456785,2\n160,1.5,0.25\n");
        History h = HistoryReader.read(f, ReadOptions.defaults());
        assertEquals("eth", h.path().name());
        assertEquals(List.of(100L, 160L), List.of(h.path().time(0), h.path().time(1)));
        assertEquals(112_345_678L, h.path().price(0));
        assertEquals(150_000_000L, h.path().price(1));
        assertEquals(List.of(new BigDecimal("2"), new BigDecimal("0.25")), h.volumes());
        assertTrue(h.bars().isEmpty());
    }

    @Test
    void csvAndJsonOfTheSameRecordsGiveTheSameHistory() throws IOException {
        History csv = HistoryReader.read(write("a.csv", "timestamp,open,high,low,close,volume\n"
                + "0,10,12,9,11,1.5\n60,11,11,7,8,2\n180,8,9,8,9,0\n"), ReadOptions.defaults().withName("A"));
        History json = HistoryReader.read(write("a.json", "{\"name\": \"A\", \"bars\": [\n"
                + "{\"timestamp\": 0, \"open\": \"10\", \"high\": 12, \"low\": 9, \"close\": 11, \"volume\": 1.5},\n"
                + "{\"timestamp\": 60, \"open\": 11, \"high\": 11, \"low\": 7, \"close\": 8, \"volume\": \"2\"},\n"
                + "{\"timestamp\": 180, \"open\": 8, \"high\": 9, \"low\": 8, \"close\": 9, \"volume\": 0}]}"),
                ReadOptions.defaults());
        assertEquals(csv.path(), json.path());
        assertEquals(60, csv.bars().orElseThrow().step());
        assertEquals(csv.bars().orElseThrow().bars().size(), json.bars().orElseThrow().bars().size());
        for (int i = 0; i < 3; i++) {
            var a = csv.bars().orElseThrow().bars().get(i);
            var b = json.bars().orElseThrow().bars().get(i);
            assertEquals(a.close(), b.close());
            assertEquals(0, a.volume().compareTo(b.volume()));
        }
        assertEquals(12, csv.path().size(), "OHLC expansion: four points a bar");
    }

    @Test
    void aJsonArrayIsAListOfPoints() throws IOException {
        History h = HistoryReader.read(write("p.json", "[{\"timestamp\": 5, \"price\": 2.5}, {\"timestamp\": 6, \"price\": \"3\"}]"),
                ReadOptions.defaults().withDecimals(1));
        assertEquals(25, h.path().price(0));
        assertEquals(30, h.path().price(1));
    }

    @Test
    void csvErrorsNameFileAndLine() throws IOException {
        HistoryFormatException e = failure("bad.csv", "timestamp,price\n1,10\n2,1O\n3,10\n");
        assertEquals(3, e.line());
        assertTrue(e.getMessage().startsWith(dir.resolve("bad.csv") + ":3: price is not a number"), e.getMessage());
        assertEquals(4, failure("order.csv", "timestamp,price\n1,10\n5,10\n4,10\n").line());
        assertTrue(failure("order.csv", "timestamp,price\n1,10\n5,10\n4,10\n").getMessage().contains("out of order"));
        assertEquals(3, failure("dup.csv", "timestamp,price\n1,10\n1,11\n").line());
        assertEquals(2, failure("zero.csv", "timestamp,price\n1,0\n").line());
        assertEquals(3, failure("neg.csv", "timestamp,price\n1,1\n2,-3\n").line());
        assertEquals(2, failure("ms.csv", "timestamp,price\n1678730699999,1\n").line());
        assertEquals(2, failure("frac.csv", "timestamp,price\n1.5,1\n").line());
        assertEquals(3, failure("fields.csv", "timestamp,price\n1,1\n2,1,5\n").line());
        assertEquals(3, failure("blank.csv", "timestamp,price\n1,1\n\n3,1\n").line());
        assertEquals(1, failure("header.csv", "time,price\n1,1\n").line());
        assertEquals(2, failure("bar.csv", "timestamp,open,high,low,close\n0,10,9,8,10\n").line());
        assertEquals(0, failure("empty.csv", "timestamp,price\n").line());
        assertEquals(2, failure("tiny.csv", "timestamp,price\n1,0.000000001\n").line());
    }

    @Test
    void jsonErrorsNameTheLineOfTheRecord() throws IOException {
        assertEquals(3, failure("k.json", "{\"points\": [\n{\"timestamp\": 1, \"price\": 1},\n{\"timestamp\": 2, \"prize\": 1}]}").line());
        assertEquals(3, failure("m.json", "{\"points\": [\n{\"timestamp\": 1, \"price\": 1},\n{\"timestamp\": 2}]}").line());
        assertEquals(3, failure("o.json", "{\"points\": [\n{\"timestamp\": 2, \"price\": 1},\n{\"timestamp\": 1, \"price\": 1}]}").line());
        assertEquals(2, failure("s.json", "{\"points\": [\n{\"timestamp\": 1, \"price\": true}]}").line());
        HistoryFormatException syntax = failure("x.json", "{\"points\": [\n{\"timestamp\": 1, \"price\": 1},\n{\"timestamp\": 2 \"price\": 1}]}");
        assertEquals(3, syntax.line());
        assertTrue(syntax.getMessage().contains("malformed JSON"), syntax.getMessage());
        assertEquals(2, failure("d.json", "{\"points\": [\n{\"timestamp\": 1, \"price\": 1, \"price\": 2}]}").line());
        assertTrue(failure("n.json", "{\"name\": \"X\"}").getMessage().contains("no \"points\""));
        assertTrue(failure("t.json", "[{\"timestamp\": 1, \"price\": 1}] []").getMessage().contains("after the end"));
        assertTrue(failure("u.json", "{\"points\": [], \"colour\": 1}").getMessage().contains("unknown key"));
    }

    @Test
    void missingFilesAndUnknownExtensionsAreNamedErrors() throws IOException {
        HistoryFormatException missing = assertThrows(HistoryFormatException.class,
                () -> HistoryReader.read(dir.resolve("nope.csv"), ReadOptions.defaults()));
        assertTrue(missing.getMessage().contains("no such file"));
        Path txt = write("prices.txt", "timestamp,price\n1,1\n");
        assertThrows(HistoryFormatException.class, () -> HistoryReader.read(txt, ReadOptions.defaults()));
        Path binary = dir.resolve("bin.csv");
        Files.write(binary, new byte[] {'t', (byte) 0xC3, (byte) 0x28, '\n'});
        assertTrue(assertThrows(HistoryFormatException.class, () -> HistoryReader.read(binary, ReadOptions.defaults()))
                .getMessage().contains("UTF-8"));
    }

    @Test
    void aDeclaredStepShorterThanAGapBetweenBarsIsRefused() throws IOException {
        HistoryFormatException e = failure("step.json", "{\"step\": 300, \"bars\": [\n"
                + "{\"timestamp\": 0, \"open\": 1, \"high\": 1, \"low\": 1, \"close\": 1},\n"
                + "{\"timestamp\": 60, \"open\": 1, \"high\": 1, \"low\": 1, \"close\": 1}]}");
        assertEquals(3, e.line());
        BarSeries.Expansion close = BarSeries.Expansion.CLOSE;
        History h = HistoryReader.read(write("one.json", "{\"step\": 60, \"bars\": [{\"timestamp\": 0, \"open\": 1, "
                + "\"high\": 1, \"low\": 1, \"close\": 1}]}"), ReadOptions.defaults().withExpansion(close));
        assertEquals(59, h.path().time(0));
    }
}
