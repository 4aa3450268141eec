package dev.marginsim.cli.proof;

import dev.marginsim.prover.format.JsonIn;
import dev.marginsim.prover.format.TransparentJson;
import dev.marginsim.prover.snapshot.Address;
import dev.marginsim.prover.transparent.InclusionProof;
import dev.marginsim.prover.transparent.PublishedRound;
import dev.marginsim.prover.verify.TransparentVerifier;
import dev.marginsim.prover.verify.VerificationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code marginsim verify}: checks a published round (its hash, prices and solvency statement) and,
 * optionally, one account's inclusion proof against it. Exit 0 valid, 1 invalid with the named
 * reason on one line, 2 unreadable input — never a stack trace, never "valid" by default.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Verifies a round (round.json or statement.json) and, with --proof, an inclusion proof against it. "
                + "Exit 0 valid, 1 invalid (the reason is printed), 2 unreadable input.")
public final class VerifyCommand implements Callable<Integer> {
    static final int VALID = 0;
    static final int INVALID = 1;
    static final int UNREADABLE = 2;

    @Parameters(index = "0", paramLabel = "ROUND", description = "the published round (round.json or statement.json)")
    Path roundFile;

    @Option(names = "--proof", description = "an inclusion proof (proofs/<account>.json)")
    Path proofFile;

    @Option(names = "--account", description = "the account the proof must be for (0x… address); default: the proof's own")
    String account;

    @Override
    public Integer call() {
        byte[] roundJson;
        byte[] proofJson = null;
        try {
            roundJson = Files.readAllBytes(roundFile);
            if (proofFile != null) {
                proofJson = Files.readAllBytes(proofFile);
            }
        } catch (IOException e) {
            System.err.println("unreadable: cannot read " + e.getMessage());
            return UNREADABLE;
        }
        Address expected;
        try {
            expected = account == null ? null : Address.parse(account);
        } catch (IllegalArgumentException e) {
            System.err.println("unreadable: --account is not an address: " + account);
            return UNREADABLE;
        }
        try {
            PublishedRound round = TransparentJson.typeOf(JsonIn.parse(roundJson)).equals(TransparentJson.STATEMENT_TYPE)
                    ? TransparentJson.readStatement(roundJson) : TransparentJson.readRound(roundJson);
            TransparentVerifier.verifyRound(round);
            if (proofJson == null) {
                System.out.printf("valid: round %d, root %s, reserves cover liabilities in every token%n",
                        round.info().roundId(), java.util.HexFormat.of().formatHex(round.rootHash()));
                return VALID;
            }
            InclusionProof proof = TransparentJson.readProof(proofJson);
            Address who = expected != null ? expected : proof.account();
            TransparentVerifier.verifyInclusion(proof, round, who, null);
            System.out.printf("valid: account %s is included in round %d with balances %s%n", who,
                    round.info().roundId(), java.util.Arrays.toString(proof.balances()));
            return VALID;
        } catch (VerificationException e) {
            boolean unreadable = e.failure().unreadable();
            // The message is already "<FAILURE>: <detail>" on one line.
            System.err.println((unreadable ? "unreadable: " : "invalid: ") + e.getMessage());
            return unreadable ? UNREADABLE : INVALID;
        }
    }
}
