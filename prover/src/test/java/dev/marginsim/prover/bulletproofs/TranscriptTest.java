package dev.marginsim.prover.bulletproofs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.marginsim.prover.curve.Point;
import dev.marginsim.prover.curve.Scalar;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.junit.jupiter.api.Test;

class TranscriptTest {

    private static void enc(ByteArrayOutputStream out, byte[] b) {
        int n = b.length;
        out.write(n >>> 24);
        out.write(n >>> 16);
        out.write(n >>> 8);
        out.write(n);
        out.writeBytes(b);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** The challenge computed from the byte layout in docs/proofs-private.md, independently of Transcript. */
    @Test
    void challenge_followsTheDocumentedByteLayout() throws Exception {
        ByteArrayOutputStream t = new ByteArrayOutputStream();
        enc(t, utf8("marginsim/transcript/v1"));
        enc(t, utf8("proto"));
        t.write(0x01);
        enc(t, utf8("round"));
        enc(t, new byte[] {0, 0, 0, 0, 0, 0, 0, 9});
        t.write(0x01);
        enc(t, utf8("P"));
        enc(t, Point.GENERATOR.encode());
        t.write(0x02);
        enc(t, utf8("c"));
        byte[] prefix = t.toByteArray();
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update(prefix);
        sha.update((byte) 0);
        byte[] d0 = sha.digest();
        sha.update(prefix);
        sha.update((byte) 1);
        byte[] d1 = sha.digest();
        byte[] wide = new byte[64];
        System.arraycopy(d0, 0, wide, 0, 32);
        System.arraycopy(d1, 0, wide, 32, 32);
        BigInteger expected = new BigInteger(1, wide).mod(Scalar.ORDER);

        Transcript tr = Transcript.start("proto").append("round", 9L).append("P", Point.GENERATOR);
        assertEquals(expected, tr.challenge("c").toBigInteger());
    }

    @Test
    void sameInputs_sameChallenges_copyForksIndependently() {
        Transcript a = Transcript.start("p").append("x", utf8("1"));
        Transcript b = a.copy();
        assertEquals(a.challenge("c"), b.challenge("c"));
        Transcript fork = a.copy();
        a.append("more", 1L);
        assertNotEquals(a.challenge("d"), fork.challenge("d"));
    }

    @Test
    void boundariesBetweenLabelsAndData_areUnambiguous() {
        Scalar c1 = Transcript.start("p").append("ab", utf8("c")).challenge("z");
        Scalar c2 = Transcript.start("p").append("a", utf8("bc")).challenge("z");
        Scalar c3 = Transcript.start("p").append("a", utf8("b")).append("", utf8("c")).challenge("z");
        assertNotEquals(c1, c2);
        assertNotEquals(c2, c3);
        assertNotEquals(Transcript.start("p").challenge("z"), Transcript.start("q").challenge("z"), "protocol label");
        assertNotEquals(Transcript.start("p").challenge("y"), Transcript.start("p").challenge("z"), "challenge label");
        // A challenge is an operation of its own: absorbing its label as data is different.
        assertNotEquals(Transcript.start("p").append("z", new byte[0]).challenge("w"), afterChallenge());
    }

    private static Scalar afterChallenge() {
        Transcript t = Transcript.start("p");
        t.challenge("z");
        return t.challenge("w");
    }

    @Test
    void infinity_cannotBeAbsorbed() {
        assertThrows(IllegalStateException.class, () -> Transcript.start("p").append("P", Point.INFINITY));
    }
}
