package dev.marginsim.contracts.chain;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The committed solc outputs (contracts/artifacts), read from the classpath. */
public final class Artifacts {
    private Artifacts() {
    }

    /** Creation bytecode of {@code contractName} as 0x-prefixed hex. */
    public static String bytecode(String contractName) {
        return "0x" + read(contractName + ".bin").trim();
    }

    public static String abi(String contractName) {
        return read(contractName + ".abi");
    }

    private static String read(String file) {
        String path = "/dev/marginsim/contracts/artifacts/" + file;
        try (InputStream in = Artifacts.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("artifact missing from the classpath: " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
