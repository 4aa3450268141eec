package dev.marginsim.differential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.marginsim.contracts.chain.Chain;
import dev.marginsim.contracts.chain.ChainDeployer;
import dev.marginsim.contracts.chain.Deployment;
import dev.marginsim.contracts.chain.ProtocolClient;
import dev.marginsim.contracts.chain.Signer;
import dev.marginsim.contracts.chain.TxResult;
import dev.marginsim.core.AssetRisk;
import dev.marginsim.core.MarketParams;
import dev.marginsim.core.OracleConfig;
import dev.marginsim.core.ProtocolRevert;
import dev.marginsim.core.ProtocolSetup;
import dev.marginsim.core.RevertReason;
import dev.marginsim.simulator.setup.EngineDeployer;
import dev.marginsim.simulator.setup.EngineDeployment;
import dev.marginsim.testkit.Anvil;
import java.math.BigInteger;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Invalid owner parameters and bad user input are refused with the same named error by the contract
 * and by the engine. Each case runs on a fresh anvil snapshot and a fresh engine.
 */
class ParameterValidationTest {
    private static final AssetRisk GOOD_RISK = new AssetRisk(8_000, 8_500, 500, 1_000_000_000L);
    private static final MarketParams GOOD_MARKET = new MarketParams(1_000, 500, 250, 5_000, 5, 1_000_000_000_000L, 1_000);

    /** An address with no contract code on a fresh anvil. */
    private static final String NO_CODE = "0x000000000000000000000000000000000000dEaD";

    private static Anvil anvil;
    private static Chain chain;
    private static Signer owner;
    private static ChainDeployer deployer;
    private static Deployment deployment;
    private static String snapshot;
    private static long start;
    /** Extra feeds for the "no code" and "0 decimals" cases. */
    private static String zeroDecimalFeed;

    @BeforeAll
    static void deploy() {
        anvil = Anvil.start();
        chain = Chain.connect(anvil.url());
        chain.setBlockTimestampInterval(0);
        start = chain.latestTimestamp() + 1;
        chain.setNextBlockTimestamp(start);
        owner = chain.signer(Anvil.DEV_KEY_0);
        deployer = new ChainDeployer(chain, owner);
        deployment = deployer.deploy(ProtocolSetup.standard());
        zeroDecimalFeed = deployer.deployFeed(0, "zero decimals");
        snapshot = chain.snapshot();
    }

    @AfterAll
    static void stop() {
        chain.close();
        anvil.close();
    }

