package io.gridpulse.bench.store;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.function.IntPredicate;

/**
 * Untimed work in parts until the JIT compiler has settled, so that the timed part that follows
 * measures the steady rate, not the compiler: a fixed warm-up share left the compiler busy into
 * the timed part of the faster shapes.
 */
final class JitWarmUp {
    /** Settled: the compiler worked less than this share of a part's wall time. */
    static final double SETTLED_COMPILE_SHARE = 0.05;

    private JitWarmUp() {}

    /**
     * Runs {@code part.test(0)}, {@code part.test(1)}, … until at least {@code minParts} ran and
     * the compiler has settled, or a part returns false (it ran out of time: a slow engine, for
     * which the compiler does not matter), at most {@code maxParts}. Returns the parts run.
     */
    static int run(int minParts, int maxParts, IntPredicate part) {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        int parts = 0;
        while (parts < maxParts) {
            long jitMs = jit.getTotalCompilationTime();
            long startNs = System.nanoTime();
            boolean whole = part.test(parts++);
            double wallMs = Math.max(1e-3, (System.nanoTime() - startNs) / 1e6);
            if (!whole || parts >= minParts && (jit.getTotalCompilationTime() - jitMs) / wallMs < SETTLED_COMPILE_SHARE) {
                break;
            }
        }
        return parts;
    }
}
