package io.gridpulse.app;

import io.gridpulse.bench.Folders;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Scratch folders of the store benchmarks: a given one is kept, a temporary one deleted after. */
final class BenchFolders {
    private BenchFolders() {}

    static Path orTemporary(Path given, String prefix) {
        try {
            return given != null ? Files.createDirectories(given) : Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteIfTemporary(Path given, Path used) {
        if (given != null) {
            return;
        }
        Folders.deleteTree(used);
    }
}
