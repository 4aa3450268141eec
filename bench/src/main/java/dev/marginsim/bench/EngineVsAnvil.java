package dev.marginsim.bench;

import dev.marginsim.cli.EndState;
import dev.marginsim.contracts.chain.Chain;
import dev.marginsim.contracts.chain.ChainDeployer;
import dev.marginsim.contracts.chain.Deployment;
import dev.marginsim.contracts.chain.ProtocolClient;
import dev.marginsim.contracts.chain.Signer;
import dev.marginsim.core.ProtocolRevert;
import dev.marginsim.core.ProtocolSetup;
import dev.marginsim.simulator.scenario.Action;
import dev.marginsim.simulator.scenario.ActionSink;
import dev.marginsim.simulator.scenario.CrashMetrics;
import dev.marginsim.simulator.scenario.CrashScenario;
import dev.marginsim.simulator.scenario.EngineSink;
import dev.marginsim.simulator.setup.EngineDeployer;
import dev.marginsim.simulator.setup.EngineDeployment;
import dev.marginsim.testkit.Anvil;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;

/**
 * The same operation sequence on anvil and on the Java engine, in one run, with identical end state.
 * The sequence is recorded from a crash scenario (deposits, trades, margin moves, oracle rounds,
 * block-time steps, liquidations). On anvil every transaction is signed ahead and sent back to back,
 * receipts fetched without delay; on the engine the sequence is replayed on fresh deployments until
 * the timing is stable. Prints both rates and their ratio.
 *
 * <p>Run: {@code bench/run engine-vs-anvil [accounts] [minutes]}.
 */
public final class EngineVsAnvil {
    /** Block time of the run: set from the node, which refuses to go back in time. */
    private static long start;

    public static void main(String[] args) {
        int accounts = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int minutes = args.length > 1 ? Integer.parseInt(args[1]) : 120;
        ProtocolSetup setup = ProtocolSetup.standard();
        try (Anvil anvil = Anvil.start(); Chain chain = Chain.connect(anvil.url())) {
            chain.setBlockTimestampInterval(0);
            start = chain.latestTimestamp() + 1;
            chain.setNextBlockTimestamp(start);
            List<Action> actions = record(setup, accounts, minutes);
            long protocolOps = actions.stream().filter(a -> !(a instanceof Action.SetTime)).count();
            System.out.printf("sequence: %,d actions (%,d transactions) from a %d-account, %d-minute crash%n",
                    actions.size(), protocolOps, accounts, minutes);
            Signer owner = chain.signer(Anvil.DEV_KEY_0);
            ChainDeployer deployer = new ChainDeployer(chain, owner);
            Deployment d = deployer.deploy(setup);
            List<Signer> signers = new ArrayList<>();
            for (int i = 0; i <= accounts; i++) {
                Credentials c = Credentials.create(ECKeyPair.create(BigInteger.valueOf(0xBE0C0000L + i)));
                chain.setBalance(c.getAddress(), BigInteger.TEN.pow(24));
                Signer s = new Signer(c, 0);
                for (String token : tokens(d)) {
                    deployer.fund(s, token, d.protocol(), BigInteger.TWO.pow(200));
                }
                signers.add(s);
            }
            deployer.fund(owner, d.settlementToken(), d.protocol(), BigInteger.TWO.pow(200));

            List<Object> presigned = presign(chain, d, signers, owner, actions);
            long t0 = System.nanoTime();
            List<String> hashes = new ArrayList<>();
            int confirmed = 0;
            for (Object p : presigned) {
                if (p instanceof Long timestamp) {
                    // anvil mines sent transactions asynchronously: everything sent at the old time must
                    // be in a block before the clock moves, or a transaction lands at the wrong time.
                    for (; confirmed < hashes.size(); confirmed++) {
                        chain.receipt(hashes.get(confirmed));
                    }
                    chain.setNextBlockTimestamp(timestamp);
                    chain.mine();
                } else {
                    hashes.add(chain.sendRaw((String) p));
                }
            }
            long reverted = 0;
            for (String h : hashes) {
                if (!chain.receipt(h).isStatusOK()) {
                    reverted++;
                }
            }
            double anvilSeconds = (System.nanoTime() - t0) / 1e9;
            java.util.Map<String, Integer> reasons = new java.util.TreeMap<>();
            for (String h : hashes) {
                if (!chain.receipt(h).isStatusOK()) {
                    String data = chain.revertData(h);
                    reasons.merge(dev.marginsim.contracts.chain.RevertDecoder.decode(data)
                            .map(ProtocolRevert::solidityForm).orElse(String.valueOf(data)), 1, Integer::sum);
                }
            }
            System.out.println("chain reverts: " + reasons);

            EngineDeployment engineSide = replay(setup, actions);
            System.out.println("engine reverts: " + ENGINE_REVERTS);
            int markets = setup.markets().size();
            int assets = setup.collaterals().size() + 1;
            ProtocolClient client = new ProtocolClient(chain, d.protocol());
            List<String> chainState = EndState.ofChain(client, accounts + 2, markets, assets,
                    a -> a < signers.size() ? signers.get(a).address() : owner.address());
            List<String> engineState = EndState.ofEngine(engineSide.engine(), accounts + 2, markets, assets);
            boolean identical = chainState.equals(engineState);

            // Engine: replay until at least two seconds of work, after a warm-up.
            for (int i = 0; i < 20; i++) {
                replay(setup, actions);
            }
            int reps = 0;
            long e0 = System.nanoTime();
            long elapsed;
            do {
                replay(setup, actions);
                reps++;
                elapsed = System.nanoTime() - e0;
            } while (elapsed < 2_000_000_000L);
            double engineSecondsPerRun = elapsed / 1e9 / reps;

            double anvilRate = actions.size() / anvilSeconds;
            double engineRate = actions.size() / engineSecondsPerRun;
            System.out.printf("anvil : %.3f s for %,d actions (%,d reverted txs) = %,.0f actions/s (%.3f ms each)%n",
                    anvilSeconds, actions.size(), reverted, anvilRate, 1e3 / anvilRate);
            System.out.printf("engine: %.6f s per replay (%d replays incl. deployment) = %,.0f actions/s (%.1f ns each)%n",
                    engineSecondsPerRun, reps, engineRate, 1e9 / engineRate);
            System.out.printf("ratio : engine/anvil = %,.0fx%n", engineRate / anvilRate);
            System.out.printf("end state identical: %s (%,d stored values)%n", identical ? "YES" : "NO", chainState.size());
            if (!identical) {
                int shown = 0;
                for (int i = 0; i < chainState.size() && shown < 8; i++) {
                    if (!chainState.get(i).equals(engineState.get(i))) {
                        System.out.println("difference: chain " + chainState.get(i) + "\n          engine " + engineState.get(i));
                        shown++;
                    }
                }
                System.exit(1);
            }
        }
    }

