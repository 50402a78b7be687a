package io.gridpulse.app.load;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Paces a {@link FleetSender} at 1 reading per meter per second: one thread per worker, each
 * sending part p of its slice for second {@code t} no earlier than start + t s + p/parts s. A worker that falls behind
 * keeps the readings' own timestamps and catches up as fast as it can; the lag is reported.
 */
final class FleetDriver {
    private final FleetSender sender;
    private final LoadStats stats;

    FleetDriver(FleetSender sender, LoadStats stats) {
        this.sender = sender;
        this.stats = stats;
    }

    /**
     * Sends one reading per meter for {@code epochSecond} as fast as possible (registers every
     * meter, warms up the JIT), waits for the acknowledgements and forgets their latencies.
     */
    void warmUp(long epochSecond, long drainTimeoutMs) throws InterruptedException {
        runWorkers(worker -> {
            for (int part = 0; part < sender.partsPerSecond(); part++) {
                sender.sendPart(worker, epochSecond, part);
            }
        });
        sender.drain(drainTimeoutMs);
        stats.resetLatencies();
    }

    /** Runs {@code durationS} seconds starting at the whole second {@code startEpochS}. */
    void run(long startEpochS, int durationS) throws InterruptedException {
        runWorkers(worker -> pace(worker, startEpochS, durationS));
    }

    private interface WorkerBody {
        void run(int worker) throws InterruptedException;
    }

    private void runWorkers(WorkerBody body) throws InterruptedException {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < sender.workers(); w++) {
            int worker = w;
            threads.add(Thread.ofPlatform().name("load-" + w).start(() -> {
                try {
                    body.run(worker);
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("load worker failed: " + failure.get().getMessage(), failure.get());
        }
    }

    private void pace(int worker, long startEpochS, int durationS) throws InterruptedException {
        int parts = sender.partsPerSecond();
        for (int t = 0; t < durationS; t++) {
            for (int part = 0; part < parts; part++) {
                long dueMs = (startEpochS + t) * 1000 + part * 1000L / parts;
                long waitMs = dueMs - System.currentTimeMillis();
                if (worker == 0) {
                    stats.recordBehindScheduleMs(Math.max(0, -waitMs));
                }
                if (waitMs > 0) {
                    Thread.sleep(waitMs);
                }
                sender.sendPart(worker, startEpochS + t, part);
            }
        }
    }
}
