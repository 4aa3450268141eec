package dev.marginsim.prover.privatetree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.marginsim.prover.verify.Failure;
import dev.marginsim.prover.verify.VerificationException;
import org.junit.jupiter.api.Test;

/** The document-level entry point dispatches on type and names every rejection. */
class PrivateTierTest {
    @Test
    void goldenDocumentsVerify_againstTheirRound_andOtherTypesAreNamed() throws Exception {
        byte[] round = Golden.read(PrivateTreeJsonTest.ROUND);
        PrivateTier.verifyDocument(Golden.read(PrivateTreeJsonTest.PROOF), round, PrivateTreeJsonTest.goldenAccount());
        PrivateTier.verifyDocument(Golden.read(PrivateTreeJsonTest.REVEALED), round, null);
        PrivateTier.verifyDocument(Golden.read(PrivateTreeJsonTest.BOUNDED), round, null);
        assertEquals(Failure.WRONG_TYPE, assertThrows(VerificationException.class,
                () -> PrivateTier.verifyDocument(round, round, null)).failure());
        assertEquals(Failure.MALFORMED_JSON, assertThrows(VerificationException.class,
                () -> PrivateTier.verifyDocument("{".getBytes(), round, null)).failure());
        assertEquals(Failure.ACCOUNT_MISMATCH, assertThrows(VerificationException.class, () -> PrivateTier.verifyDocument(
                Golden.read(PrivateTreeJsonTest.PROOF), round, dev.marginsim.prover.snapshot.Address.ofIndex(1))).failure());
    }
}
