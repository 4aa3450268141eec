package dev.marginsim.prover.margin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.marginsim.prover.curve.Scalar;
import dev.marginsim.prover.privatetree.AccountLeaf;
import dev.marginsim.prover.privatetree.Golden;
import dev.marginsim.prover.privatetree.PrivateRound;
import dev.marginsim.prover.snapshot.Address;
import dev.marginsim.prover.verify.Failure;
import dev.marginsim.prover.verify.VerificationException;
import java.security.SecureRandom;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Attacks on the margin proof's bindings: to the leaf, the account, the round and every transcript input. */
class MarginAttackTest {
    private static final SecureRandom RNG = Golden.seeded(17);

    private static Failure failure(Executable e) {
        return assertThrows(VerificationException.class, e).failure();
    }

    private static PoolOpening pool(int account) {
        return EnginePool.opening(MarginGolden.BOOK.engine, account, MarginGolden.STATEMENT);
    }

    @Test
    void collateralThatIsNotTheLeafs_isRejected() throws Exception {
        // one more WETH than the leaf holds, committed afresh: the margin proof itself is sound, but not about the leaf
        AccountLeaf real = MarginGolden.leaf(MarginGolden.ACCOUNT);
        long[] v = real.values();
        v[1] += 1_000_000_000L;
        Scalar[] r = real.blindings();
        r[1] = Scalar.random(RNG);
        AccountLeaf inflated = new AccountLeaf(MarginGolden.ACCOUNT, real.salt(), v, r);
        PoolOpening p = pool(1);
        long[] c = p.collateralE9();
        c[0] += 1_000_000_000L;
        MarginProof proof = MarginProver.prove(MarginGolden.ROUND, inflated, MarginGolden.STATEMENT,
                new PoolOpening(p.quoteE6() - 1_000_000_000L, c, p.positions()), RNG);
        assertEquals(Failure.COMMITMENT_MISMATCH, failure(() -> MarginGolden.verify(proof)));
        // and the prover refuses a pool whose collateral the leaf does not hold
        assertEquals(MarginRefusedException.Reason.OPENING_MISMATCH, assertThrows(MarginRefusedException.class,
                () -> MarginProver.prove(MarginGolden.ROUND, real, MarginGolden.STATEMENT, new PoolOpening(p.quoteE6(), c, p.positions()), RNG)).reason());
    }

    @Test
    void anotherAccountsOrRoundsProof_isRejected() throws Exception {
        MarginProof mine = MarginProver.prove(MarginGolden.ROUND, MarginGolden.leaf(Address.ofIndex(0)), MarginGolden.STATEMENT, pool(0), RNG);
        assertEquals(Failure.ACCOUNT_MISMATCH, failure(() -> MarginGolden.verify(mine)));
        PrivateRound other = PrivateRound.of(MarginProofTest.BUILDER.build(MarginGolden.BOOK.round(2), MarginProofTest.MASTER));
        assertEquals(Failure.ROUND_MISMATCH, failure(() -> MarginVerifier.verify(mine, other, MarginGolden.STATEMENT,
                Address.ofIndex(0), MarginGolden.leaf(Address.ofIndex(0)).leafHash())));
    }

    @Test
    void aTranscriptMissingAnInput_isRejected() throws Exception {
        for (String omit : new String[] {"round", "price-snapshot", "root", "account", "account-hash", "level", "asset-price",
                "asset-weight", "market-price", "market-ratio", "market-funding-index", "leaf", "C"}) {
            MarginProof p = MarginProver.proveOmitting(MarginGolden.ROUND, MarginGolden.leaf(MarginGolden.ACCOUNT),
                    MarginGolden.STATEMENT, pool(1), RNG, Set.of(omit));
            Failure f = failure(() -> MarginGolden.verify(p));
            // the Σ-proofs come first on the transcript: a missing input breaks their challenges
            assertEquals(Failure.PROOF_INVALID, f, "without " + omit);
        }
    }

    /**
     * The slots are range-proven by one digit range proof checked together with the Σ-proofs in one sum:
     * a range proof, a product proof or an absolute-size proof from another valid proof of the same
     * statement each fail, and the failure names the check.
     */
    @Test
    void rangeAndProductProofsTakenFromAnotherProof_areRejected() throws Exception {
        MarginProof a = MarginProver.prove(MarginGolden.ROUND, MarginGolden.leaf(MarginGolden.ACCOUNT), MarginGolden.STATEMENT, pool(1), RNG);
        MarginProof b = MarginProver.prove(MarginGolden.ROUND, MarginGolden.leaf(MarginGolden.ACCOUNT), MarginGolden.STATEMENT, pool(1), RNG);
        MarginGolden.verify(a);
        MarginGolden.verify(b);
        MarginProof mixed = new MarginProof(a.roundHash(), a.statement(), a.account(), a.salt(), a.leafCommitments(),
                a.commitments(), a.products(), a.absoluteSizes(), b.rangeProof());
        VerificationException range = assertThrows(VerificationException.class, () -> MarginGolden.verify(mixed));
        assertEquals(Failure.RANGE_PROOF_INVALID, range.failure(), "the range proof from another proof");
        org.junit.jupiter.api.Assertions.assertTrue(range.getMessage().contains("range proof"), range.getMessage());
        java.util.List<ProductProof> products = new java.util.ArrayList<>(a.products());
        products.set(0, b.products().get(0));
        assertEquals(Failure.PROOF_INVALID, failure(() -> MarginGolden.verify(new MarginProof(a.roundHash(), a.statement(),
                a.account(), a.salt(), a.leafCommitments(), a.commitments(), products, a.absoluteSizes(), a.rangeProof()))),
                "a product proof from another proof");
        java.util.List<AbsoluteSizeProof> sizes = new java.util.ArrayList<>(a.absoluteSizes());
        sizes.set(0, b.absoluteSizes().get(0));
        VerificationException e = assertThrows(VerificationException.class, () -> MarginGolden.verify(new MarginProof(a.roundHash(),
                a.statement(), a.account(), a.salt(), a.leafCommitments(), a.commitments(), a.products(), sizes, a.rangeProof())));
        assertEquals(Failure.PROOF_INVALID, e.failure(), "an absolute-size proof from another proof");
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("absolute-size"), e.getMessage());
    }
}
