package dev.marginsim.prover.privatetree;

import dev.marginsim.prover.bulletproofs.RangeProof;
import dev.marginsim.prover.bulletproofs.RangeProver;
import dev.marginsim.prover.bulletproofs.Transcript;
import dev.marginsim.prover.curve.Scalar;
import dev.marginsim.prover.pedersen.Opening;
import dev.marginsim.prover.snapshot.RoundAsset;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/** Makes a round's {@link SolvencyProof}; refuses (IllegalStateException "INSOLVENT") when a total exceeds its reserves. */
public final class SolvencyProver {
    static final String PROTOCOL = "marginsim/private-solvency/v1";

    private SolvencyProver() {
    }

    public static SolvencyProof revealed(PrivateTree tree) {
        long[] totals = new long[tree.tokens()];
        Scalar[] blindings = new Scalar[tree.tokens()];
        for (int t = 0; t < totals.length; t++) {
            totals[t] = tree.total(t);
            blindings[t] = Scalar.ofCanonical(tree.totalBlinding(t));
            requireSolvent(tree, t, BigInteger.valueOf(totals[t]));
        }
        return SolvencyProof.revealed(PrivateRound.of(tree), totals, blindings);
    }

    public static SolvencyProof bounded(PrivateTree tree, int bits, SecureRandom rng) {
        PrivateRound round = PrivateRound.of(tree);
        List<Opening> totals = new ArrayList<>();
        List<Opening> headroom = new ArrayList<>();
        for (int t = 0; t < tree.tokens(); t++) {
            BigInteger total = BigInteger.valueOf(tree.total(t));
            requireSolvent(tree, t, total);
            Scalar blinding = Scalar.ofCanonical(tree.totalBlinding(t));
            totals.add(new Opening(Scalar.ofCanonical(total), blinding));
            BigInteger cap = cap(tree.round().assets().get(t), bits);
            if (cap.compareTo(total) < 0) {
                throw new IllegalStateException("INSOLVENT: asset " + t + " total does not fit below 2^" + bits);
            }
            headroom.add(new Opening(Scalar.ofCanonical(cap.subtract(total)), blinding.negate()));
        }
        List<Opening> all = new ArrayList<>(totals);
        all.addAll(headroom);
        RangeProof proof = RangeProver.prove(transcript(round, bits), bits, InclusionTranscript.padded(all), rng);
        return SolvencyProof.bounded(round, bits, proof);
    }

    /** R = min(reserves in internal units, 2^bits − 1). */
    static BigInteger cap(RoundAsset asset, int bits) {
        return asset.reservesInternal().min(BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE));
    }

    static Transcript transcript(PrivateRound round, int bits) {
        Transcript t = Transcript.start(PROTOCOL);
        t.append("round", round.roundHash());
        t.append("price-snapshot", round.info().prices().hash());
        t.append("root", round.root().hash());
        t.append("bits", bits);
        for (RoundAsset a : round.info().assets()) {
            t.append("reserves-cap", cap(a, bits).longValue()); // u64be of R_t < 2^64
        }
        return t;
    }

    private static void requireSolvent(PrivateTree tree, int t, BigInteger total) {
        BigInteger reserves = tree.round().assets().get(t).reservesInternal();
        if (reserves.compareTo(total) < 0) {
            throw new IllegalStateException("INSOLVENT: asset " + tree.round().assets().get(t).assetId() + " reserves "
                    + reserves + " < liabilities " + total);
        }
    }
}
