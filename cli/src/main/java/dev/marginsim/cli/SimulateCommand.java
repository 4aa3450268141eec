package dev.marginsim.cli;

import dev.marginsim.contracts.chain.Chain;
import dev.marginsim.contracts.chain.ChainDeployer;
import dev.marginsim.contracts.chain.ChainException;
import dev.marginsim.contracts.chain.Deployment;
import dev.marginsim.contracts.chain.Signer;
import dev.marginsim.core.ProtocolSetup;

import dev.marginsim.simulator.scenario.CrashMetrics;
import dev.marginsim.simulator.scenario.CrashScenario;
import dev.marginsim.simulator.scenario.EngineSink;
import dev.marginsim.simulator.setup.EngineDeployer;
import dev.marginsim.simulator.setup.EngineDeployment;
import java.io.PrintWriter;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code marginsim simulate}: the built-in crash on the Java engine, or in lockstep on a chain. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = {"Runs the built-in crash: a seeded book of accounts across ETH-PERP and BTC-PERP with",
                "USDC, WETH and WBTC collateral; ETH falls 35% over six hours in one-minute oracle updates.",
                "With --on-chain, deploys the protocol to that node and runs the same scenario there too."})
public final class SimulateCommand implements Callable<Integer> {
    /** A fixed start time, so a run is a pure function of its options. */
    static final long START_TIME = 1_767_225_600L; // 2026-01-01T00:00:00Z
    public static final String ANVIL_DEV_KEY = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";

    @Spec
    CommandSpec spec;

    @Option(names = "--accounts", paramLabel = "N",
            description = "accounts in the book (default: 10000; 50 with --on-chain)")
    Integer accounts;

    @Option(names = "--seed", defaultValue = "42", description = "seed of the book and the price noise (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--minutes", defaultValue = "360", description = "length of the crash in one-minute updates (default: ${DEFAULT-VALUE})")
    int minutes;

    @Option(names = "--eth-drop", defaultValue = "0.35", description = "fraction ETH falls over the crash (default: ${DEFAULT-VALUE})")
    double ethDrop;

    @Option(names = "--on-chain", paramLabel = "URL", description = "also run on this anvil node (JSON-RPC URL) and compare")
    String onChain;

    @Option(names = "--private-key", paramLabel = "HEX", defaultValue = ANVIL_DEV_KEY,
            description = "funded key that deploys and funds the accounts on the chain (default: anvil's first dev key)")
    String privateKey;

    @Option(names = "--no-progress", description = "no progress bar")
    boolean noProgress;

    @Override
    public Integer call() {
        int n = accounts != null ? accounts : onChain != null ? 50 : 10_000;
        if (n < 1 || n > 1_000_000) {
            throw new ParameterException(spec.commandLine(), "--accounts must be between 1 and 1000000, not " + n);
        }
        if (minutes < 1 || minutes > 100_000) {
            throw new ParameterException(spec.commandLine(), "--minutes must be between 1 and 100000, not " + minutes);
        }
        if (!(ethDrop > 0 && ethDrop < 1)) {
            throw new ParameterException(spec.commandLine(), "--eth-drop must be above 0 and below 1, not " + ethDrop);
        }
        CrashScenario.Config config = new CrashScenario.Config(n, seed, minutes, ethDrop, CrashScenario.Config.standard().btcDrop());
        return onChain == null ? runOnEngine(config) : runInLockstep(config);
    }

    private int runOnEngine(CrashScenario.Config config) {
        ProtocolSetup setup = ProtocolSetup.standard();
        EngineDeployment deployment = EngineDeployer.deploy(setup, START_TIME);
        CrashMetrics metrics = new CrashMetrics();
        deployment.engine().setEventListener(metrics::observe);
        long started = System.nanoTime();
        run(new CrashScenario(config, setup, deployment.engine(), new EngineSink(deployment), metrics), config);
        double seconds = (System.nanoTime() - started) / 1e9;
        Summary.print(out(), "Java engine", config, metrics, seconds);
        return 0;
    }

