package dev.marginsim.testkit;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real anvil node on a free loopback port, from the npm package pinned in package-lock.json.
 * One per test class (or suite); {@link #close()} stops it. Startup waits in a bounded loop.
 */
public final class Anvil implements AutoCloseable {
    /** anvil's first default dev account key (mnemonic "test test ... junk"), funded at genesis. */
    public static final String DEV_KEY_0 = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
    public static final long CHAIN_ID = 31337;

    private static final Duration STARTUP_LIMIT = Duration.ofSeconds(30);

    private final Process process;
    private final int port;
    private final Path log;

    private Anvil(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts anvil with its default settings (30M block gas limit, EIP-170 code-size limit enforced). */
    public static Anvil start() {
        return start(List.of());
    }

    public static Anvil start(List<String> extraArgs) {
        Path binary = binary();
        int port = freePort();
        try {
            Path log = Files.createTempFile("anvil-" + port + "-", ".log");
            List<String> cmd = new ArrayList<>(List.of(binary.toString(), "--host", "127.0.0.1",
                    "--port", Integer.toString(port), "--chain-id", Long.toString(CHAIN_ID),
                    "--accounts", "2", "--silent"));
            cmd.addAll(extraArgs);
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            Anvil anvil = new Anvil(p, port, log);
            anvil.awaitReady();
            return anvil;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start anvil at " + binary + ": " + e.getMessage(), e);
        }
    }

    /** The anvil binary installed by {@code npm ci} into node_modules. */
    public static Path binary() {
        Path bin = RepoPaths.resolve("node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil");
        if (!Files.isExecutable(bin)) {
            Path shim = RepoPaths.resolve("node_modules/.bin/anvil");
            if (Files.isExecutable(shim)) {
                return shim;
            }
            throw new IllegalStateException("anvil not installed: run `npm ci` in " + RepoPaths.root());
        }
        return bin;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    private void awaitReady() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + STARTUP_LIMIT.toNanos();
        String body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_chainId\",\"params\":[]}";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("anvil exited with " + process.exitValue() + "; log: " + readLog());
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url()))
                        .timeout(Duration.ofSeconds(1)).header("content-type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200 && r.body().contains("result")) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            sleep(50);
        }
        close();
        throw new IllegalStateException("anvil did not answer within " + STARTUP_LIMIT + "; log: " + readLog());
    }

    private String readLog() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log)";
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free loopback port", e);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        try {
            Files.deleteIfExists(log);
        } catch (IOException ignored) {
            // a leftover temp log is harmless
        }
    }
}
