package dev.marginsim.prover.transparent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.marginsim.prover.snapshot.Liabilities;
import dev.marginsim.prover.snapshot.Round;
import dev.marginsim.prover.snapshot.RoundInfo;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.junit.jupiter.api.Test;

/**
 * A second implementation of the tree written from docs/proofs.md alone, the way a third party would:
 * Bouncy Castle's own SHA-256 and HKDFBytesGenerator (no JDK digest adapter), BigInteger for the
 * shuffle's multiply-high, byte streams for every encoding, one object per node. The fast builder
 * must agree with it on every leaf slot, the root hash, the totals and the round hash.
 */
class ReferenceTreeTest {

    @Test
    void theBuilderMatchesAPlainReadingOfTheSpecification() throws Exception {
        for (int n : new int[] {1, 2, 3, 5, 8, 33}) {
            Round round = Fixtures.syntheticRound(n, 100 + n, 4);
            TransparentTree tree = TransparentTree.build(round, Fixtures.MASTER, 1, 2);
            Reference ref = new Reference(round, Fixtures.MASTER);
            assertArrayEquals(ref.root, tree.published().rootHash(), "root, " + n + " accounts");
            assertArrayEquals(ref.rootSums, tree.published().totals(), "totals, " + n + " accounts");
            for (int i = 0; i < n; i++) {
                assertEquals(ref.slotOfItem[i], tree.proof(round.accounts().get(i).account()).index(), "slot of item " + i);
            }
            assertArrayEquals(ref.roundHash(tree.published().depth()), tree.published().roundHash(), "round hash");
        }
    }

    @Test
    void theSaltsAreHkdfOutputs() {
        Round round = Fixtures.syntheticRound(3, 1, 4);
        Salts salts = Salts.forRound(Fixtures.MASTER, round.info());
        Reference ref = new Reference(round, Fixtures.MASTER);
        byte[] fast = new byte[32];
        salts.accountSalt(round.accounts().get(2).account(), fast, 0);
        assertArrayEquals(ref.expand(cat(ascii("marginsim.t1.salt"), round.accounts().get(2).account().toBytes())), fast);
        salts.paddingSalt(77, fast, 0);
        assertArrayEquals(ref.expand(cat(ascii("marginsim.t1.pad"), ByteBuffer.allocate(4).putInt(77).array())), fast);
        assertArrayEquals(ref.expand(ascii("marginsim.t1.order")), salts.orderKey());
    }

    /** The specification, read plainly. */
    private static final class Reference {
        final RoundInfo info;
        final byte[] prk;
        final int[] slotOfItem;
        byte[] root;
        long[] rootSums;

        Reference(Round round, byte[] master) {
            info = round.info();
            byte[] salt = cat(ascii("marginsim/transparent/v1/round-key"), ByteBuffer.allocate(8).putLong(info.chainId()).array(),
                    info.protocol().toBytes(), ByteBuffer.allocate(8).putLong(info.roundId()).array());
            prk = new HKDFBytesGenerator(new SHA256Digest()).extractPRK(salt, master);
            int m = round.accounts().size();
            int depth = 1;
            while ((1 << depth) < m) {
                depth++;
            }
            int n = 1 << depth;
            int[] perm = shuffle(expand(ascii("marginsim.t1.order")), n);
            slotOfItem = new int[n];
            byte[][] hashes = new byte[n][];
            long[][] sums = new long[n][];
            for (int s = 0; s < n; s++) {
                int item = perm[s];
                slotOfItem[item] = s;
                if (item < m) {
                    Liabilities l = round.accounts().get(item);
                    byte[] accountSalt = expand(cat(ascii("marginsim.t1.salt"), l.account().toBytes()));
                    hashes[s] = sha(cat(tag("leaf"), l.account().toBytes(), accountSalt, longs(l.columns())));
                    sums[s] = l.columns();
                } else {
                    byte[] padSalt = expand(cat(ascii("marginsim.t1.pad"), ByteBuffer.allocate(4).putInt(item - m).array()));
                    hashes[s] = sha(cat(tag("padding"), padSalt));
                    sums[s] = new long[info.columns()];
                }
            }
            while (hashes.length > 1) {
                byte[][] up = new byte[hashes.length / 2][];
                long[][] upSums = new long[hashes.length / 2][];
                for (int p = 0; p < up.length; p++) {
                    up[p] = sha(cat(tag("node"), hashes[2 * p], longs(sums[2 * p]), hashes[2 * p + 1], longs(sums[2 * p + 1])));
                    upSums[p] = new long[info.columns()];
                    for (int c = 0; c < info.columns(); c++) {
                        upSums[p][c] = Math.addExact(sums[2 * p][c], sums[2 * p + 1][c]);
                    }
                }
                hashes = up;
                sums = upSums;
            }
            root = hashes[0];
            rootSums = sums[0];
        }

