package io.gridpulse.bench.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class JitWarmUpTest {
    @Test
    void theCompilersCpuTimeIsReadWhileTheyWork() {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "Linux /proc");
        long before = JitWarmUp.compilerNanos();
        long sum = 0;
        for (int round = 0; round < 200; round++) { // fresh code for the compilers: a lambda per round is one class
            sum += work(round);
        }
        assertThat(sum).isNotZero();
        assertThat(before).as("the compilers ran during the JVM's start").isPositive();
        assertThat(JitWarmUp.compilerNanos()).isGreaterThan(before);
    }

    @Test
    void warmUpStopsAtAPartThatRanOutOfTimeAndAtMostAfterMaxParts() {
        assertThat(JitWarmUp.run(3, 10, part -> part < 1)).isEqualTo(2);
        assertThat(JitWarmUp.run(5, 3, part -> true)).isEqualTo(3);
    }

    private static long work(int seed) {
        long x = seed;
        for (int i = 0; i < 200_000; i++) {
            x = x * 6364136223846793005L + i ^ (x >>> 29);
        }
        return x;
    }
}
