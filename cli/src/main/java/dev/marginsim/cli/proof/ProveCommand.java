package dev.marginsim.cli.proof;

import dev.marginsim.cli.Progress;
import dev.marginsim.prover.format.JsonOut;
import dev.marginsim.prover.format.TransparentJson;
import dev.marginsim.prover.margin.MarginLevel;
import dev.marginsim.prover.margin.MarginProofJson;
import dev.marginsim.prover.margin.MarginProver;
import dev.marginsim.prover.margin.MarginRefusedException;
import dev.marginsim.prover.margin.MarginStatement;
import dev.marginsim.prover.margin.MarginStatementJson;
import dev.marginsim.prover.privatetree.PrivateRound;
import dev.marginsim.prover.privatetree.PrivateTier;
import dev.marginsim.prover.privatetree.PrivateTree;
import dev.marginsim.prover.privatetree.SolvencyProof;
import dev.marginsim.prover.snapshot.Address;
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
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code marginsim prove}: takes a round of the protocol's state — from the built-in crash run on the
 * engine, or from a deployed protocol on a chain — and writes its proofs (docs/proofs.md,
 * docs/proofs-private-tree.md). The output directory appears whole or not at all.
 *
 * <ul>
 *   <li>transparent tier: {@code round.json}, {@code statement.json}, {@code proofs/<account>.json} for
 *       every account (they cost microseconds each);</li>
 *   <li>private tier: {@code round.json}, {@code solvency.json}, and inclusion proofs for the accounts
 *       asked for (about a second each); with {@code --margin}, {@code margin/statement-<level>.json}
 *       and {@code margin/<account>-<level>.json} for those accounts, whose positions come from the
 *       engine or, for a chain round, from the protocol's views at the round's block.</li>
 * </ul>
 */
@Command(name = "prove", mixinStandardHelpOptions = true,
        description = {"Proves a round of the protocol's liabilities into --out: the transparent Merkle sum tree "
                + "(round.json, statement.json, proofs/<account>.json), or with --tier private the Pedersen commitment "
                + "tree (round.json, solvency.json, proofs/<account>.json for --account/--all-accounts, and margin "
                + "proofs with --margin).",
                "The state comes from the built-in crash on the engine, or with --rpc and --protocol from a chain."})
public final class ProveCommand implements Callable<Integer> {
    /** Block time of the simulated deployment (2026-01-01T00:00:00Z): fixed, so a seed gives one round. */
    static final long SIMULATION_START = 1_767_225_600L;

    @Option(names = "--out", required = true, description = "output directory (must not exist yet)")
    Path out;

    @ArgGroup(exclusive = true)
    Source source = new Source();

    static final class Source {
        @ArgGroup(exclusive = false, heading = "From a simulation (the default):%n")
        Simulation simulation;

        @ArgGroup(exclusive = false, heading = "From a chain:%n")
        ChainSource chain;
    }

    static final class Simulation {
        @Option(names = "--accounts", defaultValue = "200", description = "accounts in the simulated book (default: ${DEFAULT-VALUE})")
        int accounts = 200;

        @Option(names = "--seed", defaultValue = "20261124", description = "seed of the book (default: ${DEFAULT-VALUE})")
        long seed = 20261124L;

        @Option(names = "--minutes", defaultValue = "60",
                description = "minutes of the crash before the snapshot (0 = right after the book is built; default: ${DEFAULT-VALUE})")
        int minutes = 60;
    }

    static final class ChainSource {
        @Option(names = "--rpc", required = true, paramLabel = "URL", description = "the node's JSON-RPC URL")
        String rpc;

        @Option(names = "--protocol", required = true, paramLabel = "ADDRESS", description = "the MarginProtocol's address")
        String protocol;

        @Option(names = "--block", paramLabel = "N", defaultValue = "-1", description = "block whose state to prove (default: the head)")
        long block = -1;
    }

