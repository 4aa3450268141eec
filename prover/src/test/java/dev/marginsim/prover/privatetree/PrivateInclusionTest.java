package dev.marginsim.prover.privatetree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.marginsim.prover.snapshot.Liabilities;
import dev.marginsim.prover.snapshot.Round;
import dev.marginsim.prover.verify.Failure;
import dev.marginsim.prover.verify.VerificationException;
import java.security.SecureRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PrivateInclusionTest {
    private static Round round;
    private static PrivateTree tree;
    private static PrivateRound published;

    @BeforeAll
    static void build() {
        round = TreeFixtures.round(77, 21, 1);
        tree = TreeFixtures.BUILDER.build(round, TreeFixtures.MASTER);
        published = PrivateRound.of(tree);
    }

    @Test
    void everyAccountsProof_verifies_andShowsItsBalances() throws Exception {
        SecureRandom rng = new SecureRandom();
        for (Liabilities l : round.accounts().subList(0, 4)) {
            PrivateInclusionProof proof = PrivateInclusionProver.prove(tree, l.account(), 64, rng);
            long[] expected = java.util.Arrays.copyOf(l.columns(), tree.tokens());
            PrivateInclusionVerifier.verify(proof, published, l.account(), expected, 64);
        }
    }

    @Test
    void anotherAccount_isRejected() {
        Liabilities a = round.accounts().get(0);
        Liabilities b = round.accounts().get(1);
        PrivateInclusionProof proof = PrivateInclusionProver.prove(tree, a.account(), 64, new SecureRandom());
        VerificationException e = assertThrows(VerificationException.class,
                () -> PrivateInclusionVerifier.verify(proof, published, b.account(), null, 64));
        assertEquals(Failure.ACCOUNT_MISMATCH, e.failure());
    }
}
