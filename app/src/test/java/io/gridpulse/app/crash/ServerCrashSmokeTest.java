package io.gridpulse.app.crash;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridpulse.bench.crash.CrashResult;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Smoke version of {@code gridpulse bench crash --via http|mqtt}: SIGKILL the real server while clients send. */
class ServerCrashSmokeTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(ServerCrashRun.Via.class)
    void everyBatchTheServerAcknowledgedSurvivesKills(ServerCrashRun.Via via) {
        long seed = Long.getLong("gridpulse.crash.seed", System.nanoTime() % 1_000_000);
        System.out.println("ServerCrashSmokeTest " + via + " seed " + seed + " (replay with -Dgridpulse.crash.seed=" + seed + ")");
        ServerCrashRun.Config config = new ServerCrashRun.Config(dir.resolve("store"), seed, 3, 3, 6, via, 800, 2_000);
        CrashResult result = new ServerCrashRun(config).run(System.out::println);
        System.out.println(result.toText());
        assertThat(result.problems()).isEmpty();
        assertThat(result.acks()).isGreaterThan(0);
        assertThat(result.readingsVerified()).isGreaterThan(0);
    }
}
