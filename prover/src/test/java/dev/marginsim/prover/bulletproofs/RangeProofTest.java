package dev.marginsim.prover.bulletproofs;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.marginsim.prover.curve.Scalar;
import dev.marginsim.prover.pedersen.Commitment;
import dev.marginsim.prover.pedersen.Opening;
import dev.marginsim.prover.verify.Failure;
import dev.marginsim.prover.verify.VerificationException;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RangeProofTest {
    private static final SecureRandom RNG = new SecureRandom();

    static Transcript context() {
        return Transcript.start("marginsim/test/v1").append("round", 7L);
    }

    @Test
    void prove_thenVerify_singleValue() throws Exception {
        Opening o = Opening.random(123456789L, RNG);
        RangeProof p = RangeProver.prove(context(), 64, o, RNG);
        assertEquals(688, p.encode().length);
        RangeVerifier.verify(context(), 64, o.commit(), p);
    }
}
