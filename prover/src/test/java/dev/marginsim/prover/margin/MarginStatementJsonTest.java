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
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The published terms of a round's margin proofs: they read back to the statement they were written
 * from, match their schema, and no single-field change of them lets the round's margin proof pass.
 */
class MarginStatementJsonTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static byte[] document() {
        return new MarginStatementJson(MarginGolden.ROUND.roundHash(), MarginGolden.STATEMENT).toBytes();
    }

    @Test
    void documentReadsBackAndMatchesItsSchema() throws Exception {
        byte[] doc = document();
        MarginStatementJson read = MarginStatementJson.read(doc);
        assertEquals(MarginGolden.STATEMENT, read.statement());
        assertArrayEquals(MarginGolden.ROUND.roundHash(), read.roundHash());
        assertArrayEquals(doc, read.toBytes());
        assertEquals(Set.of(), Golden.schema("margin-statement-v1.schema.json").validate(MAPPER.readTree(doc)));
    }

    @Test
    void aMarginProofIsAcceptedWithTheTermsAndRefusedWithAnySingleFieldChangeOfThem() throws Exception {
        MarginProof proof = MarginProofJson.read(Golden.read(MarginGolden.PROOF));
        byte[] leafHash = MarginGolden.leaf(MarginGolden.ACCOUNT).leafHash();
        MarginVerifier.verify(proof, MarginGolden.ROUND, MarginStatementJson.read(document()).statement(), MarginGolden.ACCOUNT,
                leafHash);
        AtomicInteger mutants = new AtomicInteger();
        JsonMutants.each(MAPPER.readTree(document()), (label, mutant) -> {
            mutants.incrementAndGet();
            try {
                MarginStatementJson terms = MarginStatementJson.read(JsonOut.bytes(mutant));
                if (!Arrays.equals(terms.roundHash(), MarginGolden.ROUND.roundHash())) {
                    return; // the command line refuses terms for another round (ROUND_MISMATCH)
                }
                MarginVerifier.verify(proof, MarginGolden.ROUND, terms.statement(), MarginGolden.ACCOUNT, leafHash);
                fail("the margin proof passed with changed terms: " + label);
            } catch (VerificationException expected) {
                // refused: unreadable, or the proof does not hold under these terms
            }
        });
        assertTrue(mutants.get() >= 2 * JsonMutants.leaves(MAPPER.readTree(document())), mutants + " mutants");
    }

    @Test
    void anotherDocumentTypeIsRefusedByName() {
        VerificationException e = assertThrows(VerificationException.class,
                () -> MarginStatementJson.read(Golden.read(MarginGolden.PROOF)));
        assertEquals(Failure.WRONG_TYPE, e.failure());
    }
}