        byte[] expand(byte[] infoBytes) {
            HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
            hkdf.init(HKDFParameters.skipExtractParameters(prk, infoBytes));
            byte[] out = new byte[32];
            hkdf.generateBytes(out, 0, 32);
            return out;
        }

        static int[] shuffle(byte[] key, int n) {
            int[] perm = new int[n];
            for (int i = 0; i < n; i++) {
                perm[i] = i;
            }
            ByteArrayOutputStream stream = new ByteArrayOutputStream();
            for (long k = 0; stream.size() < 8 * n; k++) {
                stream.writeBytes(sha(cat(key, ByteBuffer.allocate(8).putLong(k).array())));
            }
            byte[] words = stream.toByteArray();
            int w = 0;
            for (int i = n - 1; i >= 1; i--) {
                BigInteger r = new BigInteger(1, java.util.Arrays.copyOfRange(words, 8 * w, 8 * w + 8));
                w++;
                int j = r.multiply(BigInteger.valueOf(i + 1L)).shiftRight(64).intValueExact();
                int t = perm[i];
                perm[i] = perm[j];
                perm[j] = t;
            }
            return perm;
        }

        byte[] roundHash(int depth) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(tag("round"));
            out.writeBytes(ByteBuffer.allocate(8).putLong(info.chainId()).array());
            out.writeBytes(info.protocol().toBytes());
            out.writeBytes(ByteBuffer.allocate(24).putLong(info.roundId()).putLong(info.blockNumber()).putLong(info.timestamp()).array());
            out.writeBytes(info.prices().hash());
            out.write(info.assets().size());
            for (var a : info.assets()) {
                out.write(a.assetId());
                out.writeBytes(ByteBuffer.allocate(8).putLong(a.priceE8()).array());
                out.write(a.tokenDecimals());
                byte[] r = a.reservesTokens().toByteArray();
                byte[] word = new byte[32];
                System.arraycopy(r, Math.max(0, r.length - 32), word, 32 - Math.min(32, r.length), Math.min(32, r.length));
                out.writeBytes(word);
                byte[] feed = a.feed().getBytes(StandardCharsets.UTF_8);
                out.writeBytes(ByteBuffer.allocate(2).putShort((short) feed.length).array());
                out.writeBytes(feed);
            }
            out.write(depth);
            out.writeBytes(root);
            out.writeBytes(longs(rootSums));
            return sha(out.toByteArray());
        }
    }

    static byte[] tag(String name) {
        return sha(ascii("marginsim/transparent/v1/" + name));
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] sha(byte[] b) {
        SHA256Digest d = new SHA256Digest();
        d.update(b, 0, b.length);
        byte[] out = new byte[32];
        d.doFinal(out, 0);
        return out;
    }

    static byte[] cat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    static byte[] longs(long[] v) {
        ByteBuffer b = ByteBuffer.allocate(8 * v.length);
        for (long x : v) {
            b.putLong(x);
        }
        return b.array();
    }

}
