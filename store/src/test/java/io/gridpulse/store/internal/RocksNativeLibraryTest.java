package io.gridpulse.store.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridpulse.store.ReadingStore;
import io.gridpulse.store.StorageConfig;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

class RocksNativeLibraryTest {
    @TempDir
    Path dir;

    /** A JVM killed with SIGKILL right after opening a store leaves no 15 MB library copy behind. */
    @Test
    @EnabledOnOs(OS.LINUX)
    void aKilledProcessLeavesNoExtractedLibraryInItsTempFolder() throws Exception {
        Path temp = Files.createDirectory(dir.resolve("tmp"));
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.io.tmpdir=" + temp, "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                OpenStoreAndWait.class.getName(), dir.resolve("data").toString())
                .redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null && !line.equals(OpenStoreAndWait.READY)) {
                // RocksDB and logger output before the store is open
            }
            assertThat(line).as("the child opened its store").isEqualTo(OpenStoreAndWait.READY);
            child.destroyForcibly(); // SIGKILL: no shutdown hooks, no deleteOnExit
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        try (Stream<Path> left = Files.list(temp)) {
            assertThat(left.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("librocksdbjni"))).isEmpty();
        }
    }

    @Test
    void removesOnlyLibraryCopiesMappedFromTheTempFolder(@TempDir Path other) throws Exception {
        Path temp = Files.createDirectory(dir.resolve("tmp"));
        Path extracted = Files.writeString(temp.resolve("librocksdbjni123.so"), "x");
        Path unrelated = Files.writeString(temp.resolve("libother.so"), "x");
        Path elsewhere = Files.writeString(other.resolve("librocksdbjni-linux64.so"), "x");
        List<String> maps = List.of(
                "7f00-7f10 r-xp 00000000 fd:01 42 " + extracted,
                "7f10-7f20 r-xp 00000000 fd:01 43 " + unrelated,
                "7f20-7f30 r-xp 00000000 fd:01 44 " + elsewhere,
                "7f30-7f40 rw-p 00000000 00:00 0 [heap]");

        RocksNativeLibrary.removeExtractedCopies(maps, temp);

        assertThat(extracted).doesNotExist();
        assertThat(unrelated).exists();
        assertThat(elsewhere).exists();
    }

    /** The child: opens a store, says so, and waits to be killed. */
    public static final class OpenStoreAndWait {
        static final String READY = "store-open";

        public static void main(String[] args) throws Exception {
            ReadingStore store = ReadingStore.open(StorageConfig.defaults(Path.of(args[0])), Clock.systemUTC());
            System.out.println(READY);
            System.out.flush();
            Thread.sleep(60_000);
            store.close();
        }
    }
}
