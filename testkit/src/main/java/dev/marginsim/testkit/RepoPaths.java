package dev.marginsim.testkit;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates files of the marginsim checkout from tests, whatever module directory Maven runs them in. */
public final class RepoPaths {
    private RepoPaths() {
    }

    /** The repository root: the nearest ancestor holding both package.json and the parent pom. */
    public static Path root() {
        String configured = System.getProperty("marginsim.repo.root");
        if (configured != null && isRoot(Path.of(configured))) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        Path dir = Path.of("").toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            if (isRoot(p)) {
                return p;
            }
        }
        throw new IllegalStateException("not inside a marginsim checkout: " + dir);
    }

    public static Path resolve(String relative) {
        return root().resolve(relative);
    }

    private static boolean isRoot(Path p) {
        return Files.isRegularFile(p.resolve("package.json")) && Files.isRegularFile(p.resolve("pom.xml"))
                && Files.isDirectory(p.resolve("contracts"));
    }
}
