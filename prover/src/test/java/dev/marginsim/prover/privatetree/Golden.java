package dev.marginsim.prover.privatetree;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/**
 * Golden documents of the private tier and the margin proof, and what makes them reproducible: a
 * seeded random stream for the provers' nonces. {@code -Dmarginsim.golden.update=true} rewrites them.
 */
public final class Golden {
    private Golden() {
    }

    /** A deterministic stream (SHA1PRNG seeded before first use), so a proof's bytes are a function of the seed. */
    public static SecureRandom seeded(long seed) {
        try {
            SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
            r.setSeed(seed);
            return r;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA1PRNG", e);
        }
    }

    public static byte[] read(String name) throws IOException {
        try (InputStream in = Golden.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("missing golden file " + name);
            }
            return in.readAllBytes();
        }
    }

    public static void assertGolden(String name, byte[] actual) throws IOException {
        if (Boolean.getBoolean("marginsim.golden.update")) {
            Path file = Path.of("src/test/resources").resolve(name);
            Files.createDirectories(file.getParent());
            Files.write(file, actual);
            return;
        }
        assertEquals(new String(read(name), StandardCharsets.UTF_8), new String(actual, StandardCharsets.UTF_8), name);
    }

    public static JsonSchema schema(String file) throws IOException {
        try (InputStream in = Golden.class.getResourceAsStream("/dev/marginsim/prover/schema/" + file)) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        }
    }
}
