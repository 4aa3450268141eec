package dev.marginsim.cli.proof;

import static dev.marginsim.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.marginsim.cli.CliRun;
import dev.marginsim.contracts.chain.Chain;
import dev.marginsim.prover.format.JsonOut;
import dev.marginsim.prover.format.TransparentJson;
import dev.marginsim.prover.snapshot.RoundAsset;
import dev.marginsim.prover.snapshot.RoundInfo;
import dev.marginsim.prover.transparent.PublishedRound;
import dev.marginsim.testkit.Anvil;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;

/**
 * {@code marginsim prove --rpc --protocol} on a real anvil: the crash runs on the chain (through
 * {@code simulate --on-chain}, in lockstep with the engine), the chain's state is proven, and every
 * account's liabilities equal those the engine's own round gives the same account — so the chain reader
 * misses no account and values each one as the engine does.
 */
class ChainProveTest {
    private static final int ACCOUNTS = 8;
    private static final String SEED = "42";
    private static final String MINUTES = "30";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static Anvil anvil;
    static String protocol;
    static Path chainOut;
    static Path engineOut;

    @BeforeAll
    static void crashOnChainThenProveBothSides() throws IOException {
        anvil = Anvil.start();
        CliRun simulated = run("simulate", "--on-chain", anvil.url(), "--accounts", String.valueOf(ACCOUNTS), "--seed", SEED,
                "--minutes", MINUTES, "--no-progress");
        assertEquals(0, simulated.code(), simulated.out() + simulated.err());
        Matcher m = Pattern.compile("protocol deployed at (0x[0-9a-fA-F]{40})").matcher(simulated.out());
        assertTrue(m.find(), simulated.out());
        protocol = m.group(1);
        Path secret = dir.resolve("secret.hex");
        Files.writeString(secret, "11".repeat(32));
        chainOut = dir.resolve("chain");
        CliRun chain = run("prove", "--rpc", anvil.url(), "--protocol", protocol, "--secret-file", secret.toString(),
                "--out", chainOut.toString());
        assertEquals(0, chain.code(), chain.err());
        engineOut = dir.resolve("engine");
        CliRun engine = run("prove", "--accounts", String.valueOf(ACCOUNTS), "--seed", SEED, "--minutes", MINUTES,
                "--secret-file", secret.toString(), "--out", engineOut.toString());
        assertEquals(0, engine.code(), engine.err());
    }

    @AfterAll
    static void stopChain() {
        if (anvil != null) {
            anvil.close();
        }
    }

    @Test
    void theRoundNamesTheChainAndTheProtocolAndMatchesTheEnginesPricesAndReserves() throws IOException {
        JsonNode chain = JSON.readTree(chainOut.resolve("round.json").toFile());
        JsonNode engine = JSON.readTree(engineOut.resolve("round.json").toFile());
        assertEquals(String.valueOf(Anvil.CHAIN_ID), chain.get("chainId").asText());
        assertEquals(protocol.toLowerCase(), chain.get("protocol").asText().toLowerCase());
        assertEquals(engine.get("assets").size(), chain.get("assets").size());
        for (int i = 0; i < engine.get("assets").size(); i++) {
            JsonNode e = engine.get("assets").get(i);
            JsonNode c = chain.get("assets").get(i);
            for (String field : List.of("assetId", "priceE8", "tokenDecimals", "reservesTokens")) {
                assertEquals(e.get(field), c.get(field), "asset " + i + " " + field);
            }
            if (i > 0) { // a chain round names each feed by its address, which the snapshot then holds
                assertTrue(c.get("feed").asText().matches("0x[0-9a-fA-F]{40}"), c.toString());
            }
        }
    }

    @Test
    void everyAccountOwesWhatTheEngineSaysItOwes() throws IOException {
        List<Path> engineProofs = proofs(engineOut);
        assertEquals(engineProofs.size(), proofs(chainOut).size(), "one proof per existing account on both sides");
        for (Path engineProof : engineProofs) {
            String engineAccount = engineProof.getFileName().toString().replace(".json", "");
            int index = new BigInteger(engineAccount.substring(2), 16).intValueExact();
            Path chainProof = chainOut.resolve("proofs").resolve(chainAddress(index) + ".json");
            assertTrue(Files.exists(chainProof), "engine account " + index + " has no proof on the chain side: " + chainProof);
            assertEquals(JSON.readTree(engineProof.toFile()).get("balances"), JSON.readTree(chainProof.toFile()).get("balances"),
                    "liabilities of account " + index);
        }
    }

