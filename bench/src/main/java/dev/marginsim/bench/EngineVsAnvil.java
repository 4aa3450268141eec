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
 * block-time steps, liquidations). On anvil every transaction is signed ahead and the plan is driven
 * by {@link AnvilDriver} (raw JSON-RPC batches, receipts polled without delay); on the engine the
 * sequence is replayed on fresh deployments by {@link EngineReplay} until the timing is stable.
 * Neither side's deployment is in its time. Prints both rates, their ratio, and whether every stored
 * value of the two end states is equal (the run fails if not).
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
            List<Action> actions = EngineReplay.record(setup, accounts, minutes, start);
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

            List<Object> plan = presign(chain, d, signers, owner, actions);
            AnvilDriver.Result run;
            java.time.Duration anvilCpu0;
            try (AnvilDriver driver = new AnvilDriver(anvil.url())) {
                // Warm-up: the whole plan once, then back to the snapshot (nonces and time too), so the
                // timed run meets a warm client and node, as the engine's timed replays do.
                String snapshot = chain.snapshot();
                driver.run(plan);
                chain.revertTo(snapshot);
                driver.reset();
                anvilCpu0 = anvilCpu(anvil.port());
                long clientCpu0 = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
                run = driver.run(plan);
                long clientCpu = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime()
                        - clientCpu0;
                System.out.printf("driver CPU time during the run: %.3f s (the client's share of the wall clock)%n",
                        clientCpu / 1e9);
                java.time.Duration anvilCpu = anvilCpu(anvil.port()).minus(anvilCpu0);
                System.out.printf("anvil CPU time during the run: %.3f s (%.3f ms per action)%n", anvilCpu.toNanos() / 1e9,
                        anvilCpu.toNanos() / 1e6 / actions.size());
                System.out.printf("anvil time: sending %.3f s, mining %.3f s, the rest (receipts, clock) %.3f s%n",
                        driver.sendNanos / 1e9, driver.mineNanos / 1e9, (run.nanos() - driver.sendNanos - driver.mineNanos) / 1e9);
            }
            double anvilSeconds = run.nanos() / 1e9;
            long reverted = run.reverted();
            java.util.Map<String, Integer> reasons = new java.util.TreeMap<>();
            for (String h : run.hashes()) {
                if (!chain.receipt(h).isStatusOK()) {
                    String data = chain.revertData(h);
                    reasons.merge(dev.marginsim.contracts.chain.RevertDecoder.decode(data)
                            .map(ProtocolRevert::solidityForm).orElse(String.valueOf(data)), 1, Integer::sum);
                }
            }
            System.out.println("chain reverts: " + reasons);

            EngineReplay replay = new EngineReplay(setup, actions, start);
            EngineDeployment engineSide = replay.replay();
            System.out.println("engine reverts: " + replay.reverts);
            int markets = setup.markets().size();
            int assets = setup.collaterals().size() + 1;
            ProtocolClient client = new ProtocolClient(chain, d.protocol());
            List<String> chainState = EndState.ofChain(client, accounts + 2, markets, assets,
                    a -> a < signers.size() ? signers.get(a).address() : owner.address());
            List<String> engineState = EndState.ofEngine(engineSide.engine(), accounts + 2, markets, assets);
            boolean identical = chainState.equals(engineState);

            EngineReplay.Timing t = replay.measure(2_000, 3_000);
            double anvilRate = actions.size() / anvilSeconds;
            double engineRate = actions.size() / (t.medianNanos() / 1e9);
            double engineRateWithDeploy = actions.size() / ((t.medianNanos() + t.deployNanos()) / 1e9);
            System.out.printf("anvil : %.3f s for %,d actions (%,d reverted txs; %,d HTTP requests, %,d blocks, %,d receipt"
                    + " polls) = %,.0f actions/s (%.3f ms each)%n", anvilSeconds, actions.size(), reverted, run.requests(),
                    run.blocks(), run.receiptPolls(), anvilRate, 1e3 / anvilRate);
            System.out.printf("engine: %.1f us per replay of the actions (median of %d replays; mean %.1f us; deployment"
                    + " %.1f us more) = %,.0f actions/s (%.1f ns each)%n", t.medianNanos() / 1e3, t.replays(),
                    t.actionNanos() / 1e3, t.deployNanos() / 1e3, engineRate, 1e9 / engineRate);
            System.out.printf("ratio : engine/anvil = %,.0fx (%,.0fx counting the engine's deployment too)%n",
                    engineRate / anvilRate, engineRateWithDeploy / anvilRate);
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

    /** CPU time the anvil node (a child process listening on {@code port}) has used so far. */
    private static java.time.Duration anvilCpu(int port) {
        return ProcessHandle.current().descendants()
                .filter(h -> h.info().arguments().map(a -> String.join(" ", a).contains("--port " + port)).orElse(false))
                .findFirst().flatMap(h -> h.info().totalCpuDuration()).orElse(java.time.Duration.ZERO);
    }

    private static List<String> tokens(Deployment d) {
        List<String> all = new ArrayList<>(List.of(d.settlementToken()));
        all.addAll(d.collateralTokens());
        return all;
    }

    /** A transaction to sign: who sends what to whom. */
    private record Unsigned(Signer from, String to, String data) {
    }

    /**
     * Each action as a signed transaction, or a Long block time for SetTime. Gas prices fall from one
     * transaction to the next ({@link AnvilDriver#gasPrice}), so the pool mines them in this order.
     */
    private static List<Object> presign(Chain chain, Deployment d, List<Signer> signers, Signer owner, List<Action> actions) {
        List<Object> plan = new ArrayList<>(actions.size());
        String p = d.protocol();
        for (Action action : actions) {
            if (action instanceof Action.SetTime a) {
                plan.add(a.timestamp());
            } else if (action instanceof Action.SetRound a) {
                plan.add(new Unsigned(owner, d.feeds().get(a.feed()), ChainDeployer.encodeSetRoundData(a.roundId(),
                        BigInteger.valueOf(a.answer()), a.startedAt(), a.updatedAt(), a.answeredInRound())));
            } else if (action instanceof Action.Deposit a) {
                plan.add(new Unsigned(signers.get(a.account()), p, ProtocolClient.encodeDeposit(a.asset(), a.tokenAmount())));
            } else if (action instanceof Action.Trade a) {
                plan.add(new Unsigned(signers.get(a.account()), p,
                        ProtocolClient.encodeTrade(a.market(), a.isolated(), a.sizeDeltaE9())));
            } else if (action instanceof Action.AddMargin a) {
                plan.add(new Unsigned(signers.get(a.account()), p, ProtocolClient.encodeAddMargin(a.market(), a.amountE6())));
            } else if (action instanceof Action.LiquidatePosition a) {
                plan.add(new Unsigned(signers.get(a.liquidator()), p, ProtocolClient.encodeLiquidatePosition(
                        signers.get(a.account()).address(), a.market(), a.isolated())));
            } else if (action instanceof Action.LiquidateCollateral a) {
                plan.add(new Unsigned(signers.get(a.liquidator()), p, ProtocolClient.encodeLiquidateCollateral(
                        signers.get(a.account()).address(), a.asset(), a.repayE6())));
            } else if (action instanceof Action.FundInsurance a) {
                plan.add(new Unsigned(owner, p, ProtocolClient.encodeFundInsurance(a.tokenAmount())));
            } else if (action instanceof Action.FundPool a) {
                plan.add(new Unsigned(owner, p, ProtocolClient.encodeFundPool(a.tokenAmount())));
            } else {
                throw new IllegalArgumentException("no transaction for " + action);
            }
        }
        int count = (int) plan.stream().filter(x -> x instanceof Unsigned).count();
        int rank = 0;
        for (int i = 0; i < plan.size(); i++) {
            if (plan.get(i) instanceof Unsigned u) {
                plan.set(i, u.from().sign(chain.chainId(), u.to(), u.data(), BigInteger.ZERO,
                        AnvilDriver.gasPrice(rank++, count), Chain.GAS_LIMIT));
            }
        }
        return plan;
    }

    private EngineVsAnvil() {
    }
}
