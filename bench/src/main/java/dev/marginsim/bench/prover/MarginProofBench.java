package dev.marginsim.bench.prover;

import dev.marginsim.core.price.PriceRound;
import dev.marginsim.core.price.PriceSnapshot;
import dev.marginsim.prover.bulletproofs.DigitRangeProof;
import dev.marginsim.prover.bulletproofs.DigitRangeProver;
import dev.marginsim.prover.bulletproofs.DigitRangeVerifier;
import dev.marginsim.prover.bulletproofs.RangeChunks;
import dev.marginsim.prover.bulletproofs.RangeLayout;
import dev.marginsim.prover.bulletproofs.RangeProof;
import dev.marginsim.prover.bulletproofs.RangeProver;
import dev.marginsim.prover.bulletproofs.RangeVerifier;
import dev.marginsim.prover.bulletproofs.Transcript;
import dev.marginsim.prover.bulletproofs.VerificationEquation;
import dev.marginsim.prover.curve.Scalar;
import dev.marginsim.prover.format.JsonOut;
import dev.marginsim.prover.margin.AssetTerm;
import dev.marginsim.prover.margin.MarginCircuit;
import dev.marginsim.prover.margin.MarginLevel;
import dev.marginsim.prover.margin.MarginProof;
import dev.marginsim.prover.margin.MarginProofJson;
import dev.marginsim.prover.margin.MarginProver;
import dev.marginsim.prover.margin.MarginStatement;
import dev.marginsim.prover.margin.MarginVerifier;
import dev.marginsim.prover.margin.MarketTerm;
import dev.marginsim.prover.margin.PoolOpening;
import dev.marginsim.prover.margin.PositionOpening;
import dev.marginsim.prover.pedersen.Commitment;
import dev.marginsim.prover.pedersen.Opening;
import dev.marginsim.prover.privatetree.AccountLeaf;
import dev.marginsim.prover.privatetree.PrivateRound;
import dev.marginsim.prover.privatetree.PrivateTree;
import dev.marginsim.prover.privatetree.PrivateTreeBuilder;
import dev.marginsim.prover.privatetree.TreeGenerators;
import dev.marginsim.prover.snapshot.Address;
import dev.marginsim.prover.snapshot.Liabilities;
import dev.marginsim.prover.snapshot.Round;
import dev.marginsim.prover.snapshot.RoundAsset;
import dev.marginsim.prover.snapshot.RoundInfo;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Timed harness for the margin-sufficiency proof (issue 5 goal: ≤ 8 positions and assets, prove
 * ≤ 0.5 s, verify ≤ 50 ms). For each shape (collateral assets × markets) it proves and verifies a
 * seeded healthy pool bound to its leaf in a small private tree, and measures in the same run two
 * peers over as many values of the same widths: a bare digit range proof (the margin proof's dominant
 * part, so the ratio shows what the bindings, product proofs and derived slots add), and the bit-wise
 * range proofs in packed chunks that version 4 of the margin proof used (docs/proofs-private.md §8), so
 * the ratio shows what the digit range proof (§10) saves.
 *
 * <p>All shapes are warmed up together for at least {@code warm-up seconds} (default 30) and 10 rounds
 * before any is timed: with a single warm-up round (this harness's first version) the first timed runs
 * still executed interpreted and C1-compiled code, which costs 3–4× the steady state. The nonces come from a seeded
 * SHA1PRNG, as in {@link RangeProofTimer} (the platform's default NativePRNG reads /dev/urandom under
 * a lock and costs about twice as much per scalar). Every figure is a median; besides wall time it
 * reports the benchmark thread's own CPU time and the process CPU time (see {@link Clock}).
 *
 * <p>Run: {@code java -cp bench/target/benchmarks.jar dev.marginsim.bench.prover.MarginProofBench [runs] [warm-up seconds]}.
 */
public final class MarginProofBench {
    private static final int[][] SHAPES = {{1, 1}, {2, 2}, {4, 4}, {7, 8}};

    private MarginProofBench() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 9;
        double warmSeconds = args.length > 1 ? Double.parseDouble(args[1]) : 30;
        SecureRandom rng = SecureRandom.getInstance("SHA1PRNG");
        rng.setSeed(5L);
        PrivateTreeBuilder builder = new PrivateTreeBuilder(TreeGenerators.STANDARD);
        List<Shape> shapes = new ArrayList<>();
        for (int[] s : SHAPES) {
            shapes.add(new Shape(s[0], s[1], builder, rng, runs));
        }
        // One warm-up over all shapes before any is timed: a per-shape warm-up of 8–10 s still left the
        // first shape measured in partly compiled code on a loaded 2-core machine (2×2 timed first took
        // 504 ms, timed after the others 190 ms).
        long warmUntil = System.nanoTime() + (long) (warmSeconds * 1e9);
        for (int round = 0; round < 10 || System.nanoTime() < warmUntil; round++) {
            for (Shape shape : shapes) {
                shape.measure(false);
            }
        }
        System.out.printf("%d cores; medians of %d runs after ≥ %.0f s of warm-up over all shapes%n",
                Runtime.getRuntime().availableProcessors(), runs, warmSeconds);
        System.out.println(SpeedGauge.line());
        for (Shape shape : shapes) {
            long gc0 = Clock.gcMillis();
            for (int i = 0; i < runs; i++) {
                shape.measure(true);
            }
            System.out.printf("%d assets × %d markets, %d slots of %d bits in all: digit range proof %s (bit-wise: chunks"
                    + " of %s bits), document %d bytes (GC pauses in the timed runs: %d ms)%n",
                    shape.assets, shape.markets, shape.slots, shape.usedBits(), DigitRangeProver.describe(shape.widths),
                    java.util.Arrays.toString(shape.chunkBits()), shape.bytes, Clock.gcMillis() - gc0);
            System.out.printf("  prove  %s; bare digit range proof %s; ratio %.2f%n", shape.prove.summary(),
                    shape.digitProve.summary(), shape.prove.wall() / shape.digitProve.wall());
            System.out.printf("         bit-wise packed range proofs (version 4) %s; digit / bit-wise %.2f%n",
                    shape.peerProve.summary(), shape.digitProve.wall() / shape.peerProve.wall());
            System.out.printf("  verify %s; bare digit range proof %s; ratio %.2f%n", shape.verify.summary(),
                    shape.digitVerify.summary(), shape.verify.wall() / shape.digitVerify.wall());
            System.out.printf("         bit-wise packed range proofs (version 4) %s; digit / bit-wise %.2f%n",
                    shape.peerVerify.summary(), shape.digitVerify.wall() / shape.peerVerify.wall());
        }
    }

    /** One shape's fixtures and clocks: a seeded healthy pool, its leaf, and bare openings of as many slots. */
    private static final class Shape {
        final int assets;
        final int markets;
        final int slots;
        final MarginStatement statement;
        final PoolOpening pool;
        final PrivateRound published;
        final Address account = Address.ofIndex(1);
        final AccountLeaf leaf;
        final byte[] leafHash;
        final List<Opening> openings = new ArrayList<>();
        final List<Commitment> commitments = new ArrayList<>();
        final SecureRandom rng;
        final Clock prove;
        final Clock verify;
        final Clock peerProve;
        final Clock peerVerify;
        final Clock digitProve;
        final Clock digitVerify;
        final int[] widths;
        int bytes;

        Shape(int assets, int markets, PrivateTreeBuilder builder, SecureRandom rng, int runs) {
            this.assets = assets;
            this.markets = markets;
            this.rng = rng;
            SplittableRandom rnd = new SplittableRandom(assets * 31L + markets);
            statement = statement(assets, markets, rnd);
            pool = pool(statement, rnd);
            PrivateTree tree = builder.build(MarginProofBench.round(statement, pool), new byte[32]);
            published = PrivateRound.of(tree);
            leaf = tree.accountLeaf(account);
            leafHash = leaf.leafHash();
            widths = MarginCircuit.of(statement).slotWidths();
            slots = widths.length;
            for (int k = 0; k < slots; k++) {
                Opening o = Opening.random(rnd.nextLong(Long.MAX_VALUE) >>> (64 - widths[k]), rng);
                openings.add(o);
                commitments.add(o.commit());
            }
            prove = new Clock(runs);
            verify = new Clock(runs);
            peerProve = new Clock(runs);
            peerVerify = new Clock(runs);
            digitProve = new Clock(runs);
            digitVerify = new Clock(runs);
        }

        int usedBits() {
            return java.util.Arrays.stream(widths).sum();
        }

        /** Each packed chunk's bit length (padded to a power of two). */
        int[] chunkBits() {
            return RangeChunks.pack(widths).stream()
                    .mapToInt(c -> RangeLayout.packed(RangeChunks.widthsOf(widths, c)).bits()).toArray();
        }

        /** The caller-bound transcript of the bare peer: the slots' commitments appended by the caller. */
        Transcript peerTranscript() {
            Transcript t = Transcript.start("peer");
            for (Commitment c : commitments) {
                t.append("V", c);
            }
            return t;
        }

        /** Proves and verifies once, then the bare range proofs; records the readings if asked. */
        void measure(boolean record) throws Exception {
            MarginProof proof = prove.time(record, () -> MarginProver.prove(published, leaf, statement, pool, rng));
            verify.time(record, () -> {
                MarginVerifier.verify(proof, published, statement, account, leafHash);
                return null;
            });
            List<RangeProof> bare = peerProve.time(record, () -> RangeProver.provePacked(peerTranscript(), widths, openings, rng));
            peerVerify.time(record, () -> {
                RangeVerifier.Chunks chunks = RangeVerifier.preparePacked(peerTranscript(), widths, bare);
                VerificationEquation eq = new VerificationEquation();
                Scalar[] v = chunks.addTo(eq, Scalar.ONE, rng);
                for (int j = 0; j < v.length; j++) {
                    eq.add(v[j], commitments.get(j).point());
                }
                if (!eq.holds()) {
                    throw new IllegalStateException("the bare packed range proofs do not verify");
                }
                return null;
            });
            DigitRangeProof digit = digitProve.time(record, () -> DigitRangeProver.prove(peerTranscript(), widths, openings, rng));
            digitVerify.time(record, () -> {
                DigitRangeVerifier.verify(peerTranscript(), widths, commitments, digit);
                return null;
            });
            if (record) {
                bytes = JsonOut.bytes(MarginProofJson.write(proof)).length;
            }
        }
    }

    static MarginStatement statement(int assets, int markets, SplittableRandom rnd) {
        List<AssetTerm> a = new ArrayList<>();
        for (int i = 0; i < assets; i++) {
            a.add(new AssetTerm(i + 1, rnd.nextLong(1_000_000L, 10_000_000_000_000L), 5_000 + rnd.nextInt(5_000)));
        }
        List<MarketTerm> m = new ArrayList<>();
        for (int j = 0; j < markets; j++) {
            m.add(new MarketTerm(j, rnd.nextLong(1_000_000L, 10_000_000_000_000L), 300 + rnd.nextInt(700),
                    rnd.nextLong(-1_000_000_000L, 1_000_000_000L)));
        }
        return new MarginStatement(MarginLevel.MAINTENANCE, a, m);
    }

    static PoolOpening pool(MarginStatement statement, SplittableRandom rnd) {
        long[] collateral = new long[statement.assets().size()];
        for (int i = 0; i < collateral.length; i++) {
            collateral[i] = rnd.nextLong(1_000_000_000_000L);
        }
        List<PositionOpening> positions = new ArrayList<>();
        for (MarketTerm m : statement.markets()) {
            long size = rnd.nextLong(1, 100_000_000_000L) * (rnd.nextBoolean() ? 1 : -1);
            long on = -BigInteger.valueOf(size).multiply(BigInteger.valueOf(m.priceE8())).divide(BigInteger.valueOf(100_000_000_000L)).longValueExact();
            positions.add(new PositionOpening(size, on, m.fundingIndexE12() - rnd.nextLong(1_000_000L)));
        }
        return new PoolOpening(1_000_000_000_000_000L, collateral, positions);
    }

    /** A round whose account 1 holds the pool's collateral (and seven others hold something), for the leaf binding. */
    static Round round(MarginStatement statement, PoolOpening pool) {
        List<RoundAsset> assets = new ArrayList<>();
        assets.add(RoundAsset.settlement(BigInteger.TEN.pow(30)));
        List<PriceRound> feeds = new ArrayList<>();
        for (AssetTerm a : statement.assets()) {
            String feed = "feed " + a.assetId();
            feeds.add(PriceRound.complete(feed, 1, a.priceE8(), 8, 1_700_000_000L));
            assets.add(new RoundAsset(a.assetId(), feed, a.priceE8(), 18, BigInteger.TEN.pow(40)));
        }
        RoundInfo info = new RoundInfo(0, Address.ZERO, 1, new PriceSnapshot(1, 1_700_000_000L, feeds), assets);
        List<Liabilities> accounts = new ArrayList<>();
        for (int k = 1; k <= 8; k++) {
            long[] columns = new long[info.columns()];
            columns[0] = 1_000_000L * k;
            for (int i = 0; i < statement.assets().size(); i++) {
                columns[i + 1] = k == 1 ? pool.collateralE9()[i] : 1_000L * k;
            }
            accounts.add(new Liabilities(Address.ofIndex(k), columns));
        }
        return new Round(info, accounts);
    }
}
