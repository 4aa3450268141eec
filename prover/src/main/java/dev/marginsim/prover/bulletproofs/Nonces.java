package dev.marginsim.prover.bulletproofs;

import dev.marginsim.prover.curve.Scalar;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/**
 * The secret random scalars of one range proof (α, ρ, s_L, s_R, τ₁, τ₂), expanded from a 32-byte seed
 * drawn from the caller's {@link SecureRandom}: scalar k is SHA-256(seed ‖ u64(k) ‖ 0x00) ‖
 * SHA-256(seed ‖ u64(k) ‖ 0x01) read as a 512-bit integer mod n (bias below 2⁻²⁵⁶), skipping zero.
 *
 * <p>Why: a proof over N bits needs 2N + 4 such scalars. Drawn one by one from the platform's
 * SecureRandom they cost 5–11 µs each (NativePRNG reads /dev/urandom under a lock; SHA1PRNG hashes
 * 20 bytes at a time), about 10 % of a proof; expanded from a seed they cost about 1 µs. With a
 * uniformly random seed the outputs are indistinguishable from uniform (SHA-256 as a PRF), which is all
 * the zero-knowledge blindings need. And each chunk of a chunked proof gets its own seed, drawn in
 * chunk order before any chunk is proven, so chunks can be proven on different threads and the bytes
 * still depend only on the caller's random stream.
 */
final class Nonces {
    private final MessageDigest sha;
    private final byte[] seed;
    private long counter;

    private Nonces(byte[] seed) {
        this.seed = seed;
        try {
            this.sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }

    /** A stream seeded with 32 bytes of {@code rng}. */
    static Nonces from(SecureRandom rng) {
        byte[] seed = new byte[32];
        rng.nextBytes(seed);
        return new Nonces(seed);
    }

    /** The next uniformly random non-zero scalar. */
    Scalar next() {
        while (true) {
            byte[] wide = new byte[64];
            block(wide, 0, (byte) 0);
            block(wide, 32, (byte) 1);
            counter++;
            Scalar s = Scalar.fromWideBytes(wide);
            if (!s.isZero()) {
                return s;
            }
        }
    }

    private void block(byte[] out, int at, byte half) {
        sha.update(seed);
        for (int i = 7; i >= 0; i--) {
            sha.update((byte) (counter >>> (8 * i)));
        }
        sha.update(half);
        try {
            sha.digest(out, at, 32);
        } catch (java.security.DigestException e) {
            throw new IllegalStateException("a 32-byte SHA-256 output fits", e);
        }
    }
}
