package dev.marginsim.cli.proof;

import dev.marginsim.prover.format.JsonOut;
import dev.marginsim.prover.format.TransparentJson;
import dev.marginsim.prover.snapshot.Liabilities;
import dev.marginsim.prover.snapshot.Round;
import dev.marginsim.prover.snapshot.SimulatedRound;
import dev.marginsim.prover.transparent.TransparentTree;
import dev.marginsim.simulator.scenario.CrashScenario;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code marginsim prove}: runs the built-in crash on the engine, takes the protocol's state as a
 * round, and writes the transparent tier's public round, its solvency statement and one inclusion
 * proof per account (docs/proofs.md). The output directory appears whole or not at all: everything
 * is written into a temporary sibling that is renamed at the end.
 */
@Command(name = "prove", mixinStandardHelpOptions = true,
        description = "Proves a round of the protocol's liabilities (transparent Merkle sum tree): writes "
                + "round.json, statement.json and proofs/<account>.json into --out.")
public final class ProveCommand implements Callable<Integer> {

    @Option(names = "--out", required = true, description = "output directory (must not exist yet)")
    Path out;

    @Option(names = "--accounts", defaultValue = "200", description = "accounts in the simulated book (default: ${DEFAULT-VALUE})")
    int accounts;

    @Option(names = "--seed", defaultValue = "20261124", description = "seed of the book (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--minutes", defaultValue = "60",
            description = "minutes of the crash to run before the snapshot (0 = right after the book is built; default: ${DEFAULT-VALUE})")
    int minutes;

    @Option(names = "--round", defaultValue = "1", description = "round id (default: ${DEFAULT-VALUE})")
    long roundId;

    @Option(names = "--secret-file", description = "the operator's master secret (hex, ≥ 32 bytes); "
            + "without it a fresh one is drawn and written to operator-secret.hex beside the proofs (keep it private)")
    Path secretFile;

    @Override
    public Integer call() throws IOException {
        if (accounts < 1 || minutes < 0 || roundId < 0) {
            throw new IllegalArgumentException("--accounts must be ≥ 1, --minutes and --round ≥ 0");
        }
        Path target = out.toAbsolutePath();
        if (Files.exists(target)) {
            throw new IllegalArgumentException("cannot write " + out + ": it already exists");
        }
        Path parent = target.getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new IllegalArgumentException("cannot write " + out + ": no such directory " + parent);
        }
        byte[] secret = secretFile != null ? readSecret(secretFile) : freshSecret();

        CrashScenario.Config standard = CrashScenario.Config.standard();
        CrashScenario.Config config = new CrashScenario.Config(accounts, seed, minutes, standard.ethDrop(), standard.btcDrop());
        Round round = SimulatedRound.crash(config, 1_767_225_600L, roundId);
        TransparentTree tree = TransparentTree.build(round, secret);

        Path tmp = Files.createTempDirectory(parent, "." + target.getFileName() + ".");
        try {
            Files.write(tmp.resolve("round.json"), JsonOut.bytes(TransparentJson.writeRound(tree.published())));
            Files.write(tmp.resolve("statement.json"), JsonOut.bytes(TransparentJson.writeStatement(tree.published())));
            Path proofs = Files.createDirectory(tmp.resolve("proofs"));
            for (Liabilities account : round.accounts()) {
                Files.write(proofs.resolve(account.account() + ".json"),
                        JsonOut.bytes(TransparentJson.writeProof(tree.proof(account.account()))));
            }
            if (secretFile == null) {
                Files.writeString(tmp.resolve("operator-secret.hex"), HexFormat.of().formatHex(secret) + "\n");
            }
            try { // the temporary directory was created owner-only; the output is an ordinary directory
                Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
            } catch (UnsupportedOperationException notPosix) {
                // non-POSIX file systems keep their defaults
            }
            Files.move(tmp, target);
            tmp = null;
        } finally {
            if (tmp != null) {
                deleteTree(tmp);
            }
        }
        System.out.printf("round %d: %d accounts, tree depth %d, root %s%nwritten to %s%n", roundId,
                round.accounts().size(), tree.depth(), HexFormat.of().formatHex(tree.published().rootHash()), out);
        return 0;
    }

    private static byte[] readSecret(Path file) {
        String hex;
        try {
            hex = Files.readString(file).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        byte[] secret;
        try {
            secret = HexFormat.of().parseHex(hex.startsWith("0x") ? hex.substring(2) : hex);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": the secret is not hex");
        }
        if (secret.length < 32) {
            throw new IllegalArgumentException(file + ": the secret must be at least 32 bytes");
        }
        return secret;
    }

    private static byte[] freshSecret() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        return secret;
    }

    private static void deleteTree(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // the run already failed; that error is the one to report
        }
    }
}
