package dev.marginsim.cli.proof;

import dev.marginsim.contracts.chain.Chain;
import dev.marginsim.contracts.chain.RegistryError;
import dev.marginsim.contracts.chain.SolvencyRegistryClient;
import dev.marginsim.prover.transparent.InclusionProof;
import dev.marginsim.prover.transparent.PublishedRound;
import dev.marginsim.prover.verify.Failure;
import dev.marginsim.prover.verify.VerificationException;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * Checks a transparent round against what a {@code SolvencyRegistry} published for its round id — so a
 * holder knows the root they verified against is the one everyone else sees — and, with a proof, runs
 * the registry's own {@code verifyInclusion} on it (docs/proofs.md §15).
 */
final class RegistryCheck {
    /** The registry's errors under the name the Java verifier gives the same check (docs/proofs.md §15). */
    private static final Map<String, Failure> FAILURES = Map.of(
            "UnknownRound", Failure.ROUND_MISMATCH,
            "LengthMismatch", Failure.LENGTH_MISMATCH,
            "IndexOutOfRange", Failure.INDEX_OUT_OF_RANGE,
            "ValueOutOfRange", Failure.VALUE_OUT_OF_RANGE,
            "SumOverflow", Failure.SUM_OVERFLOW,
            "UsdValueMismatch", Failure.USD_VALUE_MISMATCH,
            "RootMismatch", Failure.ROOT_MISMATCH,
            "TotalsMismatch", Failure.TOTALS_MISMATCH);

    private RegistryCheck() {
    }

    static String check(String url, String registryAddress, PublishedRound round, InclusionProof proof) throws VerificationException {
        try (Chain chain = Chain.connect(url)) {
            SolvencyRegistryClient registry = new SolvencyRegistryClient(chain, registryAddress);
            long roundId = round.info().roundId();
            SolvencyRegistryClient.StoredRound stored;
            try {
                stored = registry.getRound(roundId);
            } catch (SolvencyRegistryClient.RegistryErrorException e) {
                throw new VerificationException(Failure.ROUND_MISMATCH, "the registry has no round " + Long.toUnsignedString(roundId)
                        + " (" + e.error() + ")");
            }
            if (!Arrays.equals(stored.roundHash(), round.roundHash())) {
                throw new VerificationException(Failure.ROUND_MISMATCH, "the registry's round " + Long.toUnsignedString(roundId)
                        + " is not this round: another root, totals, prices or reserves were published");
            }
            if (proof == null) {
                return "the registry published this round";
            }
            Optional<RegistryError> error = registry.verifyInclusion(RegistryArgs.proof(proof));
            if (error.isPresent()) {
                throw new VerificationException(FAILURES.getOrDefault(error.get().name(), Failure.PROOF_INVALID),
                        "the registry rejects the proof: " + error.get());
            }
            return "the registry published this round and accepts the proof";
        }
    }
}
