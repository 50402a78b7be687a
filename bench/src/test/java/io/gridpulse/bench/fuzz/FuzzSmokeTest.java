package io.gridpulse.bench.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A short `bench fuzz` in the test suite: every target, a fixed seed, a few thousand inputs each
 * (the long runs are `./gridpulse bench fuzz`, docs/benchmarks.md). And the fuzzer itself: it
 * finds a planted crash and a planted hang.
 */
class FuzzSmokeTest {
    private static final long SEED = 20261127;

    @TempDir
    Path dir;

    @Test
    void everyTargetKeepsItsContractOnAShortRun() {
        for (String name : FuzzTargets.NAMES) {
            long inputs = name.equals("http-api") || name.equals("mqtt") ? 1_500 : 15_000; // a connection per input there
            try (FuzzTarget target = FuzzTargets.create(name, dir.resolve(name))) {
                FuzzReport report = FuzzRun.run(target, SEED, inputs, 120_000, line -> {});
                assertThat(report.inputs()).as(name).isEqualTo(inputs);
                assertThat(report.findings()).as(name + ": " + report.findings().stream()
                        .map(f -> f.key() + " " + f.message() + " on " + FuzzRun.preview(f.firstInput(), 200)).toList()).isEmpty();
            }
        }
    }

    @Test
    void plantedCrashesAndHangsAreFoundAndGroupedByWhereTheyHappen() {
        FuzzTarget planted = new FuzzTarget() {
            @Override
            public String name() {
                return "planted";
            }

            @Override
            public List<byte[]> seeds() {
                return List.of("{\"a\":[1,2,3]}".getBytes(StandardCharsets.UTF_8));
            }

            @Override
            public void check(byte[] input) throws InterruptedException {
                String text = new String(input, StandardCharsets.UTF_8);
                if (text.contains("NaN")) {
                    Thread.sleep(60_000);
                }
                if (text.indexOf(']') < 0) {
                    throw new IllegalStateException("no closing bracket");
                }
            }
        };
        FuzzReport report = FuzzRun.run(planted, SEED, 3_000, 60_000, 200, line -> {});
        assertThat(report.findings()).extracting(FuzzReport.Finding::key)
                .anyMatch(key -> key.startsWith("java.lang.IllegalStateException"))
                .contains("hang");
        FuzzReport.Finding crash = report.findings().stream().filter(f -> f.key().startsWith("java.lang.IllegalStateException"))
                .findFirst().orElseThrow();
        assertThat(new String(crash.firstInput(), StandardCharsets.UTF_8)).doesNotContain("]");
        assertThat(crash.count()).isGreaterThan(1);
    }
}
