package io.gridpulse.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

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
        try (Stream<Path> paths = Files.walk(used)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
