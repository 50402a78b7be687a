package io.gridpulse.bench.crash;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Smoke version of {@code gridpulse bench crash}: a few SIGKILLs of a real ingest JVM. */
class CrashSafetyTest {
    @TempDir
    Path dir;

    private static long seed() {
        long seed = Long.getLong("gridpulse.crash.seed", System.nanoTime() % 1_000_000);
        System.out.println("CrashSafetyTest seed " + seed + " (replay with -Dgridpulse.crash.seed=" + seed + ")");
        return seed;
    }

    @Test
    void acknowledgedReadingsSurviveFiveKills() {
        CrashConfig config = new CrashConfig(dir.resolve("store"), seed(), 5, 2, 16, 300, 1500, false); // 8 meters a thread: gateway writes use the pending log
        CrashResult result = new CrashRun(config).run(System.out::println);
        System.out.println(result.toText());
        assertThat(result.problems()).isEmpty();
        assertThat(result.acks()).isGreaterThan(0);
        assertThat(result.lostToTruncation()).isZero();
        assertThat(result.readingsVerified()).isGreaterThan(0);
    }

    @Test
    void tornWalTailOpensAtLastCompleteRecord() {
        CrashConfig config = new CrashConfig(dir.resolve("store"), seed(), 3, 2, 4, 300, 1200, true);
        CrashResult result = new CrashRun(config).run(System.out::println);
        System.out.println(result.toText());
        assertThat(result.problems()).isEmpty();
        assertThat(result.readingsVerified()).isGreaterThan(0);
    }
}
