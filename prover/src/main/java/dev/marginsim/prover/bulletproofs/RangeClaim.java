package dev.marginsim.prover.bulletproofs;

import dev.marginsim.prover.pedersen.Commitment;
import java.util.List;
import java.util.Objects;

/**
 * One range statement to verify: the transcript seeded with the caller's public inputs, the bit width
 * the verifier requires, the commitments in the order they were proven, and the proof.
 */
public record RangeClaim(Transcript transcript, int bits, List<Commitment> commitments, RangeProof proof) {
    public RangeClaim {
        Objects.requireNonNull(transcript, "transcript");
        Objects.requireNonNull(proof, "proof");
        commitments = List.copyOf(commitments);
    }
}