    private static List<String> tokens(Deployment d) {
        List<String> all = new ArrayList<>(List.of(d.settlementToken()));
        all.addAll(d.collateralTokens());
        return all;
    }

    /** Runs the scenario on an engine, recording every action it issues (refused ones included). */
    static List<Action> record(ProtocolSetup setup, int accounts, int minutes) {
        EngineDeployment dep = EngineDeployer.deploy(setup, start);
        List<Action> recorded = new ArrayList<>();
        EngineSink engine = new EngineSink(dep);
        ActionSink recording = a -> {
            recorded.add(a);
            engine.apply(a);
        };
        CrashScenario.Config config = new CrashScenario.Config(accounts, 7, minutes, 0.35, 0.15);
        CrashScenario scenario = new CrashScenario(config, setup, dep.engine(), recording, new CrashMetrics());
        scenario.buildBook(i -> { });
        scenario.crash(i -> { });
        return recorded;
    }

    static final java.util.Map<String, Integer> ENGINE_REVERTS = new java.util.TreeMap<>();

    static EngineDeployment replay(ProtocolSetup setup, List<Action> actions) {
        EngineDeployment dep = EngineDeployer.deploy(setup, start);
        EngineSink sink = new EngineSink(dep);
        ENGINE_REVERTS.clear();
        for (Action a : actions) {
            try {
                sink.apply(a);
            } catch (ProtocolRevert r) {
                // refused on the chain too; the state is unchanged on both
                ENGINE_REVERTS.merge(r.solidityForm(), 1, Integer::sum);
            }
        }
        return dep;
    }

    /** Each action as a signed transaction, or a Long block time for SetTime. */
    private static List<Object> presign(Chain chain, Deployment d, List<Signer> signers, Signer owner, List<Action> actions) {
        List<Object> out = new ArrayList<>(actions.size());
        String p = d.protocol();
        for (Action action : actions) {
            if (action instanceof Action.SetTime a) {
                out.add(a.timestamp());
            } else if (action instanceof Action.SetRound a) {
                out.add(chain.presign(owner, d.feeds().get(a.feed()), ChainDeployer.encodeSetRoundData(a.roundId(),
                        BigInteger.valueOf(a.answer()), a.startedAt(), a.updatedAt(), a.answeredInRound())));
            } else if (action instanceof Action.Deposit a) {
                out.add(chain.presign(signers.get(a.account()), p, ProtocolClient.encodeDeposit(a.asset(), a.tokenAmount())));
            } else if (action instanceof Action.Trade a) {
                out.add(chain.presign(signers.get(a.account()), p,
                        ProtocolClient.encodeTrade(a.market(), a.isolated(), a.sizeDeltaE9())));
            } else if (action instanceof Action.AddMargin a) {
                out.add(chain.presign(signers.get(a.account()), p, ProtocolClient.encodeAddMargin(a.market(), a.amountE6())));
            } else if (action instanceof Action.LiquidatePosition a) {
                out.add(chain.presign(signers.get(a.liquidator()), p, ProtocolClient.encodeLiquidatePosition(
                        signers.get(a.account()).address(), a.market(), a.isolated())));
            } else if (action instanceof Action.LiquidateCollateral a) {
                out.add(chain.presign(signers.get(a.liquidator()), p, ProtocolClient.encodeLiquidateCollateral(
                        signers.get(a.account()).address(), a.asset(), a.repayE6())));
            } else if (action instanceof Action.FundInsurance a) {
                out.add(chain.presign(owner, p, ProtocolClient.encodeFundInsurance(a.tokenAmount())));
            } else if (action instanceof Action.FundPool a) {
                out.add(chain.presign(owner, p, ProtocolClient.encodeFundPool(a.tokenAmount())));
            }
        }
        return out;
    }

    private EngineVsAnvil() {
    }
}
