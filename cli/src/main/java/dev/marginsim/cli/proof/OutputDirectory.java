package dev.marginsim.cli.proof;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;

/**
 * An output directory that appears whole or not at all: files go into a hidden temporary sibling,
 * which {@link #commit()} renames to the target in one step; {@link #close()} without a commit deletes
 * the temporary, so a failed or interrupted run leaves nothing that looks like a result.
 */
final class OutputDirectory implements AutoCloseable {
    private final Path target;
    private Path staging;

    /** Refuses a target that exists or whose parent does not. */
    OutputDirectory(Path out) throws IOException {
        this.target = out.toAbsolutePath();
        if (Files.exists(target)) {
            throw new IllegalArgumentException("cannot write " + out + ": it already exists");
        }
        Path parent = target.getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new IllegalArgumentException("cannot write " + out + ": no such directory " + parent);
        }
        this.staging = Files.createTempDirectory(parent, "." + target.getFileName() + ".");
    }

    /** Writes {@code relative} (with its parent directories) inside the staging directory. */
    void write(String relative, byte[] bytes) {
        try {
            Path file = staging.resolve(relative);
            Files.createDirectories(file.getParent());
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + relative + ": " + e.getMessage(), e);
        }
    }

    void commit() throws IOException {
        try { // the temporary directory was created owner-only; the output is an ordinary directory
            Files.setPosixFilePermissions(staging, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (UnsupportedOperationException notPosix) {
            // non-POSIX file systems keep their defaults
        }
        Files.move(staging, target);
        staging = null;
    }

    @Override
    public void close() {
        if (staging == null) {
            return;
        }
        try (var paths = Files.walk(staging)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // the run already failed; that error is the one to report
        }
    }
}