    @Option(names = "--round", defaultValue = "1", description = "round id (default: ${DEFAULT-VALUE})")
    long roundId;

    @Option(names = "--tier", defaultValue = "transparent", description = "transparent or private (default: ${DEFAULT-VALUE})")
    String tier;

    @Option(names = "--secret-file", description = "the operator's master secret (hex, ≥ 32 bytes); "
            + "without it a fresh one is drawn and written to operator-secret.hex beside the proofs (keep it private)")
    Path secretFile;

    @Option(names = "--total", defaultValue = "bounded",
            description = "private tier: reveal the total liabilities (revealed) or only prove them ≤ reserves (bounded; default)")
    String total;

    @Option(names = "--account", paramLabel = "ADDRESS", description = "private tier: write this account's proofs (repeatable)")
    List<String> accountsToProve = new ArrayList<>();

    @Option(names = "--all-accounts", description = "private tier: write every account's proofs (about a second each)")
    boolean allAccounts;

    @Option(names = "--margin", paramLabel = "LEVEL",
            description = "private tier: margin-sufficiency proofs at maintenance and/or initial for the chosen accounts (repeatable)")
    List<String> marginLevels = new ArrayList<>();

    @Option(names = "--no-progress", description = "no progress bar")
    boolean noProgress;

    @Override
    public Integer call() throws IOException {
        boolean privateTier = switch (tier) {
            case "transparent" -> false;
            case "private" -> true;
            default -> throw new IllegalArgumentException("--tier must be transparent or private, not " + tier);
        };
        if (roundId < 0) {
            throw new IllegalArgumentException("--round must be ≥ 0");
        }
        if (!privateTier && (allAccounts || !accountsToProve.isEmpty() || !marginLevels.isEmpty())) {
            throw new IllegalArgumentException("--account, --all-accounts and --margin need --tier private "
                    + "(the transparent tier writes every account's proof)");
        }
        SolvencyProof.Mode mode = parseMode(total);
        Set<MarginLevel> levels = parseLevels(marginLevels);
        byte[] secret = secretFile != null ? readSecret(secretFile) : freshSecret();
        SimulatedRound.Run run = source.chain == null ? simulate() : null;
        Round round = run != null ? run.round()
                : ChainRound.read(source.chain.rpc, source.chain.protocol, source.chain.block, roundId);
        List<Address> selected = privateTier ? select(round) : List.of();
        if (!levels.isEmpty() && selected.isEmpty()) {
            throw new IllegalArgumentException("--margin needs --account or --all-accounts");
        }

        String root;
        try (OutputDirectory dir = new OutputDirectory(out);
             MarginSource margins = levels.isEmpty() ? null
                     : run != null ? MarginSource.ofEngine(run) : new ChainMargin(source.chain.rpc, round.info())) {
            if (privateTier) {
                root = writePrivate(dir, round, margins, secret, mode, selected, levels);
            } else {
                root = writeTransparent(dir, round, secret);
            }
            if (secretFile == null) {
                dir.write("operator-secret.hex", (HexFormat.of().formatHex(secret) + "\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            }
            dir.commit();
        }
        System.out.printf("round %d (%s tier): %d accounts, chain id %d, block %d, root %s%nwritten to %s%n", roundId, tier,
                round.accounts().size(), round.info().chainId(), round.info().blockNumber(), root, out);
        return 0;
    }

    private SimulatedRound.Run simulate() {
        Simulation s = source.simulation != null ? source.simulation : new Simulation();
        if (s.accounts < 1 || s.minutes < 0) {
            throw new IllegalArgumentException("--accounts must be ≥ 1 and --minutes ≥ 0");
        }
        CrashScenario.Config standard = CrashScenario.Config.standard();
        return SimulatedRound.run(new CrashScenario.Config(s.accounts, s.seed, s.minutes, standard.ethDrop(), standard.btcDrop()),
                SIMULATION_START, roundId);
    }

    private static String writeTransparent(OutputDirectory dir, Round round, byte[] secret) {
        TransparentTree tree = TransparentTree.build(round, secret);
        dir.write("round.json", JsonOut.bytes(TransparentJson.writeRound(tree.published())));
        dir.write("statement.json", JsonOut.bytes(TransparentJson.writeStatement(tree.published())));
        for (Liabilities account : round.accounts()) {
            dir.write("proofs/" + account.account() + ".json", JsonOut.bytes(TransparentJson.writeProof(tree.proof(account.account()))));
        }
        return HexFormat.of().formatHex(tree.published().rootHash());
    }

    private String writePrivate(OutputDirectory dir, Round round, MarginSource margins, byte[] secret, SolvencyProof.Mode mode,
            List<Address> selected, Set<MarginLevel> levels) {
        SecureRandom rng = new SecureRandom();
        PrivateTree tree = PrivateTier.build(round, secret);
        PrivateRound published = PrivateRound.of(tree);
        dir.write("round.json", PrivateTier.roundDocument(tree));
        dir.write("solvency.json", PrivateTier.solvencyDocument(tree, mode, rng));
        List<MarginStatement> statements = new ArrayList<>();
        for (MarginLevel level : levels) {
            MarginStatement statement = margins.statement(level);
            statements.add(statement);
            dir.write("margin/statement-" + level.wireName() + ".json", new MarginStatementJson(published.roundHash(), statement).toBytes());
        }
        try (Progress progress = Progress.start("proving accounts", selected.size(), !noProgress)) {
            int done = 0;
            for (Address account : selected) {
                dir.write("proofs/" + account + ".json", PrivateTier.inclusionDocument(tree, account, rng));
                for (MarginStatement statement : statements) {
                    proveMargin(dir, margins, tree, published, statement, account, rng);
                }
                progress.stepTo(++done);
            }
        }
        return HexFormat.of().formatHex(published.root().hash());
    }

    private static void proveMargin(OutputDirectory dir, MarginSource margins, PrivateTree tree, PrivateRound published,
            MarginStatement statement, Address account, SecureRandom rng) {
        String level = statement.level().wireName();
        try {
            var proof = MarginProver.prove(published, tree.accountLeaf(account), statement,
                    margins.opening(account, statement), rng);
            dir.write("margin/" + account + "-" + level + ".json", JsonOut.bytes(MarginProofJson.write(proof)));
        } catch (MarginRefusedException e) {
            // An account below the level has no proof to give; saying so is the honest output.
            System.out.printf("account %s: no %s margin proof (%s)%n", account, level, e.getMessage());
        }
    }

    private List<Address> select(Round round) {
        Set<Address> inRound = new LinkedHashSet<>();
        round.accounts().forEach(l -> inRound.add(l.account()));
        if (allAccounts) {
            return new ArrayList<>(inRound);
        }
        List<Address> out = new ArrayList<>();
        for (String text : accountsToProve) {
            Address a;
            try {
                a = Address.parse(text);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--account is not an address: " + text);
            }
            if (!inRound.contains(a)) {
                throw new IllegalArgumentException("account " + a + " is not in the round");
            }
            if (!out.contains(a)) {
                out.add(a);
            }
        }
        return out;
    }

    private static SolvencyProof.Mode parseMode(String text) {
        for (SolvencyProof.Mode m : SolvencyProof.Mode.values()) {
            if (m.name().equalsIgnoreCase(text)) {
                return m;
            }
        }
        throw new IllegalArgumentException("--total must be revealed or bounded, not " + text);
    }

    private static Set<MarginLevel> parseLevels(List<String> texts) {
        Set<MarginLevel> levels = new LinkedHashSet<>();
        for (String t : texts) {
            MarginLevel level = MarginLevel.fromWire(t);
            if (level == null) {
                throw new IllegalArgumentException("--margin must be maintenance or initial, not " + t);
            }
            levels.add(level);
        }
        return levels;
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
}
