package io.gridpulse.core;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Locates the real household datasets (../shared/data beside the repository). They are present
 * in CI and on developer machines, absent on a user's fresh clone: callers must cope with empty.
 */
public final class SharedData {
    private SharedData() {}

    /** The data folder: {@code GRIDPULSE_SHARED_DATA}, else {@code <repo>/../shared/data}. */
    public static Optional<Path> root() {
        String env = System.getenv("GRIDPULSE_SHARED_DATA");
        if (env != null && Files.isDirectory(Path.of(env))) {
            return Optional.of(Path.of(env));
        }
        String repo = System.getProperty("gridpulse.root", System.getProperty("user.dir"));
        for (Path dir = Path.of(repo).toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolveSibling("shared").resolve("data");
            if (Files.isDirectory(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** A path under the data folder if it exists. */
    public static Optional<Path> resolve(String relative) {
        return root().map(r -> r.resolve(relative)).filter(Files::exists);
    }
}
