package dev.marginsim.prover.margin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.marginsim.prover.privatetree.AccountLeaf;
import dev.marginsim.prover.privatetree.PrivateRound;
import dev.marginsim.prover.privatetree.PrivateTree;
import dev.marginsim.prover.privatetree.PrivateTreeBuilder;
import dev.marginsim.prover.privatetree.TreeGenerators;
import dev.marginsim.prover.snapshot.Address;
import dev.marginsim.prover.verify.Failure;
import dev.marginsim.prover.verify.VerificationException;
import java.math.BigInteger;
import java.security.SecureRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Margin proofs at the boundary the protocol draws: an account exactly at maintenance proves, one unit
 * below is refused, and a proof forced out of it (or out of any rounding step) is rejected.
 */
class MarginProofTest {
    static final PrivateTreeBuilder BUILDER = new PrivateTreeBuilder(TreeGenerators.STANDARD);
    static final byte[] MASTER = "margin-proof-test-master-secret-32b".getBytes();
    private static final long DROP = 270_000_000_000L; // ETH $3,000 → $2,700
    private static final long X = 10_000_000_000L;     // $10,000
    private static BoundaryBook book;
    private static PrivateTree tree;
    private static PrivateRound round;
    private static MarginStatement maintenance;

    @BeforeAll
    static void boundary() {
        long slack = new BoundaryBook(DROP, X).slack(0, MarginLevel.MAINTENANCE);
        assertTrue(slack > 1_000, "the probe account must be healthy: " + slack);
        book = new BoundaryBook(DROP, X, X - slack, X - slack - 1);
        tree = BUILDER.build(book.round(1), MASTER);
        round = PrivateRound.of(tree);
        maintenance = EnginePool.statement(book.engine, book.setup, MarginLevel.MAINTENANCE);
    }

    private static AccountLeaf leaf(int account) {
        return tree.accountLeaf(Address.ofIndex(account));
    }

    private static MarginProof prove(int account, MarginStatement statement) throws MarginRefusedException {
        return MarginProver.prove(round, leaf(account), statement, EnginePool.opening(book.engine, account, statement), new SecureRandom());
    }

    private static void verify(MarginProof proof, int account, MarginStatement statement) throws VerificationException {
        MarginVerifier.verify(proof, round, statement, Address.ofIndex(account), leaf(account).leafHash());
    }

    @Test
    void accountExactlyAtMaintenance_proves() throws Exception {
        assertEquals(0, book.slack(1, MarginLevel.MAINTENANCE), "the engine must see slack 0");
        verify(prove(1, maintenance), 1, maintenance);
    }

    @Test
    void accountOneUnitBelow_isRefused_andAForcedProofIsRejected() throws Exception {
        assertEquals(-1, book.slack(2, MarginLevel.MAINTENANCE), "the engine must see slack −1");
        MarginRefusedException refused = assertThrows(MarginRefusedException.class, () -> prove(2, maintenance));
        assertEquals(MarginRefusedException.Reason.INSUFFICIENT_MARGIN, refused.reason());
        MarginProof forced = MarginProver.proveForced(round, leaf(2), maintenance,
                EnginePool.opening(book.engine, 2, maintenance), new SecureRandom());
        VerificationException e = assertThrows(VerificationException.class, () -> verify(forced, 2, maintenance));
        assertEquals(Failure.RANGE_PROOF_INVALID, e.failure());
    }

    @Test
    void roundingOneQuotientUp_toCrossTheBoundary_isRejected() throws Exception {
        PoolOpening pool = EnginePool.opening(book.engine, 2, maintenance);
        MarginWitness w = MarginWitness.compute(maintenance, pool);
        MarginCircuit c = MarginCircuit.of(maintenance);
        // Each quotient one above its floor makes the slack 0 (all enter it with coefficient 1 or
        // through a positive weight), and leaves its remainder at −(divisor − r): not in range.
        int[] quotients = {c.asset(0, MarginCircuit.A_WEIGHTED), c.market(0, MarginCircuit.M_VALUE),
                c.market(0, MarginCircuit.M_FUNDING), c.market(0, MarginCircuit.M_NEG_REQUIREMENT)};
        for (int q : quotients) {
            BigInteger[] bases = w.baseValues();
            bases[q] = bases[q].add(BigInteger.ONE);
            int slackSlot = c.slotNames().indexOf("slack");
            assertEquals(BigInteger.ZERO, c.slots().get(slackSlot).evaluate(bases), "base " + q);
            MarginProof cheat = MarginProver.proveWithBases(round, leaf(2), maintenance, bases, new SecureRandom());
            VerificationException e = assertThrows(VerificationException.class, () -> verify(cheat, 2, maintenance), "base " + q);
            assertEquals(Failure.RANGE_PROOF_INVALID, e.failure(), "base " + q);
        }
    }

