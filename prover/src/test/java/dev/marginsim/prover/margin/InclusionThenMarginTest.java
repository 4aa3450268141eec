package dev.marginsim.prover.margin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.marginsim.prover.format.JsonOut;
import dev.marginsim.prover.privatetree.Golden;
import dev.marginsim.prover.privatetree.PrivateInclusionProof;
import dev.marginsim.prover.privatetree.PrivateInclusionProver;
import dev.marginsim.prover.privatetree.PrivateInclusionVerifier;
import dev.marginsim.prover.privatetree.PrivateRound;
import dev.marginsim.prover.privatetree.PrivateTreeJson;
import dev.marginsim.prover.snapshot.Address;
import dev.marginsim.prover.verify.Failure;
import dev.marginsim.prover.verify.VerificationException;
import org.junit.jupiter.api.Test;

/**
 * The flow a counterparty follows, through documents only: read the published round, verify the
 * account's inclusion proof, take its leaf hash, verify the margin proof against it. A margin proof
 * for another account's leaf does not pass with this leaf.
 */
class InclusionThenMarginTest {
    @Test
    void marginProof_isCheckedAgainstTheLeafOfAVerifiedInclusionProof() throws Exception {
        byte[] roundDoc = JsonOut.bytes(PrivateTreeJson.writeRound(MarginGolden.ROUND));
        byte[] inclusionDoc = JsonOut.bytes(PrivateTreeJson.writeProof(
                PrivateInclusionProver.prove(MarginGolden.TREE, MarginGolden.ACCOUNT, 64, Golden.seeded(5))));
        PrivateRound published = PrivateTreeJson.readRound(roundDoc);
        PrivateInclusionProof inclusion = PrivateTreeJson.readProof(inclusionDoc);
        PrivateInclusionVerifier.verify(inclusion, published, MarginGolden.ACCOUNT, null, 64);
        byte[] leafHash = inclusion.leaf().leafHash();
        MarginProof margin = MarginProofJson.read(MarginGolden.proofBytes());
        MarginVerifier.verify(margin, published, MarginGolden.STATEMENT, MarginGolden.ACCOUNT, leafHash);

        Address other = Address.ofIndex(0);
        MarginProof others = MarginProver.prove(MarginGolden.ROUND, MarginGolden.leaf(other), MarginGolden.STATEMENT,
                EnginePool.opening(MarginGolden.BOOK.engine, 0, MarginGolden.STATEMENT), Golden.seeded(6));
        assertEquals(Failure.COMMITMENT_MISMATCH, assertThrows(VerificationException.class,
                () -> MarginVerifier.verify(others, published, MarginGolden.STATEMENT, other, leafHash)).failure());
    }
}
