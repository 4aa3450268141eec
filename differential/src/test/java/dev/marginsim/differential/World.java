package dev.marginsim.differential;

import dev.marginsim.contracts.chain.Chain;
import dev.marginsim.contracts.chain.ChainDeployer;
import dev.marginsim.contracts.chain.Deployment;
import dev.marginsim.contracts.chain.ProtocolClient;
import dev.marginsim.contracts.chain.Signer;
import dev.marginsim.core.ProtocolSetup;
import dev.marginsim.simulator.engine.MarginEngine;
import dev.marginsim.simulator.engine.ProtocolEvent;
import dev.marginsim.simulator.setup.EngineDeployer;
import dev.marginsim.simulator.setup.EngineDeployment;
import dev.marginsim.testkit.Anvil;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;

/**
 * The same protocol twice: deployed on a real anvil and on the Java engine, with the same accounts.
 * Account id {@code i} on the engine is {@code users.get(i)} on the chain; the last account is the
 * liquidator. {@link #reset()} returns both sides to the freshly deployed state (an anvil snapshot
 * and a redeployed engine).
 */
final class World implements AutoCloseable {
    static final int USERS = 5;
    static final BigInteger PLENTY = BigInteger.TWO.pow(200);

    final ProtocolSetup setup;
    final Chain chain;
    final Signer owner;
    final ChainDeployer deployer;
    final Deployment deployment;
    final ProtocolClient client;
    final List<Signer> accounts = new ArrayList<>();
    final long startTime;
    private final long[] snapshotNonces;
    private String snapshot;

    EngineDeployment engineSide;
    final List<ProtocolEvent> engineEvents = new ArrayList<>();
    long now;
    /** Last round id set per feed (index = setup feed; last = sequencer), identical on both sides. */
    long[] roundIds;

    World(Anvil anvil, ProtocolSetup setup) {
        this.setup = setup;
        this.chain = Chain.connect(anvil.url());
        chain.setBlockTimestampInterval(0);
        this.startTime = chain.latestTimestamp() + 1;
        chain.setNextBlockTimestamp(startTime);
        this.owner = chain.signer(Anvil.DEV_KEY_0);
        this.deployer = new ChainDeployer(chain, owner);
        this.deployment = deployer.deploy(setup);
        this.client = new ProtocolClient(chain, deployment.protocol());
        for (int i = 0; i <= USERS; i++) {
            Credentials c = Credentials.create(ECKeyPair.create(BigInteger.valueOf(0xA11CE + i)));
            chain.setBalance(c.getAddress(), BigInteger.TEN.pow(24));
            Signer s = new Signer(c, chain.nonceOf(c.getAddress()));
            accounts.add(s);
            deployer.fund(s, deployment.settlementToken(), deployment.protocol(), PLENTY);
            for (String token : deployment.collateralTokens()) {
                deployer.fund(s, token, deployment.protocol(), PLENTY);
            }
        }
        deployer.fund(owner, deployment.settlementToken(), deployment.protocol(), PLENTY);
        snapshotNonces = new long[accounts.size() + 1];
        for (int i = 0; i < accounts.size(); i++) {
            snapshotNonces[i] = accounts.get(i).nextNonce();
        }
        snapshotNonces[accounts.size()] = owner.nextNonce();
        snapshot = chain.snapshot();
        resetEngine();
    }

    int liquidator() {
        return USERS;
    }

    /** Engine id of the owner when it acts as a depositor (fundPool): one past the accounts. */
    int ownerId() {
        return accounts.size();
    }

    String addressOf(int accountId) {
        return accountId == ownerId() ? owner.address() : accounts.get(accountId).address();
    }

    MarginEngine engine() {
        return engineSide.engine();
    }

    void reset() {
        chain.revertTo(snapshot);
        snapshot = chain.snapshot();
        for (int i = 0; i < accounts.size(); i++) {
            accounts.get(i).resetNonce(snapshotNonces[i]);
        }
        owner.resetNonce(snapshotNonces[accounts.size()]);
        resetEngine();
    }

    private void resetEngine() {
        engineSide = EngineDeployer.deploy(setup, startTime);
        engineSide.engine().setEventListener(engineEvents::add);
        now = startTime;
        roundIds = new long[setup.feeds().size() + 1];
        java.util.Arrays.fill(roundIds, 1);
    }

    @Override
    public void close() {
        chain.close();
    }
}