    /**
     * Remainders are proven in the narrowest width that holds [0, d). A quotient lowered just far enough
     * that its remainder leaves that width is rejected, although it would only lower the slack (with
     * every slot in 64 bits, as in version 2, that weaker claim was provable).
     */
    @Test
    void aRemainderAboveItsWidth_isRejected_evenWhereItWouldOnlyLowerTheSlack() throws Exception {
        MarginWitness w = MarginWitness.compute(maintenance, EnginePool.opening(book.engine, 0, maintenance));
        MarginCircuit c = MarginCircuit.of(maintenance);
        int[] widths = c.slotWidths();
        int[] quotients = {c.asset(0, MarginCircuit.A_WEIGHTED), c.market(0, MarginCircuit.M_VALUE),
                c.market(0, MarginCircuit.M_FUNDING), c.market(0, MarginCircuit.M_NEG_REQUIREMENT)};
        String[] remainders = {"asset[0].weightedRemainder", "market[0].valueRemainder", "market[0].fundingRemainder",
                "market[0].requirementRemainder"};
        BigInteger[] divisors = {MarginWitness.BPS, MarginWitness.VALUE_SCALE, MarginWitness.FUNDING_SCALE,
                MarginWitness.FUNDING_SCALE};
        for (int k = 0; k < quotients.length; k++) {
            int slot = c.slotNames().indexOf(remainders[k]);
            BigInteger bound = BigInteger.ONE.shiftLeft(widths[slot]);
            assertTrue(divisors[k].compareTo(bound) <= 0 && divisors[k].compareTo(bound.shiftRight(1)) > 0,
                    "the narrowest width that holds [0, d): " + remainders[k]);
            BigInteger[] bases = w.baseValues();
            BigInteger r = c.slots().get(slot).evaluate(bases);
            BigInteger steps = bound.subtract(r).add(divisors[k]).subtract(BigInteger.ONE).divide(divisors[k]);
            bases[quotients[k]] = bases[quotients[k]].subtract(steps);
            for (int s = 0; s < widths.length; s++) {
                BigInteger v = c.slots().get(s).evaluate(bases);
                boolean inWidth = v.signum() >= 0 && v.bitLength() <= widths[s];
                assertEquals(s != slot, inWidth, c.slotNames().get(s) + " = " + v + " after lowering " + remainders[k]);
            }
            assertTrue(c.slots().get(slot).evaluate(bases).bitLength() <= 64, "within 64 bits: " + remainders[k]);
            MarginProof cheat = MarginProver.proveWithBases(round, leaf(0), maintenance, bases, new SecureRandom());
            VerificationException e = assertThrows(VerificationException.class, () -> verify(cheat, 0, maintenance),
                    remainders[k]);
            assertEquals(Failure.RANGE_PROOF_INVALID, e.failure(), remainders[k]);
        }
    }

    /**
     * An absolute size below |s| lowers the requirement. With the requirement's quotient recomputed
     * for it, every slot is in its range and the slack crosses zero: only the absolute-size proof
     * ((s − a)(s + a) = 0) stands in the way, and it fails, naming the market.
     */
    @Test
    void anUnderstatedAbsoluteSize_toCrossTheBoundary_isRejected() throws Exception {
        MarginWitness w = MarginWitness.compute(maintenance, EnginePool.opening(book.engine, 2, maintenance));
        MarginCircuit c = MarginCircuit.of(maintenance);
        int market = -1;
        for (int j = 0; j < maintenance.markets().size() && market < 0; j++) {
            if (w.baseValues()[c.market(j, MarginCircuit.M_SIZE)].signum() != 0) {
                market = j;
            }
        }
        assertTrue(market >= 0, "the account below maintenance holds a position");
        BigInteger[] bases = w.baseValues();
        bases[c.market(market, MarginCircuit.M_ABS_SIZE)] = BigInteger.ZERO;
        bases[c.market(market, MarginCircuit.M_NEG_REQUIREMENT)] = BigInteger.ZERO;
        int[] widths = c.slotWidths();
        for (int s = 0; s < widths.length; s++) {
            BigInteger v = c.slots().get(s).evaluate(bases);
            assertTrue(v.signum() >= 0 && v.bitLength() <= widths[s], c.slotNames().get(s) + " = " + v + " in range");
        }
        MarginProof cheat = MarginProver.proveWithBases(round, leaf(2), maintenance, bases, new SecureRandom());
        VerificationException e = assertThrows(VerificationException.class, () -> verify(cheat, 2, maintenance));
        assertEquals(Failure.PROOF_INVALID, e.failure());
        assertTrue(e.getMessage().contains("market " + maintenance.markets().get(market).marketId())
                && e.getMessage().contains("absolute-size"), e.getMessage());
    }

    @Test
    void initialLevel_isASeparateProof() throws Exception {
        MarginStatement initial = EnginePool.statement(book.engine, book.setup, MarginLevel.INITIAL);
        assertTrue(book.slack(0, MarginLevel.INITIAL) >= 0);
        MarginProof proof = prove(0, initial);
        verify(proof, 0, initial);
        VerificationException e = assertThrows(VerificationException.class, () -> verify(proof, 0, maintenance));
        assertEquals(Failure.PRICE_MISMATCH, e.failure());
        // account 1 is at maintenance, so below initial: no initial proof
        assertTrue(book.slack(1, MarginLevel.INITIAL) < 0);
        assertThrows(MarginRefusedException.class, () -> prove(1, initial));
    }
}
