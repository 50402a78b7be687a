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
 */
public final class IngestBench {
    /**
     * @param meters meters in the minute-batch run
     * @param minutes minutes per meter in the minute-batch run
     * @param fleetMeters meters per fleet second
     * @param fleetSeconds fleet seconds
     * @param threads GridPulse writer threads (QuestDB has one writer per table)
     */
    public record Settings(Path dir, int meters, int minutes, int fleetMeters, int fleetSeconds, int threads) {}

    private final Settings settings;
    private final Consumer<String> progress;

    public IngestBench(Settings settings, Consumer<String> progress) {
        this.settings = settings;
        this.progress = progress;
    }

    public void run(StoreBenchReport report) {
        int symbols = Math.max(settings.meters(), settings.fleetMeters());
        measure(report, d -> new GridPulseEngine(d), settings.threads());
        measure(report, d -> new QuestDbEngine(d, true, symbols), 1);
        measure(report, d -> new QuestDbEngine(d, false, symbols), 1);
        for (String shape : new String[] {"minuteBatches", "fleetSeconds"}) {
            report.ratio("ratio." + shape + ".gridpulseVsQuestdbSync", "gridpulse." + shape + ".readingsPerSecond",
                    "questdb-sync." + shape + ".readingsPerSecond");
            report.ratio("ratio." + shape + ".gridpulseVsQuestdbNosync", "gridpulse." + shape + ".readingsPerSecond",
                    "questdb-nosync." + shape + ".readingsPerSecond");
        }
        report.ratio("ratio.bytesPerReading.gridpulseVsQuestdb", "gridpulse.bytesPerReading",
                "questdb-sync.bytesPerReading");
    }

    private void measure(StoreBenchReport report, Function<Path, Engine> open, int threads) {
        long minuteReadings = (long) settings.meters() * settings.minutes() * 60;
        Engine probe = null;
        try (Engine engine = open.apply(settings.dir().resolve("minutes-" + System.nanoTime()))) {
            probe = engine;
            engine.register(settings.meters());
            double rate = minuteBatches(engine, threads);
            report.put(engine.name() + ".minuteBatches.readingsPerSecond", Math.round(rate));
            long bytes = engine.bytesOnDisk();
            report.put(engine.name() + ".bytesPerReading", StoreBenchReport.round((double) bytes / minuteReadings));
        }
        try (Engine engine = open.apply(settings.dir().resolve("fleet-" + System.nanoTime()))) {
            engine.register(settings.fleetMeters());
            double rate = fleetSeconds(engine);
            report.put(engine.name() + ".fleetSeconds.readingsPerSecond", Math.round(rate));
        }
        progress.accept(probe.name() + " done");
    }

    /** Minute-major: every meter's minute m before any meter's minute m + 1. */
    private double minuteBatches(Engine engine, int threads) {
        int meters = settings.meters();
        long batches = (long) meters * settings.minutes();
        AtomicLong next = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        try {
            Future<?>[] workers = new Future<?>[threads];
            for (int t = 0; t < threads; t++) {
                workers[t] = pool.submit(() -> {
                    for (long b = next.getAndIncrement(); b < batches; b = next.getAndIncrement()) {
                        engine.appendMeterRun((int) (b % meters), b / meters * 60, 60, 1);
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
        return batches * 60 / ((System.nanoTime() - start) / 1e9);
    }

    private double fleetSeconds(Engine engine) {
        long start = System.nanoTime();
        for (int s = 0; s < settings.fleetSeconds(); s++) {
            engine.appendFleetSecond(settings.fleetMeters(), s);
        }
        return (double) settings.fleetMeters() * settings.fleetSeconds() / ((System.nanoTime() - start) / 1e9);
    }
}
