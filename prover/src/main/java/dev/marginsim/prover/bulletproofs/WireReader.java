package dev.marginsim.prover.bulletproofs;

import dev.marginsim.prover.curve.Point;
import dev.marginsim.prover.curve.Scalar;
import dev.marginsim.prover.verify.VerificationException;
import java.util.Arrays;

/** Reads a proof's wire form field by field, in order; a bad element's rejection names the proof and the field. */
final class WireReader {
    private final byte[] in;
    private final String proof;
    private int at;

    /** @param proof how rejections name the proof, e.g. {@code "range proof"} */
    WireReader(byte[] in, String proof) {
        this.in = in;
        this.proof = proof;
    }

    Point point(String name) throws VerificationException {
        byte[] part = next(Point.BYTES);
        try {
            return Point.decode(part);
        } catch (VerificationException e) {
            throw new VerificationException(e.failure(), proof + " " + name + ": " + e.getMessage(), e);
        }
    }

    Scalar scalar(String name) throws VerificationException {
        byte[] part = next(Scalar.BYTES);
        try {
            return Scalar.decode(part);
        } catch (VerificationException e) {
            throw new VerificationException(e.failure(), proof + " " + name + ": " + e.getMessage(), e);
        }
    }

    private byte[] next(int length) {
        byte[] part = Arrays.copyOfRange(in, at, at + length);
        at += length;
        return part;
    }
}
