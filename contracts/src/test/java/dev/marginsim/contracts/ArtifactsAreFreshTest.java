package dev.marginsim.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.marginsim.testkit.RepoPaths;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The committed ABI/BIN artifacts are exactly what the pinned solc makes of the committed sources,
 * so the web3j wrappers and every deployment use the contract as written.
 */
class ArtifactsAreFreshTest {
    @Test
    void committedArtifactsMatchAFreshCompile() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("node", "contracts/scripts/compile.js", "--check")
                .directory(RepoPaths.root().toFile()).redirectErrorStream(true).start();
        boolean done = p.waitFor(5, TimeUnit.MINUTES);
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!done) {
            p.destroyForcibly();
        }
        assertEquals(0, done ? p.exitValue() : -1, "solc artifacts are stale or did not compile:\n" + output);
    }
}
