package dev.marginsim.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.marginsim.testkit.RepoPaths;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The web3j wrappers this build generated for the production contracts (MarginProtocol,
 * SolvencyRegistry) are the ones committed as golden copies: a change to a contract's ABI, or to what
 * web3j's generator makes of it, fails here until the golden copy is refreshed on purpose. The
 * wrapper's {@code BINARY} constant is checked against the committed artifact
 * {@code contracts/artifacts/<Name>.bin} and masked in the comparison, so a change to a contract's
 * code alone (same ABI) needs no refresh: {@link ArtifactsAreFreshTest} already holds the bytecode to
 * the sources.
 *
 * <p>Refresh after an intended ABI or generator change (then review the diff of the golden file):
 * <pre>
 * mvn -B -ntp -o -q -pl contracts test -Dtest=GeneratedWrapperGoldenTest -Dmarginsim.golden.update=true
 * </pre>
 */
class GeneratedWrapperGoldenTest {
    private static final Pattern BINARY = Pattern.compile("(public static final String BINARY = \")([0-9a-fA-F]*)((?:\\\\n)?\";)");

    @ParameterizedTest
    @ValueSource(strings = {"MarginProtocol", "SolvencyRegistry"})
    void generatedWrapperMatchesTheGoldenCopy(String contract) throws IOException {
        String generatedPath = "contracts/target/generated-sources/web3j/dev/marginsim/contracts/generated/" + contract + ".java";
        String goldenPath = "contracts/src/test/resources/golden/" + contract + ".java.golden";
        Path generated = RepoPaths.resolve(generatedPath);
        assertTrue(Files.isRegularFile(generated),
                "no generated wrapper at " + generated + ": the build's generate-sources phase makes it");
        String source = Files.readString(generated, StandardCharsets.UTF_8).replace("\r\n", "\n");
        String masked = maskBinary(contract, source);
        Path golden = RepoPaths.resolve(goldenPath);
        if (Boolean.getBoolean("marginsim.golden.update")) {
            Files.createDirectories(golden.getParent());
            Files.writeString(golden, masked, StandardCharsets.UTF_8);
            System.out.println("GeneratedWrapperGoldenTest: wrote " + golden);
            return;
        }
        assertTrue(Files.isRegularFile(golden), "no golden copy at " + golden);
        String expected = Files.readString(golden, StandardCharsets.UTF_8).replace("\r\n", "\n");
        if (!expected.equals(masked)) {
            fail("the generated " + contract + " wrapper differs from " + goldenPath + "\n" + firstDifference(expected, masked)
                    + "\nIf the ABI change is intended, refresh the golden copy: mvn -B -ntp -o -q -pl contracts test"
                    + " -Dtest=GeneratedWrapperGoldenTest -Dmarginsim.golden.update=true");
        }
    }

    /** Checks the wrapper deploys exactly the committed bytecode, then replaces it by a fixed mask. */
    private static String maskBinary(String contract, String source) throws IOException {
        Matcher m = BINARY.matcher(source);
        assertTrue(m.find(), "the wrapper has no BINARY constant");
        String artifactPath = "contracts/artifacts/" + contract + ".bin";
        String artifact = Files.readString(RepoPaths.resolve(artifactPath), StandardCharsets.UTF_8).strip();
        if (artifact.startsWith("0x")) {
            artifact = artifact.substring(2);
        }
        assertEquals(artifact, m.group(2), "the wrapper's BINARY is not the committed " + artifactPath);
        String masked = source.substring(0, m.start(2)) + "<bytecode of " + artifactPath + ">" + source.substring(m.end(2));
        assertTrue(!BINARY.matcher(masked).find(), "the wrapper has more than one BINARY constant");
        return masked;
    }

    private static String firstDifference(String expected, String actual) {
        List<String> e = expected.lines().toList();
        List<String> a = actual.lines().toList();
        for (int i = 0; i < Math.max(e.size(), a.size()); i++) {
            String el = i < e.size() ? e.get(i) : "<end of file>";
            String al = i < a.size() ? a.get(i) : "<end of file>";
            if (!el.equals(al)) {
                return "first difference at line " + (i + 1) + ":\n  golden:    " + el + "\n  generated: " + al;
            }
        }
        return "the files differ only in line endings at the end";
    }
}
