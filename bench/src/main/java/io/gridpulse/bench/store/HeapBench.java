package io.gridpulse.bench.store;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Heap held by the store with many active meters: every meter registered and written to for
 * most of a minute (per-meter state loaded, pending readings held), then the heap used after a
 * full GC, minus the heap before.
 */
public final class HeapBench {
    private static final int SECONDS = 59;
    private final Path dir;
    private final int meters;
    private final Consumer<String> progress;

    public HeapBench(Path dir, int meters, Consumer<String> progress) {
        this.dir = dir;
        this.meters = meters;
        this.progress = progress;
    }

    public void run(StoreBenchReport report) {
        long before = usedAfterGc();
        try (GridPulseEngine engine = new GridPulseEngine(dir.resolve("heap-" + System.nanoTime()))) {
            engine.register(meters);
            // 59 fleet seconds: each meter's readings sit in the store's pending log (memory) until
            // they are moved into head blocks at ~60 a meter or 2 M in all, so this is near the peak.
            for (int s = 0; s < SECONDS; s++) {
                engine.appendFleetSecond(0, meters, s);
                if (s % 10 == 0) {
                    progress.accept("heap: fleet second " + (s + 1) + "/" + SECONDS + " for " + meters + " meters");
                }
            }
            long after = usedAfterGc();
            report.put("gridpulse.heap.activeMeters", meters);
            report.put("gridpulse.heap.usedMegabytes", StoreBenchReport.round((after - before) / 1e6));
            report.put("gridpulse.heap.bytesPerMeter", Math.round((double) (after - before) / meters));
        }
    }

    private static long usedAfterGc() {
        System.gc();
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
