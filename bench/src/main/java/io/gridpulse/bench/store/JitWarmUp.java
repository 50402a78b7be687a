package io.gridpulse.bench.store;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.IntPredicate;

/**
 * Untimed work in parts until the JIT compiler has settled, so that the timed part that follows
 * measures the steady rate, not the compiler: a fixed warm-up share left the compiler busy into
 * the timed part of the faster shapes.
 */
final class JitWarmUp {
    /** Settled: the compiler worked less than this share of a part's wall time. */
    static final double SETTLED_COMPILE_SHARE = 0.05;
    private static final Path TASKS = Path.of("/proc/self/task");

    private JitWarmUp() {}

    /**
     * Runs {@code part.test(0)}, {@code part.test(1)}, … until at least {@code minParts} ran and
     * the compiler has settled, or a part returns false (it ran out of time: a slow engine, for
     * which the compiler does not matter), at most {@code maxParts}. Returns the parts run.
     */
    static int run(int minParts, int maxParts, IntPredicate part) {
        int parts = 0;
        while (parts < maxParts) {
            long compilerNs = compilerNanos();
            long startNs = System.nanoTime();
            boolean whole = part.test(parts++);
            double wallNs = Math.max(1, System.nanoTime() - startNs);
            if (!whole || parts >= minParts && (compilerNanos() - compilerNs) / wallNs < SETTLED_COMPILE_SHARE) {
                break;
            }
        }
        return parts;
    }

    /**
     * CPU time of the JIT compiler's threads so far: on Linux their schedstat, which counts a
     * compilation still running. The JVM's total compilation time counts a compilation only once
     * it ends, so a part during which C2 worked on a long method looked settled: the day query's
     * timed window then shared the 2 cores with 160 ms of compiling, and its p99 was the
     * compiler's (docs/benchmarks.md round 20).
     */
    static long compilerNanos() {
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS)) {
            long ns = 0;
            for (Path task : tasks) {
                try {
                    String name = Files.readString(task.resolve("comm"));
                    if (name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre")) {
                        ns += Long.parseLong(Files.readString(task.resolve("schedstat")).trim().split(" ")[0]);
                    }
                } catch (IOException | RuntimeException e) { // the thread ended meanwhile
                }
            }
            return ns;
        } catch (IOException | RuntimeException e) { // no /proc: the JVM's own (coarser) figure
            return ManagementFactory.getCompilationMXBean().getTotalCompilationTime() * 1_000_000L;
        }
    }
}
