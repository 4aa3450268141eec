package dev.marginsim.bench.prover;

import dev.marginsim.prover.bulletproofs.RangeClaim;
import dev.marginsim.prover.bulletproofs.RangeProof;
import dev.marginsim.prover.bulletproofs.RangeProver;
import dev.marginsim.prover.bulletproofs.RangeVerifier;
import dev.marginsim.prover.bulletproofs.Transcript;
import dev.marginsim.prover.pedersen.Commitment;
import dev.marginsim.prover.pedersen.Opening;
import dev.marginsim.prover.verify.VerificationException;
import java.math.BigInteger;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Bulletproofs range proofs over 64-bit values: prove and verify one proof for {@code values} values
 * (1 = one 64-bit value, 16 = the aggregated 16 × 64-bit proof), and verify a batch of {@code batch}
 * single-value proofs with one multi-scalar multiplication ({@code verifyBatch}) against verifying them
 * one by one ({@code verifyEach}) in the same run. Goals (issue 5): one value prove ≤ 40 ms, verify
 * ≤ 6 ms, ≤ 700 bytes; 16 values prove ≤ 400 ms, verify ≤ 40 ms. The proof size is printed at setup.
 *
 * <p>Run: {@code bench/run jmh RangeProof}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RangeProofBenchmark {
    @Param({"1", "16"})
    int values;

    @Param("16")
    int batch;

    private SecureRandom rng;
    private List<Opening> openings;
    private List<Commitment> commitments;
    private RangeProof proof;
    private List<List<Commitment>> batchCommitments;
    private List<RangeProof> batchProofs;

    static Transcript context(int i) {
        return Transcript.start("marginsim/bench/v1").append("round", 1L).append("account", i);
    }

    @Setup(Level.Trial)
    public void setUp() throws NoSuchAlgorithmException {
        rng = SecureRandom.getInstance("SHA1PRNG");
        rng.setSeed(5L);
        openings = new ArrayList<>();
        commitments = new ArrayList<>();
        for (int j = 0; j < values; j++) {
            Opening o = Opening.random(new BigInteger(64, rng).longValue() & Long.MAX_VALUE, rng);
            openings.add(o);
            commitments.add(o.commit());
        }
        proof = RangeProver.prove(context(0), 64, openings, rng);
        System.out.println("\nproof for " + values + " x 64-bit values: " + proof.encode().length + " bytes");
        batchCommitments = new ArrayList<>();
        batchProofs = new ArrayList<>();
        for (int i = 0; i < batch; i++) {
            Opening o = Opening.random(i * 1_000_003L, rng);
            batchCommitments.add(List.of(o.commit()));
            batchProofs.add(RangeProver.prove(context(i), 64, o, rng));
        }
    }

    @Benchmark
    public RangeProof prove() {
        return RangeProver.prove(context(0), 64, openings, rng);
    }

    @Benchmark
    public void verify() throws VerificationException {
        RangeVerifier.verify(context(0), 64, commitments, proof);
    }

    /** {@code batch} single-value proofs in one multi-scalar multiplication. */
    @Benchmark
    public void verifyBatch() throws VerificationException {
        List<RangeClaim> claims = new ArrayList<>(batch);
        for (int i = 0; i < batch; i++) {
            claims.add(new RangeClaim(context(i), 64, batchCommitments.get(i), batchProofs.get(i)));
        }
        RangeVerifier.verifyBatch(claims);
    }

    /** The peer of {@link #verifyBatch}: the same proofs verified one at a time. */
    @Benchmark
    public void verifyEach() throws VerificationException {
        for (int i = 0; i < batch; i++) {
            RangeVerifier.verify(context(i), 64, batchCommitments.get(i), batchProofs.get(i));
        }
    }
}
