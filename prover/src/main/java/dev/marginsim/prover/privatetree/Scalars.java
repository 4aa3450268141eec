package dev.marginsim.prover.privatetree;

import java.math.BigInteger;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECPoint;

/** secp256k1 as the private tree uses it: the curve, its order n, 32-byte scalars and 33-byte points. */
final class Scalars {
    static final X9ECParameters PARAMS = CustomNamedCurves.getByName("secp256k1");
    static final ECCurve CURVE = PARAMS.getCurve();
    static final BigInteger ORDER = PARAMS.getN();
    static final int POINT_LENGTH = 33;

    private Scalars() {
    }

    /** 32-byte big-endian of a scalar in [0, n). */
    static byte[] toBytes(BigInteger s) {
        byte[] raw = s.toByteArray();
        byte[] out = new byte[32];
        int len = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - len, out, 32 - len, len);
        return out;
    }

    static BigInteger fromBytes(byte[] b, int offset) {
        byte[] raw = new byte[32];
        System.arraycopy(b, offset, raw, 0, 32);
        return new BigInteger(1, raw);
    }

    /** SEC1 compressed encoding; the point at infinity has none in this format. */
    static byte[] encode(ECPoint p) {
        if (p.isInfinity()) {
            throw new IllegalStateException("a commitment at infinity (probability 2^-256) cannot be encoded");
        }
        return p.getEncoded(true);
    }
}
