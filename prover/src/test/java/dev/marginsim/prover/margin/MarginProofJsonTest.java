package dev.marginsim.prover.margin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.marginsim.prover.format.JsonOut;
import dev.marginsim.prover.privatetree.Golden;
import dev.marginsim.prover.privatetree.JsonMutants;
import dev.marginsim.prover.verify.Failure;
import dev.marginsim.prover.verify.VerificationException;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The margin proof's document: golden bytes, schema, read-back, and every single-field change rejected. */
class MarginProofJsonTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static void verify(byte[] json) throws VerificationException {
        MarginGolden.verify(MarginProofJson.read(json));
    }

    @Test
    void documentIsGolden_readsBack_andVerifies() throws Exception {
        Golden.assertGolden(MarginGolden.PROOF, MarginGolden.proofBytes());
        byte[] golden = Golden.read(MarginGolden.PROOF);
        MarginProof proof = MarginProofJson.read(golden);
        assertArrayEquals(golden, JsonOut.bytes(MarginProofJson.write(proof)));
        MarginGolden.verify(proof);
        assertEquals(Set.of(), Golden.schema("margin-proof-v1.schema.json").validate(MAPPER.readTree(golden)));
    }

    @Test
    void everySingleFieldChangeIsRejected() throws Exception {
        byte[] golden = Golden.read(MarginGolden.PROOF);
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
        System.out.println(count + " mutants of the margin proof rejected: " + seen);
        int leaves = JsonMutants.leaves(MAPPER.readTree(golden));
        assertTrue(count.get() >= 2 * leaves, count + " mutants for " + leaves + " values: each value must be changed at least twice");
    }

    @Test
    void truncationsAreUnreadable() throws Exception {
        String text = new String(Golden.read(MarginGolden.PROOF)).stripTrailing();
        for (int n = 0; n < text.length(); n += 7) {
            byte[] cut = text.substring(0, n).getBytes();
            assertEquals(Failure.MALFORMED_JSON, assertThrows(VerificationException.class, () -> verify(cut)).failure(), "cut at " + n);
        }
    }
}
