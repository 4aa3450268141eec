package dev.marginsim.prover.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.marginsim.prover.snapshot.Round;
import dev.marginsim.prover.transparent.Fixtures;
import dev.marginsim.prover.transparent.TransparentTree;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The golden documents: a crash round of 12 accounts over 10 minutes, seed 42, built with the test
 * master secret. {@code -Dmarginsim.golden.update=true} rewrites them (then review the diff).
 */
public final class GoldenFiles {
    public static final String ROUND = "golden/transparent-round.json";
    public static final String PROOF = "golden/transparent-inclusion-proof.json";
    public static final String STATEMENT = "golden/transparent-solvency-statement.json";

    private static TransparentTree tree;

    private GoldenFiles() {
    }

    /** The tree the golden documents are made from (built once per test JVM). */
    public static synchronized TransparentTree tree() {
        if (tree == null) {
            Round round = Fixtures.crashRound(12, 10, 42);
            tree = TransparentTree.build(round, Fixtures.MASTER);
        }
        return tree;
    }

    /** The golden file's bytes. */
    public static byte[] read(String name) throws IOException {
        try (InputStream in = GoldenFiles.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("missing golden file " + name);
            }
            return in.readAllBytes();
        }
    }

    /** Asserts {@code actual} equals the golden file byte for byte, or rewrites it when asked to. */
    public static void assertGolden(String name, byte[] actual) throws IOException {
        if (Boolean.getBoolean("marginsim.golden.update")) {
            Path file = Path.of("src/test/resources").resolve(name);
            Files.createDirectories(file.getParent());
            Files.write(file, actual);
            return;
        }
        assertEquals(new String(read(name), StandardCharsets.UTF_8), new String(actual, StandardCharsets.UTF_8), name);
    }
}
