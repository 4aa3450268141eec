package dev.marginsim.bench.prover;

import dev.marginsim.prover.snapshot.Liabilities;
import dev.marginsim.prover.snapshot.Round;
import dev.marginsim.prover.transparent.InclusionProof;
import dev.marginsim.prover.transparent.PublishedRound;
import dev.marginsim.prover.transparent.TransparentTree;
import dev.marginsim.prover.verify.TransparentVerifier;
import dev.marginsim.prover.verify.VerificationException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Verifying one transparent inclusion proof at depth 20 (issue 5 goal: ≤ 50 µs), single-threaded.
 * {@code holderFresh} is what one account holder does with one proof: the proof and the published
 * round are new objects each time (as read from a document and from the registry), so nothing computed
 * for an earlier call is reused; it runs every check of docs/proofs.md §13 — both round hashes (each
 * with the price snapshot's hash), account, balances, the round checks (prices against the snapshot,
 * reserves ≥ totals), the USD column and the 21 hashes of the path. {@code holderSameRound} checks the
 * same proof against the same round objects again (a holder checking several proofs of one round: the
 * round hashes are then computed once per object). {@code inclusionOnly} leaves out the round-hash
 * comparison ({@code verifyInclusion(proof)}), and {@code roundHash} is one round hash on its own.
 *
 * <p>Run: {@code bench/run jmh TransparentVerify}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
public class TransparentVerifyBenchmark {
    private InclusionProof proof;
    private PublishedRound published;
    private Liabilities holder;
    private long[] expected;

    @Setup(Level.Trial)
    public void setUp() {
        Round round = TransparentTreeBench.round(1 << 20, 20L);
        TransparentTree tree = TransparentTree.build(round,
                "marginsim benchmark master secret, 32+ bytes".getBytes(StandardCharsets.US_ASCII));
        holder = round.accounts().get(round.accounts().size() / 3);
        expected = Arrays.copyOf(holder.columns(), round.info().assets().size());
        proof = tree.proof(holder.account());
        published = tree.published();
        if (proof.pathLength() != 20) {
            throw new IllegalStateException("expected a proof at depth 20, not " + proof.pathLength());
        }
    }

    @Benchmark
    public InclusionProof holderFresh() throws VerificationException {
        PublishedRound fromRegistry = copy(published);
        InclusionProof fromDocument = copy(proof);
        TransparentVerifier.verifyInclusion(fromDocument, fromRegistry, holder.account(), expected);
        return fromDocument;
    }

    @Benchmark
    public InclusionProof holderSameRound() throws VerificationException {
        TransparentVerifier.verifyInclusion(proof, published, holder.account(), expected);
        return proof;
    }

    @Benchmark
    public InclusionProof inclusionOnly() throws VerificationException {
        TransparentVerifier.verifyInclusion(proof);
        return proof;
    }

    @Benchmark
    public byte[] roundHash() {
        return copy(published).roundHash();
    }

    private static PublishedRound copy(PublishedRound r) {
        return new PublishedRound(r.info(), r.depth(), r.rootHash(), r.totals());
    }

    private static InclusionProof copy(InclusionProof p) {
        byte[][] hashes = new byte[p.pathLength()][];
        long[][] sums = new long[p.pathLength()][];
        for (int i = 0; i < hashes.length; i++) {
            hashes[i] = p.siblingHash(i);
            sums[i] = p.siblingSums(i);
        }
        return new InclusionProof(copy(p.round()), p.account(), p.salt(), p.balances(), p.index(), hashes, sums);
    }
}
