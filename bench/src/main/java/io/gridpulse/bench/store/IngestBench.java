package io.gridpulse.bench.store;

import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Durable ingest, side by side: the same readings in the same order into GridPulse and into
 * embedded QuestDB (sync and nosync commits). Two shapes of acknowledged batch: one meter x 60 s
 * (minute-major over the fleet) and all meters x 1 s.
 *
 * <p>Each engine first writes a warm-up share of the data untimed (JIT, caches, files: a 90,000
 * reading cold run measured the JVM's start, not the store), then the timed part. A part that
 * runs longer than {@code maxTimedSeconds} stops there and the rate counts what was written: a
 * slow peer is measured on a prefix of the same readings instead of taking many minutes.
 */
public final class IngestBench {
    /**
     * @param meters meters in the minute-batch run
     * @param minutes timed minutes per meter in the minute-batch run (plus a fifth of that untimed before)
     * @param fleetMeters meters per fleet second
     * @param fleetSeconds timed fleet seconds (plus a fifth of that untimed before)
     * @param threads GridPulse writer threads (QuestDB has one writer per table)
     * @param maxTimedSeconds longest warm-up or timed part per engine and shape
     */
    public record Settings(Path dir, int meters, int minutes, int fleetMeters, int fleetSeconds, int threads,
            int maxTimedSeconds) {}

    private final Settings settings;
    private final Consumer<String> progress;

    public IngestBench(Settings settings, Consumer<String> progress) {
        this.settings = settings;
        this.progress = progress;
    }

    public void run(StoreBenchReport report) {
        int symbols = Math.max(Math.max(settings.meters(), settings.fleetMeters()), SIZE_METERS);
        measure(report, d -> new GridPulseEngine(d), settings.threads());
        measure(report, d -> new QuestDbEngine(d, true, symbols), 1);
        measure(report, d -> new QuestDbEngine(d, false, symbols), 1);
        // Durability does not change QuestDB's files: its size comes from the faster nosync writer.
        size(report, "gridpulse", d -> new GridPulseEngine(d));
        size(report, "questdb", d -> new QuestDbEngine(d, false, symbols));
        for (String shape : new String[] {"minuteBatches", "fleetSeconds"}) {
            report.ratio("ratio." + shape + ".gridpulseVsQuestdbSync", "gridpulse." + shape + ".readingsPerSecond",
                    "questdb-sync." + shape + ".readingsPerSecond");
            report.ratio("ratio." + shape + ".gridpulseVsQuestdbNosync", "gridpulse." + shape + ".readingsPerSecond",
                    "questdb-nosync." + shape + ".readingsPerSecond");
        }
        report.ratio("ratio.bytesPerReading.gridpulseVsQuestdb", "gridpulse.bytesPerReading",
                "questdb.bytesPerReading");
    }

    private void measure(StoreBenchReport report, Function<Path, Engine> open, int threads) {
        String name;
        try (Engine engine = open.apply(settings.dir().resolve("minutes-" + System.nanoTime()))) {
            name = engine.name();
            engine.register(settings.meters());
            int warmMinutes = warmUp(settings.minutes());
            minuteBatches(engine, threads, 0, warmMinutes, deadline());
            Run timed = minuteBatches(engine, threads, warmMinutes, warmMinutes + settings.minutes(), deadline());
            report.put(name + ".minuteBatches.readingsPerSecond", Math.round(timed.rate()));
            report.put(name + ".minuteBatches.timedReadings", timed.readings());
        }
        try (Engine engine = open.apply(settings.dir().resolve("fleet-" + System.nanoTime()))) {
            engine.register(settings.fleetMeters());
            int warmSeconds = warmUp(settings.fleetSeconds());
            fleetSeconds(engine, 0, warmSeconds, deadline());
            Run timed = fleetSeconds(engine, warmSeconds, warmSeconds + settings.fleetSeconds(), deadline());
            report.put(name + ".fleetSeconds.readingsPerSecond", Math.round(timed.rate()));
            report.put(name + ".fleetSeconds.timedReadings", timed.readings());
        }
        progress.accept(name + " done");
    }

    /** Bytes on disk: the same 720,000 readings (100 meters x 2 h at 1 Hz, in time order) in every engine. */
    private static final int SIZE_METERS = 100;
    private static final int SIZE_SECONDS = 7_200;

    private void size(StoreBenchReport report, String name, Function<Path, Engine> open) {
        try (Engine engine = open.apply(settings.dir().resolve("size-" + System.nanoTime()))) {
            engine.register(SIZE_METERS);
            for (int second = 0; second < SIZE_SECONDS; second++) {
                engine.appendFleetSecond(SIZE_METERS, second);
            }
            long readings = (long) SIZE_METERS * SIZE_SECONDS;
            report.put(name + ".bytesPerReading", StoreBenchReport.round((double) engine.bytesOnDisk() / readings));
            report.put(name + ".bytesPerReading.readings", readings);
        }
        progress.accept(name + " size done");
    }

    private static int warmUp(int timedUnits) {
        return Math.max(1, timedUnits / 5);
    }

    private long deadline() {
        return System.nanoTime() + settings.maxTimedSeconds() * 1_000_000_000L;
    }

    /** Readings written and how long it took. */
    private record Run(long readings, long nanos) {
        double rate() {
            return readings / (nanos / 1e9);
        }
    }

    /** Minute-major: every meter's minute m before any meter's minute m + 1, for m in [fromMinute, toMinute). */
    private Run minuteBatches(Engine engine, int threads, int fromMinute, int toMinute, long deadlineNanos) {
        int meters = settings.meters();
        long batches = (long) meters * (toMinute - fromMinute);
        AtomicLong next = new AtomicLong();
        AtomicLong done = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        try {
            Future<?>[] workers = new Future<?>[threads];
            for (int t = 0; t < threads; t++) {
                workers[t] = pool.submit(() -> {
                    for (long b = next.getAndIncrement(); b < batches; b = next.getAndIncrement()) {
                        engine.appendMeterRun((int) (b % meters), (fromMinute + b / meters) * 60, 60, 1);
                        done.incrementAndGet();
                        if (System.nanoTime() > deadlineNanos) {
                            next.set(batches); // out of time: every writer stops after its batch
                        }
                        if (b % 5_000 == 0) {
                            progress.accept(String.format("%s minute batches %d/%d", engine.name(), b, batches));
                        }
                    }
                });
            }
            for (Future<?> w : workers) {
                w.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("ingest failed", e);
        } finally {
            pool.shutdownNow();
        }
        return new Run(done.get() * 60, System.nanoTime() - start);
    }

    private Run fleetSeconds(Engine engine, int fromSecond, int toSecond, long deadlineNanos) {
        long start = System.nanoTime();
        int s = fromSecond;
        while (s < toSecond && System.nanoTime() < deadlineNanos) {
            engine.appendFleetSecond(settings.fleetMeters(), s++);
        }
        return new Run((long) settings.fleetMeters() * (s - fromSecond), System.nanoTime() - start);
    }
}
