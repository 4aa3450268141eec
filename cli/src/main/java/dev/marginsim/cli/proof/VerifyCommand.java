package dev.marginsim.cli.proof;

import dev.marginsim.contracts.chain.ChainException;
import dev.marginsim.prover.format.JsonIn;
import dev.marginsim.prover.format.TransparentJson;
import dev.marginsim.prover.margin.MarginProof;
import dev.marginsim.prover.margin.MarginProofJson;
import dev.marginsim.prover.margin.MarginStatementJson;
import dev.marginsim.prover.margin.MarginVerifier;
import dev.marginsim.prover.privatetree.PrivateInclusionProof;
import dev.marginsim.prover.privatetree.PrivateInclusionProver;
import dev.marginsim.prover.privatetree.PrivateInclusionVerifier;
import dev.marginsim.prover.privatetree.PrivateRound;
import dev.marginsim.prover.privatetree.PrivateTier;
import dev.marginsim.prover.privatetree.PrivateTreeJson;
import dev.marginsim.prover.snapshot.Address;
import dev.marginsim.prover.snapshot.RoundInfo;
import dev.marginsim.prover.transparent.InclusionProof;
import dev.marginsim.prover.transparent.PublishedRound;
import dev.marginsim.prover.verify.Failure;
import dev.marginsim.prover.verify.TransparentVerifier;
import dev.marginsim.prover.verify.VerificationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code marginsim verify}: checks a published round and, optionally, one proof against it, in either
 * tier; the round document's {@code type} says which. Exit 0 valid, 1 invalid with the named reason on
 * one line, 2 unreadable input — never a stack trace, never "valid" by default.
 *
 * <ul>
 *   <li>transparent: the round (hash, prices, solvency) and an inclusion proof;</li>
 *   <li>private: an inclusion proof or the solvency proof, and a margin proof, which is checked against
 *       the account's leaf as a verified inclusion proof ({@code --inclusion}) shows it and against the
 *       published terms ({@code --statement}).</li>
 * </ul>
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Verifies a round (round.json or statement.json) and, with --proof, a proof against it: an inclusion "
                + "proof, the private tier's solvency.json, or a margin proof (with --inclusion and --statement).",
                "Exit 0 valid, 1 invalid (the reason is printed), 2 unreadable input."})
public final class VerifyCommand implements Callable<Integer> {
    static final int VALID = 0;
    static final int INVALID = 1;
    static final int UNREADABLE = 2;

    @Parameters(index = "0", paramLabel = "ROUND", description = "the published round (round.json, or the transparent statement.json)")
    Path roundFile;

    @Option(names = "--proof", description = "a proof: proofs/<account>.json, solvency.json or margin/<account>-<level>.json")
    Path proofFile;

    @Option(names = "--account", description = "the account the proof must be for (0x… address); default: the proof's own")
    String account;

    @Option(names = "--inclusion", description = "margin proofs: the account's private inclusion proof")
    Path inclusionFile;

    @Option(names = "--statement", description = "margin proofs: the published terms, margin/statement-<level>.json")
    Path statementFile;

    @Option(names = "--rpc", paramLabel = "URL",
            description = "also check the round's chain id, block time, feed rounds, prices and reserves against this node")
    String rpc;

    @Option(names = "--registry", paramLabel = "ADDRESS",
            description = "with --rpc, transparent tier: the round must be the one this SolvencyRegistry published, and it must accept the proof")
    String registry;

    /** A check that either returns a line to print or throws the named failure. */
    private interface Check {
        String run() throws VerificationException;
    }

    @Override
    public Integer call() {
        Inputs in;
        try {
            in = new Inputs(read(roundFile), read(proofFile), read(inclusionFile), read(statementFile));
        } catch (IOException e) {
            System.err.println("unreadable: cannot read " + e.getMessage());
            return UNREADABLE;
        }
        if (registry != null && rpc == null) {
            System.err.println("unreadable: --registry needs --rpc");
            return UNREADABLE;
        }
        Address expected;
        try {
            expected = account == null ? null : Address.parse(account);
        } catch (IllegalArgumentException e) {
            System.err.println("unreadable: --account is not an address: " + account);
            return UNREADABLE;
        }
        return report(() -> {
            String type = TransparentJson.typeOf(JsonIn.parse(in.round));
            boolean privateTier = type.equals(PrivateTreeJson.ROUND_TYPE);
            String result = privateTier ? verifyPrivate(in, expected) : verifyTransparent(in, expected, type);
            if (rpc == null) {
                return result;
            }
            RoundInfo info = privateTier ? PrivateTreeJson.readRound(in.round).info()
                    : type.equals(TransparentJson.STATEMENT_TYPE) ? TransparentJson.readStatement(in.round).info()
                    : TransparentJson.readRound(in.round).info();
            result += "; " + ChainCheck.check(rpc, info);
            if (registry != null) {
                if (privateTier) {
                    throw new UsageError("--registry holds transparent rounds; this is a private round");
                }
                PublishedRound round = type.equals(TransparentJson.STATEMENT_TYPE) ? TransparentJson.readStatement(in.round)
                        : TransparentJson.readRound(in.round);
                result += "; " + RegistryCheck.check(rpc, registry, round, in.proof == null ? null : TransparentJson.readProof(in.proof));
            }
            return result;
        });
    }