    @Test
    void everyChainProofVerifies() throws IOException {
        assertEquals(0, run("verify", chainOut.resolve("statement.json").toString()).code());
        for (Path proof : proofs(chainOut)) {
            CliRun r = run("verify", chainOut.resolve("round.json").toString(), "--proof", proof.toString());
            assertEquals(0, r.code(), proof + ": " + r.err());
        }
    }

    @Test
    void privateTierMarginProofsFromTheChainUseTheEnginesTermsAndVerify() throws IOException {
        Path chainPrivate = dir.resolve("chain-private");
        Path enginePrivate = dir.resolve("engine-private");
        List<Integer> accounts = List.of(1, 2, 3);
        List<String> chainArgs = new java.util.ArrayList<>(List.of("prove", "--tier", "private", "--rpc", anvil.url(),
                "--protocol", protocol, "--margin", "maintenance", "--margin", "initial", "--no-progress", "--out", chainPrivate.toString()));
        List<String> engineArgs = new java.util.ArrayList<>(List.of("prove", "--tier", "private", "--accounts", String.valueOf(ACCOUNTS),
                "--seed", SEED, "--minutes", MINUTES, "--margin", "maintenance", "--margin", "initial", "--no-progress",
                "--out", enginePrivate.toString()));
        for (int i : accounts) {
            chainArgs.addAll(List.of("--account", chainAddress(i)));
            engineArgs.addAll(List.of("--account", String.format("0x%040x", i)));
        }
        CliRun chain = run(chainArgs.toArray(String[]::new));
        assertEquals(0, chain.code(), chain.err());
        CliRun engine = run(engineArgs.toArray(String[]::new));
        assertEquals(0, engine.code(), engine.err());
        int proven = 0;
        for (String level : List.of("maintenance", "initial")) {
            Path terms = chainPrivate.resolve("margin/statement-" + level + ".json");
            assertEquals(JSON.readTree(enginePrivate.resolve("margin/statement-" + level + ".json").toFile()).get("statement"),
                    JSON.readTree(terms.toFile()).get("statement"), level + " terms: chain vs engine");
            for (int i : accounts) {
                Path margin = chainPrivate.resolve("margin/" + chainAddress(i) + "-" + level + ".json");
                assertEquals(Files.exists(enginePrivate.resolve(String.format("margin/0x%040x-%s.json", i, level))), Files.exists(margin),
                        "account " + i + " meets " + level + " on both sides or on neither");
                if (Files.exists(margin)) {
                    proven++;
                    CliRun r = run("verify", chainPrivate.resolve("round.json").toString(), "--proof", margin.toString(),
                            "--inclusion", chainPrivate.resolve("proofs/" + chainAddress(i) + ".json").toString(),
                            "--statement", terms.toString());
                    assertEquals(0, r.code(), margin + ": " + r.err());
                }
            }
        }
        assertTrue(proven > 0, "some account meets a level");
    }

    @Test
    void theRoundChecksAgainstTheChainAtItsBlockEvenAfterTheChainMovesOn() {
        CliRun before = run("verify", chainOut.resolve("statement.json").toString(), "--rpc", anvil.url());
        assertEquals(0, before.code(), before.err());
        assertTrue(before.out().contains("reserves are the chain's"), before.out());
        anvilMine(3);
        CliRun after = run("verify", chainOut.resolve("round.json").toString(), "--rpc", anvil.url());
        assertEquals(0, after.code(), after.err());
    }

    @Test
    void aConsistentRoundThatOverstatesReservesPassesAloneButNotAgainstTheChain() throws Exception {
        PublishedRound honest = TransparentJson.readRound(Files.readAllBytes(chainOut.resolve("round.json")));
        RoundInfo info = honest.info();
        List<RoundAsset> assets = new java.util.ArrayList<>(info.assets());
        RoundAsset eth = assets.get(1);
        assets.set(1, new RoundAsset(eth.assetId(), eth.feed(), eth.priceE8(), eth.tokenDecimals(),
                eth.reservesTokens().add(BigInteger.TEN.pow(eth.tokenDecimals()))));
        PublishedRound inflated = new PublishedRound(new RoundInfo(info.chainId(), info.protocol(), info.roundId(), info.prices(), assets),
                honest.depth(), honest.rootHash(), honest.totals());
        Path forged = dir.resolve("inflated-round.json");
        Files.write(forged, JsonOut.bytes(TransparentJson.writeRound(inflated)));
        assertEquals(0, run("verify", forged.toString()).code(), "internally consistent");
        CliRun r = run("verify", forged.toString(), "--rpc", anvil.url());
        assertEquals(1, r.code(), r.err());
        assertTrue(r.err().startsWith("invalid: RESERVES_MISMATCH: asset 1"), r.err());

        PublishedRound otherChain = new PublishedRound(new RoundInfo(info.chainId() + 1, info.protocol(), info.roundId(), info.prices(),
                info.assets()), honest.depth(), honest.rootHash(), honest.totals());
        Files.write(forged, JsonOut.bytes(TransparentJson.writeRound(otherChain)));
        CliRun wrongChain = run("verify", forged.toString(), "--rpc", anvil.url());
        assertEquals(1, wrongChain.code(), wrongChain.err());
        assertTrue(wrongChain.err().startsWith("invalid: ROUND_MISMATCH"), wrongChain.err());
    }