    private int runInLockstep(CrashScenario.Config config) {
        ProtocolSetup setup = ProtocolSetup.standard();
        try (Chain chain = Chain.connect(onChain)) {
            try {
                chain.setBlockTimestampInterval(0);
            } catch (ChainException e) {
                throw new ChainException("--on-chain needs an anvil node (it sets block times): " + e.getMessage());
            }
            long start = chain.latestTimestamp() + 1;
            chain.setNextBlockTimestamp(start);
            Signer owner = chain.signer(privateKey);
            ChainDeployer deployer = new ChainDeployer(chain, owner);
            out().printf("deploying to %s (chain id %d) ...%n", onChain, chain.chainId());
            out().flush();
            Deployment deployment = deployer.deploy(setup);
            out().printf("protocol deployed at %s (prove its state with: marginsim prove --rpc %s --protocol %s --out DIR)%n",
                    deployment.protocol(), onChain, deployment.protocol());
            List<Signer> signers = fundAccounts(chain, deployer, deployment, owner, config.accounts() + 1);
            EngineDeployment engineSide = EngineDeployer.deploy(setup, start);
            CrashMetrics metrics = new CrashMetrics();
            engineSide.engine().setEventListener(metrics::observe);
            ChainSink chainSink = new ChainSink(chain, deployer, deployment, signers, owner);
            LockstepSink lockstep = new LockstepSink(new EngineSink(engineSide), chainSink);
            long started = System.nanoTime();
            run(new CrashScenario(config, setup, engineSide.engine(), lockstep, metrics), config);
            double seconds = (System.nanoTime() - started) / 1e9;
            Summary.print(out(), "Java engine and chain in lockstep", config, metrics, seconds);
            int accountsCompared = config.accounts() + 2;
            int markets = setup.markets().size();
            int assets = setup.collaterals().size() + 1;
            List<String> chainState = EndState.ofChain(chainSink.client(), accountsCompared, markets, assets, chainSink::address);
            List<String> engineState = EndState.ofEngine(engineSide.engine(), accountsCompared, markets, assets);
            String firstDiff = null;
            for (int i = 0; i < chainState.size() && firstDiff == null; i++) {
                if (!chainState.get(i).equals(engineState.get(i))) {
                    firstDiff = "chain: " + chainState.get(i) + " | engine: " + engineState.get(i);
                }
            }
            out().printf("chain actions              %,d (outcome mismatches: %d)%n", lockstep.actions, lockstep.outcomeMismatches);
            if (lockstep.firstMismatch != null) {
                out().println("first outcome mismatch     " + lockstep.firstMismatch);
            }
            boolean same = firstDiff == null && lockstep.outcomeMismatches == 0;
            out().printf("end state matches Java run %s (%,d stored values compared)%n", same ? "YES" : "NO", chainState.size());
            if (firstDiff != null) {
                out().println("first difference           " + firstDiff);
            }
            return same ? 0 : 3;
        }
    }

    private List<Signer> fundAccounts(Chain chain, ChainDeployer deployer, Deployment deployment, Signer owner, int count) {
        List<Signer> signers = new ArrayList<>();
        BigInteger plenty = BigInteger.TWO.pow(200);
        try (Progress progress = Progress.start("funding accounts", count, !noProgress)) {
            for (int i = 0; i < count; i++) {
                Credentials c = Credentials.create(ECKeyPair.create(BigInteger.valueOf(0x5EED0000L + i)));
                chain.sendValue(owner, c.getAddress(), BigInteger.TEN.pow(20));
                Signer s = new Signer(c, chain.nonceOf(c.getAddress()));
                deployer.fund(s, deployment.settlementToken(), deployment.protocol(), plenty);
                for (String token : deployment.collateralTokens()) {
                    deployer.fund(s, token, deployment.protocol(), plenty);
                }
                signers.add(s);
                progress.stepTo(i + 1);
            }
        }
        deployer.fund(owner, deployment.settlementToken(), deployment.protocol(), plenty);
        return signers;
    }

    private void run(CrashScenario scenario, CrashScenario.Config config) {
        try (Progress book = Progress.start("opening accounts", config.accounts(), !noProgress)) {
            scenario.buildBook(book::stepTo);
        }
        try (Progress crash = Progress.start("crash minutes", config.minutes(), !noProgress)) {
            scenario.crash(crash::stepTo);
        }
    }

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }

}