    /** The command line lacks what the documents need: exit 2, like any unreadable input. */
    private static final class UsageError extends RuntimeException {
        UsageError(String message) {
            super(message);
        }
    }

    private record Inputs(byte[] round, byte[] proof, byte[] inclusion, byte[] statement) {
    }

    private static byte[] read(Path file) throws IOException {
        return file == null ? null : Files.readAllBytes(file);
    }

    private static int report(Check check) {
        try {
            System.out.println("valid: " + check.run());
            return VALID;
        } catch (UsageError | IllegalArgumentException e) {
            System.err.println("unreadable: " + e.getMessage());
            return UNREADABLE;
        } catch (ChainException e) {
            System.err.println("unreadable: cannot read the chain: " + e.getMessage().lines().findFirst().orElse(""));
            return UNREADABLE;
        } catch (VerificationException e) {
            boolean unreadable = e.failure().unreadable();
            // The message is already "<FAILURE>: <detail>" on one line.
            System.err.println((unreadable ? "unreadable: " : "invalid: ") + e.getMessage());
            return unreadable ? UNREADABLE : INVALID;
        }
    }

    private static String verifyTransparent(Inputs in, Address expected, String type) throws VerificationException {
        PublishedRound round = type.equals(TransparentJson.STATEMENT_TYPE) ? TransparentJson.readStatement(in.round)
                : TransparentJson.readRound(in.round);
        TransparentVerifier.verifyRound(round);
        if (in.proof == null) {
            return String.format("round %d, root %s, reserves cover liabilities in every token", round.info().roundId(),
                    HexFormat.of().formatHex(round.rootHash()));
        }
        InclusionProof proof = TransparentJson.readProof(in.proof);
        Address who = expected != null ? expected : proof.account();
        TransparentVerifier.verifyInclusion(proof, round, who, null);
        return String.format("account %s is included in round %d with balances %s", who, round.info().roundId(),
                Arrays.toString(proof.balances()));
    }

    private static String verifyPrivate(Inputs in, Address expected) throws VerificationException {
        PrivateRound round = PrivateTreeJson.readRound(in.round);
        long roundId = round.info().roundId();
        if (in.proof == null) {
            return String.format("private round %d is well formed (its solvency is shown by --proof solvency.json)", roundId);
        }
        String type = TransparentJson.typeOf(JsonIn.parse(in.proof));
        if (type.equals(MarginProofJson.TYPE)) {
            return verifyMargin(in, round, expected);
        }
        if (type.equals(PrivateTreeJson.PROOF_TYPE)) {
            PrivateInclusionProof proof = PrivateTreeJson.readProof(in.proof);
            Address who = expected != null ? expected : proof.account();
            PrivateInclusionVerifier.verify(proof, round, who, null, PrivateInclusionProver.DEFAULT_BITS);
            return String.format("account %s is included in private round %d with balances %s", who, roundId,
                    Arrays.toString(proof.values()));
        }
        PrivateTier.verifyDocument(in.proof, in.round, expected); // the solvency proof, or a named WRONG_TYPE
        return String.format("private round %d: reserves cover the committed liabilities in every token", roundId);
    }

    private static String verifyMargin(Inputs in, PrivateRound round, Address expected) throws VerificationException {
        if (in.inclusion == null || in.statement == null) {
            throw new UsageError("a margin proof is checked with the account's --inclusion proof and the round's --statement");
        }
        MarginProof margin = MarginProofJson.read(in.proof);
        Address who = expected != null ? expected : margin.account();
        PrivateInclusionProof inclusion = PrivateTreeJson.readProof(in.inclusion);
        PrivateInclusionVerifier.verify(inclusion, round, who, null, PrivateInclusionProver.DEFAULT_BITS);
        MarginStatementJson terms = MarginStatementJson.read(in.statement);
        if (!Arrays.equals(terms.roundHash(), round.roundHash())) {
            throw new VerificationException(Failure.ROUND_MISMATCH, "the statement is for another round than the published one");
        }
        MarginVerifier.verify(margin, round, terms.statement(), who, inclusion.leaf().leafHash());
        return String.format("account %s meets its %s margin requirement in private round %d", who,
                terms.statement().level().wireName(), round.info().roundId());
    }
}
