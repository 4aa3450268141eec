package dev.marginsim.prover.privatetree;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.marginsim.prover.format.JsonIn;
import dev.marginsim.prover.format.JsonOut;
import dev.marginsim.prover.snapshot.Address;
import dev.marginsim.prover.snapshot.Round;
import dev.marginsim.prover.verify.Failure;
import dev.marginsim.prover.verify.VerificationException;
import java.security.SecureRandom;

/**
 * The private tier from documents in and documents out, for a command line or a server: build a
 * round's tree, write its round, inclusion and solvency documents, and verify any of them against the
 * published round document.
 */
public final class PrivateTier {
    private PrivateTier() {
    }

    public static PrivateTree build(Round round, byte[] masterSecret) {
        return new PrivateTreeBuilder(TreeGenerators.STANDARD).build(round, masterSecret);
    }

    public static byte[] roundDocument(PrivateTree tree) {
        return JsonOut.bytes(PrivateTreeJson.writeRound(PrivateRound.of(tree)));
    }

    public static byte[] inclusionDocument(PrivateTree tree, Address account, SecureRandom rng) {
        return JsonOut.bytes(PrivateTreeJson.writeProof(PrivateInclusionProver.prove(tree, account,
                PrivateInclusionProver.DEFAULT_BITS, rng)));
    }

    public static byte[] solvencyDocument(PrivateTree tree, SolvencyProof.Mode mode, SecureRandom rng) {
        SolvencyProof proof = mode == SolvencyProof.Mode.REVEALED ? SolvencyProver.revealed(tree)
                : SolvencyProver.bounded(tree, PrivateInclusionProver.DEFAULT_BITS, rng);
        return JsonOut.bytes(PrivateTreeJson.writeSolvency(proof));
    }

    /**
     * Verifies a private-tier document (inclusion or solvency proof, by its {@code type}) against the
     * published round document, with 64-bit ranges.
     *
     * @param account the account whose holder checks an inclusion proof (ignored for a solvency proof)
     * @throws VerificationException the named reason; {@link Failure#unreadable()} tells unreadable input apart
     */
    public static void verifyDocument(byte[] document, byte[] publishedRound, Address account) throws VerificationException {
        PrivateRound published = PrivateTreeJson.readRound(publishedRound);
        JsonNode node = JsonIn.parse(document);
        if (!node.isObject() || !(node.get("type") != null && node.get("type").isTextual())) {
            throw new VerificationException(Failure.MALFORMED_FIELD, "$ must be an object with a string type");
        }
        String type = ((ObjectNode) node).get("type").textValue();
        int bits = PrivateInclusionProver.DEFAULT_BITS;
        switch (type) {
            case PrivateTreeJson.PROOF_TYPE -> PrivateInclusionVerifier.verify(PrivateTreeJson.readProof(document), published,
                    account, null, bits);
            case PrivateTreeJson.SOLVENCY_TYPE -> SolvencyVerifier.verify(PrivateTreeJson.readSolvency(document), published, bits);
            default -> throw new VerificationException(Failure.WRONG_TYPE, "not a private-tier proof: " + type);
        }
    }
}
