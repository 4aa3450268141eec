package dev.marginsim.prover.curve;

import java.math.BigInteger;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.endo.GLVEndomorphism;

/**
 * The one secp256k1 instance every value type here uses: Bouncy Castle's custom (Nat256-based) curve,
 * which carries the GLV endomorphism its multipliers exploit. Package-private: callers see only
 * {@link Scalar} and {@link Point}.
 */
final class Secp256k1 {
    static final X9ECParameters PARAMS = CustomNamedCurves.getByName("secp256k1");
    static final ECCurve CURVE = PARAMS.getCurve();
    static final BigInteger ORDER = PARAMS.getN();
    static final BigInteger FIELD = CURVE.getField().getCharacteristic();
    static final ECPoint G = PARAMS.getG().normalize();
    static final ECPoint INFINITY = CURVE.getInfinity();
    /** The GLV endomorphism of the curve (Bouncy Castle's): λ·(x, y) = (β·x, y). */
    static final GLVEndomorphism GLV =
            (GLVEndomorphism) CURVE.getEndomorphism();
    /** β as a {@link FieldP52} element, read off the map applied to G rather than typed in. */
    static final long[] BETA = beta();

    private static long[] beta() {
        BigInteger beta = GLV.getPointMap().map(G).normalize().getAffineXCoord().toBigInteger()
                .multiply(G.getAffineXCoord().toBigInteger().modInverse(FIELD)).mod(FIELD);
        long[] limbs = new long[FieldP52.LIMBS];
        FieldP52.fromBigInteger(beta, limbs, 0);
        return limbs;
    }

    private Secp256k1() {
    }
}
