package dev.marginsim.prover.format;

import dev.marginsim.prover.verify.Failure;
import dev.marginsim.prover.verify.VerificationException;
import java.util.HexFormat;

/**
 * The one byte-string encoding of every proof document: {@code "0x"} followed by exactly two
 * lower-case hex digits per byte. Only that form is accepted, so each byte string has exactly one
 * spelling and no change to a document's text leaves its meaning intact (the mutation tests rely on
 * it). Hashes and salts are 32 bytes, addresses 20, secp256k1 scalars 32 (big-endian, below the
 * group order), points 33 (SEC1 compressed).
 */
public final class Hex {
    private static final HexFormat LOWER = HexFormat.of();

    private Hex() {
    }

    /** {@code 0x} and lower-case hex. */
    public static String encode(byte[] bytes) {
        return "0x" + LOWER.formatHex(bytes);
    }

    /**
     * Decodes exactly {@code length} bytes in the canonical form.
     *
     * @param what names the field in the rejection (e.g. {@code "path[3].hash"})
     * @throws VerificationException {@link Failure#MALFORMED_FIELD} for anything but the canonical form
     */
    public static byte[] decode(String text, int length, String what) throws VerificationException {
        if (text == null || text.length() != 2 + 2 * length || !text.startsWith("0x")) {
            throw new VerificationException(Failure.MALFORMED_FIELD,
                    what + " must be 0x and " + 2 * length + " lower-case hex digits");
        }
        for (int i = 2; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                throw new VerificationException(Failure.MALFORMED_FIELD,
                        what + " has a character that is not lower-case hex at " + i);
            }
        }
        return LOWER.parseHex(text, 2, text.length());
    }
}