    /** A case: what to send to the contract, what to call on the engine, and the expected refusal. */
    record Case(String name, Function<Ctx, String> chainCall, java.util.function.Consumer<EngineDeployment> engineCall,
            RevertReason expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** Addresses a chain call may need. */
    record Ctx(Deployment d, String zeroDecimalFeed) {
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                listAsset("maintenance weight below initial", new AssetRisk(8_500, 8_000, 0, 1), RevertReason.InvalidWeights),
                listAsset("weight above 100%", new AssetRisk(8_000, 10_001, 0, 1), RevertReason.InvalidWeights),
                listAsset("zero initial weight", new AssetRisk(0, 8_000, 0, 1), RevertReason.InvalidWeights),
                listAsset("bonus makes seizing unhealthy", new AssetRisk(9_000, 9_800, 500, 1), RevertReason.InvalidLiquidationBonus),
                listAsset("zero deposit cap", new AssetRisk(8_000, 8_500, 0, 0), RevertReason.InvalidCap),
                market("maintenance equal to initial", new MarketParams(500, 500, 100, 0, 0, 1, 0), RevertReason.InvalidMarginRatios),
                market("maintenance above initial", new MarketParams(500, 600, 100, 0, 0, 1, 0), RevertReason.InvalidMarginRatios),
                market("initial above 100%", new MarketParams(10_001, 600, 100, 0, 0, 1, 0), RevertReason.InvalidMarginRatios),
                market("penalty not below maintenance", new MarketParams(1_000, 500, 500, 0, 0, 1, 0), RevertReason.InvalidPenalty),
                market("liquidator share above 100%", new MarketParams(1_000, 500, 100, 10_001, 0, 1, 0), RevertReason.InvalidPenalty),
                market("fee above 10%", new MarketParams(1_000, 500, 100, 0, 1_001, 1, 0), RevertReason.InvalidFee),
                market("zero open-interest cap", new MarketParams(1_000, 500, 100, 0, 0, 0, 0), RevertReason.InvalidCap),
                market("negative funding rate", new MarketParams(1_000, 500, 100, 0, 0, 1, -1), RevertReason.InvalidFundingRate),
                Arguments.of(new Case("feed with no code",
                        c -> ProtocolClient.encodeListMarket(new OracleConfig(NO_CODE, 3600, 1, 10), GOOD_MARKET),
                        e -> e.engine().listMarket(new OracleConfig("999", 3600, 1, 10), GOOD_MARKET),
                        RevertReason.FeedHasNoCode)),
                Arguments.of(new Case("feed with 0 decimals",
                        c -> ProtocolClient.encodeListMarket(new OracleConfig(c.zeroDecimalFeed(), 3600, 1, 10), GOOD_MARKET),
                        e -> e.engine().listMarket(new OracleConfig(Integer.toString(e.engine().addFeed(0)), 3600, 1, 10),
                                GOOD_MARKET),
                        RevertReason.InvalidFeedDecimals)),
                Arguments.of(new Case("min answer not below max",
                        c -> ProtocolClient.encodeListMarket(new OracleConfig(c.d().feeds().get(0), 3600, 10, 10), GOOD_MARKET),
                        e -> e.engine().listMarket(new OracleConfig(e.feeds().get(0).toString(), 3600, 10, 10), GOOD_MARKET),
                        RevertReason.InvalidOracleConfig)),
                Arguments.of(new Case("unknown asset in setAssetRisk",
                        c -> ProtocolClient.encodeSetAssetRisk(7, GOOD_RISK),
                        e -> e.engine().setAssetRisk(7, GOOD_RISK), RevertReason.UnknownAsset)),
                Arguments.of(new Case("unknown market in setMarketParams",
                        c -> ProtocolClient.encodeSetMarketParams(6, GOOD_MARKET),
                        e -> e.engine().setMarketParams(6, GOOD_MARKET), RevertReason.UnknownMarket)),
                Arguments.of(new Case("liquidation buffer above 100%",
                        c -> ProtocolClient.encodeSetLiquidationConfig(10_001, 0),
                        e -> e.engine().setLiquidationConfig(10_001, 0), RevertReason.InvalidLiquidationConfig)),
                Arguments.of(new Case("unknown asset deposit",
                        c -> ProtocolClient.encodeDeposit(5, BigInteger.ONE),
                        e -> e.engine().deposit(0, 5, BigInteger.ONE), RevertReason.UnknownAsset)),
                Arguments.of(new Case("zero deposit",
                        c -> ProtocolClient.encodeDeposit(1, BigInteger.ZERO),
                        e -> e.engine().deposit(0, 1, BigInteger.ZERO), RevertReason.ZeroAmount)),
                Arguments.of(new Case("oversized deposit",
                        c -> ProtocolClient.encodeDeposit(0, BigInteger.TWO.pow(64)),
                        e -> e.engine().deposit(0, 0, BigInteger.TWO.pow(64)), RevertReason.Overflow)),
                Arguments.of(new Case("withdraw by an unknown account",
                        c -> ProtocolClient.encodeWithdraw(0, BigInteger.ONE),
                        e -> e.engine().withdraw(0, 0, BigInteger.ONE), RevertReason.UnknownAccount)),
                Arguments.of(new Case("trade by an unknown account",
                        c -> ProtocolClient.encodeTrade(0, false, 1_000),
                        e -> e.engine().trade(0, 0, false, 1_000), RevertReason.UnknownAccount)));
    }

    private static Arguments listAsset(String name, AssetRisk risk, RevertReason expected) {
        return Arguments.of(new Case(name,
                c -> ProtocolClient.encodeListAsset(c.d().collateralTokens().get(0),
                        new OracleConfig(c.d().feeds().get(0), 3600, 1, 1_000_000_00000000L), risk),
                e -> e.engine().listAsset(e.collateralTokens().get(0),
                        new OracleConfig(e.feeds().get(0).toString(), 3600, 1, 1_000_000_00000000L), risk),
                expected));
    }

    private static Arguments market(String name, MarketParams p, RevertReason expected) {
        return Arguments.of(new Case(name,
                c -> ProtocolClient.encodeSetMarketParams(0, p),
                e -> e.engine().setMarketParams(0, p), expected));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void contractAndEngineRefuseWithTheSameNamedError(Case c) {
        chain.revertTo(snapshot);
        snapshot = chain.snapshot();
        owner.resetNonce(chain.nonceOf(owner.address()));
        TxResult onChain = chain.send(owner, deployment.protocol(), c.chainCall().apply(new Ctx(deployment, zeroDecimalFeed)));
        assertFalse(onChain.success(), c.name() + " was accepted by the contract");
        assertEquals(new ProtocolRevert(c.expected()), onChain.revert().orElse(null), c.name() + " on the contract");

        EngineDeployment engine = EngineDeployer.deploy(ProtocolSetup.standard(), start);
        ProtocolRevert onEngine = assertThrows(ProtocolRevert.class, () -> c.engineCall().accept(engine), c.name());
        assertEquals(c.expected(), onEngine.reason(), c.name() + " on the engine");
    }

    @Test
    void ownerFunctionsRefuseOtherCallers() {
        chain.revertTo(snapshot);
        snapshot = chain.snapshot();
        Signer stranger = new Signer(org.web3j.crypto.Credentials.create(
                org.web3j.crypto.ECKeyPair.create(BigInteger.valueOf(0xBAD))), 0);
        chain.setBalance(stranger.address(), BigInteger.TEN.pow(20));
        TxResult r = chain.send(stranger, deployment.protocol(), ProtocolClient.encodeSetLiquidationConfig(0, 0));
        assertEquals(new ProtocolRevert(RevertReason.NotOwner), r.revert().orElse(null));
    }

}
