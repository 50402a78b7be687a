package io.gridpulse.bench.crash;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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

    @Test
    void aTornTailMayTakeOneGatewayWriteButNothingElse() {
        List<Ack> run = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            run.add(new Ack(i % 8, 1_000L * i, 60, i));
        }
        List<Ack> gatewayWrite = run.subList(32, 39); // 7 meters in one appendAll, the last record

        assertThat(CrashRun.explainedByTornTail(gatewayWrite, run, true, 8)).isTrue();
        assertThat(CrashRun.explainedByTornTail(gatewayWrite, run, false, 8)).as("nothing torn").isFalse();
        assertThat(CrashRun.explainedByTornTail(List.of(run.get(30), run.get(38)), run, true, 8))
                .as("one meter twice: two writes of one thread").isFalse();
        assertThat(CrashRun.explainedByTornTail(List.of(run.get(2)), run, true, 8)).as("an old batch").isFalse();
    }
}
