package io.gridpulse.bench.store;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Heap held by the store with many active meters: every meter registered and written to (its
 * per-meter state loaded), then the heap used after a full GC, minus the heap before.
 */
public final class HeapBench {
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
            for (int s = 0; s < 3; s++) {
                engine.appendFleetSecond(meters, s);
                progress.accept("heap: fleet second " + (s + 1) + "/3 for " + meters + " meters");
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
