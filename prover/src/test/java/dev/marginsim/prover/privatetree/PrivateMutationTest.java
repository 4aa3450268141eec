package dev.marginsim.prover.privatetree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.marginsim.prover.format.JsonOut;
import dev.marginsim.prover.verify.Failure;
import dev.marginsim.prover.verify.VerificationException;
import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Every single-field change of a valid private inclusion proof is rejected, every truncation is
 * unreadable, and seeded random bit flips are rejected (a full sweep of ~45,000 flips would run a
 * range-proof verification for each flip that still parses; the seed is printed).
 */
class PrivateMutationTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static void verify(byte[] json) throws VerificationException {
        PrivateInclusionProof p = PrivateTreeJson.readProof(json);
        PrivateInclusionVerifier.verify(p, PrivateRound.of(PrivateTreeJsonTest.goldenTree()), PrivateTreeJsonTest.goldenAccount(), null, 64);
    }

    @Test
    void everySingleFieldChangeIsRejected() throws Exception {
        byte[] golden = Golden.read(PrivateTreeJsonTest.PROOF);
        verify(golden);
        Map<Failure, Integer> seen = new EnumMap<>(Failure.class);
        AtomicInteger count = new AtomicInteger();
        JsonMutants.each(MAPPER.readTree(golden), (label, mutant) -> {
            count.incrementAndGet();
            try {
                verify(JsonOut.bytes(mutant));
                fail("mutant verified: " + label);
            } catch (VerificationException e) {
                seen.merge(e.failure(), 1, Integer::sum);
            }
        });
        System.out.println(count + " mutants of the private inclusion proof rejected: " + seen);
        int leaves = JsonMutants.leaves(MAPPER.readTree(golden));
        assertTrue(count.get() >= 2 * leaves, count + " mutants for " + leaves + " values: each value must be changed at least twice");
    }

    @Test
    void everyTruncationIsUnreadable() throws Exception {
        String text = new String(Golden.read(PrivateTreeJsonTest.PROOF)).stripTrailing();
        for (int n = 0; n < text.length(); n++) {
            byte[] cut = text.substring(0, n).getBytes();
            VerificationException e = assertThrows(VerificationException.class, () -> verify(cut), "cut at " + n);
            assertEquals(Failure.MALFORMED_JSON, e.failure(), "cut at " + n);
        }
    }

    @Test
    void randomBitFlipsAreRejected() throws Exception {
        long seed = Long.getLong("marginsim.flip.seed", 424242L);
        System.out.println("PrivateMutationTest bit-flip seed " + seed);
        byte[] golden = Golden.read(PrivateTreeJsonTest.PROOF);
        SplittableRandom rnd = new SplittableRandom(seed);
        Map<Failure, Integer> seen = new EnumMap<>(Failure.class);
        for (int k = 0; k < 300; k++) {
            int i = rnd.nextInt(golden.length - 1);
            int bit = rnd.nextInt(8);
            byte[] b = golden.clone();
            b[i] ^= (byte) (1 << bit);
            if (Character.isWhitespace(golden[i]) && Character.isWhitespace(b[i])) {
                continue;
            }
            try {
                verify(b);
                fail("seed " + seed + ": bit " + bit + " of byte " + i + " flipped, still verified");
            } catch (VerificationException e) {
                seen.merge(e.failure(), 1, Integer::sum);
            }
        }
        System.out.println("bit flips rejected: " + seen);
    }

    @Test
    void otherDocumentTypesAndVersionsAreNamed() throws Exception {
        String other = new String(Golden.read(PrivateTreeJsonTest.PROOF)).replaceFirst("private-inclusion-proof", "private-round");
        assertEquals(Failure.WRONG_TYPE, assertThrows(VerificationException.class, () -> verify(other.getBytes())).failure());
        String proof = new String(Golden.read(PrivateTreeJsonTest.PROOF)).replaceFirst("\"version\" : 2", "\"version\" : 1");
        assertEquals(Failure.UNSUPPORTED_VERSION, assertThrows(VerificationException.class, () -> verify(proof.getBytes())).failure());
        assertEquals(Failure.MALFORMED_JSON, assertThrows(VerificationException.class, () -> verify("not json".getBytes())).failure());
    }
}