    @Test
    void theOperatorPublishesTheRoundAndHoldersCheckTheirProofsAgainstTheRegistry() throws Exception {
        String round = chainOut.resolve("round.json").toString();
        CliRun published = run("publish", round, "--rpc", anvil.url(), "--new-registry");
        assertEquals(0, published.code(), published.err());
        Matcher m = Pattern.compile("registry deployed at (0x[0-9a-fA-F]{40})").matcher(published.out());
        assertTrue(m.find(), published.out());
        String registry = m.group(1);
        String javaHash = java.util.HexFormat.of().formatHex(TransparentJson.readRound(Files.readAllBytes(Path.of(round))).roundHash());
        assertTrue(published.out().contains("round hash 0x" + javaHash), published.out());

        CliRun again = run("publish", round, "--rpc", anvil.url(), "--registry", registry);
        assertEquals(1, again.code());
        assertTrue(again.err().contains("RoundNotNew"), again.err());

        for (Path proof : proofs(chainOut)) {
            CliRun r = run("verify", round, "--proof", proof.toString(), "--rpc", anvil.url(), "--registry", registry);
            assertEquals(0, r.code(), proof + ": " + r.err());
            assertTrue(r.out().contains("the registry published this round and accepts the proof"), r.out());
        }

        // The same state proven again under another secret: another root for the same round id, as an
        // operator showing different users different trees would produce. The registry tells them apart.
        Path secret = dir.resolve("other-secret.hex");
        Files.writeString(secret, "22".repeat(32));
        Path other = dir.resolve("chain-other-root");
        assertEquals(0, run("prove", "--rpc", anvil.url(), "--protocol", protocol, "--block",
                String.valueOf(TransparentJson.readRound(Files.readAllBytes(Path.of(round))).info().blockNumber()),
                "--secret-file", secret.toString(), "--out", other.toString()).code());
        assertEquals(0, run("verify", other.resolve("round.json").toString(), "--rpc", anvil.url()).code(), "valid on its own");
        CliRun shown = run("verify", other.resolve("round.json").toString(), "--rpc", anvil.url(), "--registry", registry);
        assertEquals(1, shown.code(), shown.err());
        assertTrue(shown.err().startsWith("invalid: ROUND_MISMATCH"), shown.err());

        CliRun simulated = run("publish", engineOut.resolve("round.json").toString(), "--rpc", anvil.url(), "--registry", registry);
        assertEquals(1, simulated.code());
        assertTrue(simulated.err().contains("chain id 0"), simulated.err());
    }

    @Test
    void aSimulatedRoundCannotBeCheckedAgainstAChain() {
        CliRun r = run("verify", engineOut.resolve("round.json").toString(), "--rpc", anvil.url());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("chain id 0"), r.err());
    }

    private static void anvilMine(int blocks) {
        try (Chain chain = Chain.connect(anvil.url())) {
            for (int i = 0; i < blocks; i++) {
                chain.mine();
            }
        }
    }

    @Test
    void anAddressWithoutAProtocolIsAOneLineError() {
        CliRun r = run("prove", "--rpc", anvil.url(), "--protocol", "0x00000000000000000000000000000000000000aa",
                "--out", dir.resolve("none").toString());
        assertEquals(1, r.code());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("no contract at"), r.err());
        assertTrue(Files.notExists(dir.resolve("none")));
    }

    @Test
    void aBlockAheadOfTheChainIsRefused() {
        CliRun r = run("prove", "--rpc", anvil.url(), "--protocol", protocol, "--block", "999999999",
                "--out", dir.resolve("ahead").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("ahead of the chain"), r.err());
    }

    /** simulate --on-chain gives trader/liquidator i the key 0x5EED0000 + i, and the treasury the first dev key. */
    private static String chainAddress(int engineIndex) {
        if (engineIndex <= ACCOUNTS) {
            return Credentials.create(ECKeyPair.create(BigInteger.valueOf(0x5EED0000L + engineIndex))).getAddress();
        }
        return Credentials.create(Anvil.DEV_KEY_0).getAddress();
    }

    private static List<Path> proofs(Path out) throws IOException {
        try (Stream<Path> files = Files.list(out.resolve("proofs"))) {
            return files.sorted().toList();
        }
    }
}
