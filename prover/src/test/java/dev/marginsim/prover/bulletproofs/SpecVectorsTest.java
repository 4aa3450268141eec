package dev.marginsim.prover.bulletproofs;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.marginsim.prover.curve.Point;
import dev.marginsim.prover.pedersen.PedersenGenerators;
import dev.marginsim.testkit.RepoPaths;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/**
 * docs/proofs-private.md publishes test vectors (the generators' encodings, a transcript challenge,
 * the proof sizes) for third-party verifiers; the document must say what this code computes.
 */
class SpecVectorsTest {
    @Test
    void documentedVectors_areTheComputedOnes() throws Exception {
        String doc = Files.readString(RepoPaths.resolve("docs/proofs-private.md"));
        Point[] g = BulletproofGenerators.g(2);
        Point[] h = BulletproofGenerators.h(2);
        String[] computed = {
            Point.GENERATOR.toString(), PedersenGenerators.STANDARD.h().toString(),
            g[0].toString(), g[1].toString(), h[0].toString(), h[1].toString(),
            "0x" + Transcript.start("marginsim/test/v1").append("round", 7L).challenge("c"),
        };
        for (String v : computed) {
            assertTrue(doc.contains(v), "docs/proofs-private.md lacks " + v);
        }
        assertTrue(doc.contains("**" + RangeProof.encodedLength(6) + "** for one 64-bit value"));
        assertTrue(doc.contains(RangeProof.encodedLength(10) + " for 16 × 64 bits"));
    }
}
