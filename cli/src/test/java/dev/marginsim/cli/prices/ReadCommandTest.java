package dev.marginsim.cli.prices;

import dev.marginsim.cli.CliRun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.marginsim.contracts.chain.Chain;
import dev.marginsim.core.price.PriceRound;
import dev.marginsim.oracle.failure.DeviationHeartbeat;
import dev.marginsim.oracle.failure.OneBlockRound;
import dev.marginsim.oracle.failure.OracleScenario;
import dev.marginsim.oracle.failure.OracleView;
import dev.marginsim.oracle.onchain.FeedContracts;
import dev.marginsim.oracle.onchain.FeedPath;
import dev.marginsim.oracle.onchain.PathPusher;
import dev.marginsim.oracle.synthetic.Gbm;
import dev.marginsim.oracle.synthetic.PathGrid;
import dev.marginsim.testkit.Anvil;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code prices read} against a feed pushed onto a real anvil: the rounds it writes are the chain's. */
class ReadCommandTest {
    @TempDir
    Path dir;

    @Test
    void readsEveryRoundOfAPushedFeedAndRefusesAnAddressWithoutCode() throws IOException {
        long t0 = 1_600_000_000L;
        OracleView view = OracleScenario.over(new Gbm(0, 1).generate(new PathGrid("ETH / USD", 8, t0, 60, 300,
                        new BigDecimal("2000")), 11, 0))
                .updates(new DeviationHeartbeat(30, 1_800, 12))
                .fail(OneBlockRound.answer(t0 + 3_000, BigInteger.ZERO, 12))
                .view();
        try (Anvil anvil = Anvil.start(); Chain chain = Chain.connect(anvil.url())) {
            FeedContracts contracts = new FeedContracts(chain, chain.signer(Anvil.DEV_KEY_0));
            PathPusher pusher = PathPusher.deploy(contracts, List.of(new FeedPath(view.name(), 8, view.rounds())), List.of(),
                    PathPusher.TimeMode.SHIFT_TO_HEAD);
            pusher.pushAll();
            long offset = pusher.offsetSeconds();
            String address = pusher.feedAddresses().get(view.name());
            CliRun r = CliRun.run("prices", "read", "--rpc", anvil.url(), "--feed", address,
                    "--view-out", dir.resolve("rounds.csv").toString(), "--out", dir.resolve("path.csv").toString(),
                    "--chart", dir.resolve("feed.png").toString());
            assertEquals(0, r.code(), r.err());
            List<String> expected = new ArrayList<>();
            for (PriceRound x : view.rounds()) {
                expected.add(x.roundId() + "," + x.answer() + ",8," + (x.startedAt() + offset) + "," + (x.updatedAt() + offset)
                        + "," + x.answeredInRound());
            }
            List<String> lines = Files.readAllLines(dir.resolve("rounds.csv"));
            assertEquals(expected, lines.subList(1, lines.size()));
            assertTrue(r.out().contains("NonPositive 1"), r.out());
            assertEquals(view.rounds().size() - 1 + 1, Files.readAllLines(dir.resolve("path.csv")).size(),
                    "one point per positive round, plus the header");

            CliRun empty = CliRun.run("prices", "read", "--rpc", anvil.url(),
                    "--feed", "0x000000000000000000000000000000000000dEaD");
            assertEquals(1, empty.code());
            assertEquals(1, empty.err().lines().count(), empty.err());
            assertTrue(empty.err().toLowerCase().contains("code"), empty.err());
        }
    }
}
