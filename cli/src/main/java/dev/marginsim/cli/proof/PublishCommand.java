package dev.marginsim.cli.proof;

import dev.marginsim.cli.SimulateCommand;
import dev.marginsim.contracts.chain.Chain;
import dev.marginsim.contracts.chain.RegistryError;
import dev.marginsim.contracts.chain.Signer;
import dev.marginsim.contracts.chain.SolvencyRegistryClient;
import dev.marginsim.contracts.chain.TxResult;
import dev.marginsim.prover.format.JsonIn;
import dev.marginsim.prover.format.TransparentJson;
import dev.marginsim.prover.transparent.PublishedRound;
import dev.marginsim.prover.verify.TransparentVerifier;
import dev.marginsim.prover.verify.VerificationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code marginsim publish}: the operator publishes a transparent round of a chain to a
 * {@code SolvencyRegistry} (docs/proofs.md §15), so that every holder checks their proof against the
 * one root the chain shows for that round id. The round is verified first; the registry then
 * recomputes its hash, which must equal the Java one.
 */
@Command(name = "publish", mixinStandardHelpOptions = true,
        description = "Publishes a transparent round (round.json or statement.json of a chain round) to a SolvencyRegistry.")
public final class PublishCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "ROUND", description = "the round to publish (round.json or statement.json)")
    Path roundFile;

    @Option(names = "--rpc", required = true, paramLabel = "URL", description = "the node's JSON-RPC URL")
    String rpc;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    static final class Target {
        @Option(names = "--registry", paramLabel = "ADDRESS", description = "the registry to publish to")
        String registry;

        @Option(names = "--new-registry", description = "deploy a registry for the round's protocol, operated by --private-key")
        boolean deploy;
    }

    @Option(names = "--private-key", paramLabel = "HEX", defaultValue = SimulateCommand.ANVIL_DEV_KEY,
            description = "the operator's key (default: anvil's first dev key)")
    String privateKey;

    @Override
    public Integer call() throws IOException {
        PublishedRound round = readVerified(roundFile);
        try (Chain chain = Chain.connect(rpc)) {
            if (chain.chainId() != round.info().chainId()) {
                throw new IllegalArgumentException("the round is of chain " + Long.toUnsignedString(round.info().chainId())
                        + ", the node serves chain " + chain.chainId());
            }
            Signer operator = chain.signer(privateKey);
            SolvencyRegistryClient registry = target.deploy
                    ? SolvencyRegistryClient.deploy(chain, operator, operator.address(), round.info().protocol().toString())
                    : new SolvencyRegistryClient(chain, target.registry);
            if (target.deploy) {
                System.out.printf("registry deployed at %s (operator %s, protocol %s)%n", registry.address(), operator.address(),
                        round.info().protocol());
            }
            TxResult tx = registry.publish(operator, RegistryArgs.publish(round));
            Optional<RegistryError> error = SolvencyRegistryClient.errorOf(tx);
            if (!tx.success()) {
                throw new IllegalStateException("the registry refused the round: " + error.map(RegistryError::toString)
                        .orElse("reverted without a registry error (is " + registry.address() + " a SolvencyRegistry?)"));
            }
            byte[] onChain = registry.publishedRoundHash(tx.receipt()).orElseThrow(
                    () -> new IllegalStateException("the publish transaction emitted no RoundPublished event"));
            if (!Arrays.equals(onChain, round.roundHash())) {
                throw new IllegalStateException("the registry hashed the round to " + HexFormat.of().formatHex(onChain)
                        + ", the prover to " + HexFormat.of().formatHex(round.roundHash()) + " (another protocol or chain?)");
            }
            System.out.printf("round %s published to %s in block %s (gas %s): round hash 0x%s%n",
                    Long.toUnsignedString(round.info().roundId()), registry.address(), tx.receipt().getBlockNumber(),
                    tx.receipt().getGasUsed(), HexFormat.of().formatHex(onChain));
            return 0;
        }
    }

    private static PublishedRound readVerified(Path file) throws IOException {
        byte[] json = Files.readAllBytes(file);
        try {
            String type = TransparentJson.typeOf(JsonIn.parse(json));
            PublishedRound round = type.equals(TransparentJson.STATEMENT_TYPE) ? TransparentJson.readStatement(json)
                    : TransparentJson.readRound(json);
            TransparentVerifier.verifyRound(round);
            if (round.info().chainId() == 0) {
                throw new IllegalArgumentException(file + " is a simulated round (chain id 0); only a chain round can be published");
            }
            return round;
        } catch (VerificationException e) {
            throw new IllegalArgumentException(file + " is not a valid transparent round: " + e.getMessage());
        }
    }
}
