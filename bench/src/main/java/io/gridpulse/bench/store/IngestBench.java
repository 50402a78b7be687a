package io.gridpulse.bench.store;

import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.IntConsumer;

/**
 * Durable ingest, side by side: the same readings in the same order into GridPulse and into
 * embedded QuestDB (sync and nosync commits). Two shapes of acknowledged batch: one meter x 60 s
 * (minute-major over the fleet, from many writers at once) and a gateway's meters x 1 s (several
 * gateways at once, each with its own meters, as a server for a large fleet sees them; GridPulse
 * is also timed with a single gateway). GridPulse's writers are virtual threads by default, as
 * the server's request handlers are; QuestDB gets one writer thread (one writer per table), which
 * writes the same batches one after the other.
 *
 * <p>Each engine first writes untimed warm-up parts, a fifth of the timed data each, until the JIT
 * compiler has settled ({@link JitWarmUp}; a 90,000 reading cold run measured the JVM's start, not
 * the store, and one fixed fifth left the compiler busy in the fleet seconds' timed part), then
 * the timed part. A part that
 * runs longer than {@code maxTimedSeconds} stops there and the rate counts what was written: a
 * slow peer is measured on a prefix of the same readings instead of taking many minutes.
 */
public final class IngestBench {
    /**
     * @param meters meters in the minute-batch run
     * @param minutes timed minutes per meter in the minute-batch run (plus a fifth of that untimed before)
     * @param fleetMeters meters per gateway, each gateway's fleet second is one batch
     * @param fleetSeconds timed fleet seconds per gateway (plus a fifth of that untimed before)
     * @param gateways gateways sending fleet seconds at once, each for its own meters
     * @param threads GridPulse writers of minute batches (QuestDB has one writer per table)
     * @param virtualWriters GridPulse's writers are virtual threads (else platform threads)
     * @param maxTimedSeconds longest warm-up or timed part per engine and shape
     * @param sealMeters meters of the sealing-pass run (0 skips it)
     */
    public record Settings(Path dir, int meters, int minutes, int fleetMeters, int fleetSeconds, int gateways,
            int threads, boolean virtualWriters, int maxTimedSeconds, int sealMeters) {}

    private final Settings settings;
    private final Consumer<String> progress;

    public IngestBench(Settings settings, Consumer<String> progress) {
        this.settings = settings;
        this.progress = progress;
    }

    public void run(StoreBenchReport report) {
        int fleet = settings.fleetMeters() * settings.gateways();
        int symbols = Math.max(Math.max(settings.meters(), fleet), SIZE_METERS);
        measure(report, d -> new GridPulseEngine(d), settings.threads(), settings.gateways());
        oneWriter(report);
        measure(report, d -> new QuestDbEngine(d, true, symbols), 1, 1);
        measure(report, d -> new QuestDbEngine(d, false, symbols), 1, 1);
        // Durability does not change QuestDB's files: its size comes from the faster nosync writer.
        size(report, "gridpulse", d -> new GridPulseEngine(d));
        size(report, "questdb", d -> new QuestDbEngine(d, false, symbols));
        pastDaysSize(report);
        sealPass(report);
        for (String shape : new String[] {"minuteBatches", "fleetSeconds"}) {
            report.ratio("ratio." + shape + ".gridpulseVsQuestdbSync", "gridpulse." + shape + ".readingsPerSecond",
                    "questdb-sync." + shape + ".readingsPerSecond");
            report.ratio("ratio." + shape + ".gridpulseVsQuestdbNosync", "gridpulse." + shape + ".readingsPerSecond",
                    "questdb-nosync." + shape + ".readingsPerSecond");
        }
        report.ratio("ratio.bytesPerReading.gridpulseVsQuestdb", "gridpulse.bytesPerReading",
                "questdb.bytesPerReading");
    }

    /**
     * @param threads writers of minute batches
     * @param senders writers of fleet seconds: each sends the seconds of every gateway g with
     *     g mod senders = its number, one gateway after the other
     */
    private void measure(StoreBenchReport report, Function<Path, Engine> open, int threads, int senders) {
        String name;
        try (Engine engine = open.apply(settings.dir().resolve("minutes-" + System.nanoTime()))) {
            name = engine.name();
            engine.register(settings.meters());
            int part = warmUpPart(settings.minutes());
            int warmMinutes = part * JitWarmUp.run(1, MAX_WARM_UP_PARTS,
                    p -> minuteBatches(engine, threads, p * part, (p + 1) * part, deadline()).whole());
            Run timed = minuteBatches(engine, threads, warmMinutes, warmMinutes + settings.minutes(), deadline());
            report.put(name + ".minuteBatches.writers", threads);
            report.put(name + ".minuteBatches.readingsPerSecond", Math.round(timed.rate()));
            report.put(name + ".minuteBatches.cpuMicrosPerReading", StoreBenchReport.round(timed.cpuMicrosPerReading()));
            report.put(name + ".minuteBatches.timedReadings", timed.readings());
            report.put(name + ".minuteBatches.warmUpReadings", (long) settings.meters() * warmMinutes * 60);
        }
        fleet(report, open, name + ".fleetSeconds", settings.gateways(), senders);
        progress.accept(name + " done");
    }

    /** GridPulse with the gateways' batches sent one after the other by one writer: no fsync shared. */
    private void oneWriter(StoreBenchReport report) {
        fleet(report, d -> new GridPulseEngine(d), "gridpulse.fleetSecondsOneWriter", settings.gateways(), 1);
    }

    private void fleet(StoreBenchReport report, Function<Path, Engine> open, String key, int gateways, int senders) {
        try (Engine engine = open.apply(settings.dir().resolve("fleet-" + System.nanoTime()))) {
            engine.register(settings.fleetMeters() * gateways);
            int part = warmUpPart(settings.fleetSeconds());
            int warmSeconds = part * JitWarmUp.run(1, MAX_WARM_UP_PARTS,
                    p -> fleetSeconds(engine, gateways, senders, p * part, (p + 1) * part, deadline()).whole());
            Run timed = fleetSeconds(engine, gateways, senders, warmSeconds, warmSeconds + settings.fleetSeconds(),
                    deadline());
            report.put(key + ".readingsPerSecond", Math.round(timed.rate()));
            report.put(key + ".cpuMicrosPerReading", StoreBenchReport.round(timed.cpuMicrosPerReading()));
            report.put(key + ".timedReadings", timed.readings());
            report.put(key + ".warmUpReadings", (long) settings.fleetMeters() * gateways * warmSeconds);
        }
    }

    /** Bytes on disk: the same 720,000 readings (100 meters x 2 h at 1 Hz, in time order) in every engine. */
    private static final int SIZE_METERS = 100;
    private static final int SIZE_SECONDS = 7_200;

    private void size(StoreBenchReport report, String name, Function<Path, Engine> open) {
        try (Engine engine = open.apply(settings.dir().resolve("size-" + System.nanoTime()))) {
            engine.register(SIZE_METERS);
            for (int second = 0; second < SIZE_SECONDS; second++) {
                engine.appendFleetSecond(0, SIZE_METERS, second);
            }
            long readings = (long) SIZE_METERS * SIZE_SECONDS;
            report.put(name + ".bytesPerReading", StoreBenchReport.round((double) engine.bytesOnDisk() / readings));
            report.put(name + ".reservedBytes", engine.reservedBytes());
            report.put(name + ".bytesPerReading.readings", readings);
        }
        progress.accept(name + " size done");
    }

    private static final int PAST_DAYS = 2;

    /**
     * Bytes per reading once days are past (DESIGN.md § 9: ≤ 0.8), GridPulse only: the size run's
     * meters at 1 Hz for two whole UTC days in hour batches, then each meter's first reading of
     * the next day. Both days are then compacted and their minute rows folded, as every day of a
     * meter that keeps reporting is; the 2-hour size run above holds only a current day.
     */
    private void pastDaysSize(StoreBenchReport report) {
        try (GridPulseEngine engine = new GridPulseEngine(settings.dir().resolve("past-days-" + System.nanoTime()))) {
            engine.register(SIZE_METERS);
            int hours = PAST_DAYS * 24;
            for (int hour = 0; hour < hours; hour++) {
                for (int meter = 0; meter < SIZE_METERS; meter++) {
                    engine.appendMeterRun(meter, hour * 3_600L, 3_600, 1);
                }
            }
            for (int meter = 0; meter < SIZE_METERS; meter++) {
                engine.appendMeterRun(meter, hours * 3_600L, 1, 1);
            }
            long readings = (long) SIZE_METERS * (hours * 3_600L + 1);
            report.put("gridpulse.bytesPerReading.pastDays", StoreBenchReport.round((double) engine.bytesOnDisk() / readings));
            report.put("gridpulse.bytesPerReading.pastDays.readings", readings);
        }
        progress.accept("gridpulse past days size done");
    }

    /**
     * What a night's sealing pass costs (GridPulse only): the {@code sealMeters} meters report a
     * reading a minute for two whole UTC days, in hour batches of the fleet, then the next day's
     * first reading; timed: sealing their hours, compacting their days and folding their minute
     * rows, as a server does after midnight. Per meter-day, so runs of other sizes compare: it
     * should not grow with the fleet (it did, through RocksDB range tombstones).
     */
    private void sealPass(StoreBenchReport report) {
        int meters = settings.sealMeters();
        if (meters <= 0) {
            return;
        }
        try (GridPulseEngine engine = new GridPulseEngine(settings.dir().resolve("seal-pass-" + System.nanoTime()))) {
            engine.register(meters);
            int hours = PAST_DAYS * 24;
            for (int hour = 0; hour < hours; hour++) {
                engine.appendFleetMinutes(meters, hour * 3_600L, 60);
            }
            engine.appendFleetMinutes(meters, hours * 3_600L, 1);
            long nanos = engine.sealAllDueNanos();
            long meterDays = (long) meters * PAST_DAYS;
            report.put("gridpulse.sealPass.meterDays", meterDays);
            report.put("gridpulse.sealPass.seconds", StoreBenchReport.round(nanos / 1e9));
            report.put("gridpulse.sealPass.msPerMeterDay", StoreBenchReport.round(nanos / 1e6 / meterDays));
        }
        progress.accept("gridpulse sealing pass done");
    }

    /** Warm-up parts: a fifth of the timed units each, until the JIT compiler has settled. */
    private static final int MAX_WARM_UP_PARTS = 8;

    private static int warmUpPart(int timedUnits) {
        return Math.max(1, timedUnits / 5);
    }

    private long deadline() {
        return System.nanoTime() + settings.maxTimedSeconds() * 1_000_000_000L;
    }

    /**
     * A timed part: readings written, wall time, the process's CPU time (steadier beside other
     * load), and whether that was all of them (not cut by the deadline).
     */
    private record Run(long readings, long nanos, long cpuNanos, boolean whole) {
        double rate() {
            return readings / (nanos / 1e9);
        }

        double cpuMicrosPerReading() {
            return cpuNanos / 1e3 / readings;
        }
    }

    private ExecutorService writers(int threads) {
        return settings.virtualWriters() ? Executors.newVirtualThreadPerTaskExecutor()
                : Executors.newFixedThreadPool(threads);
    }

    /** Runs {@code task(t)} for t in [0, threads) at once, each on its own writer; returns when all are done. */
    private void inParallel(int threads, IntConsumer task) {
        ExecutorService pool = writers(threads);
        try {
            Future<?>[] running = new Future<?>[threads];
            for (int t = 0; t < threads; t++) {
                int number = t;
                running[t] = pool.submit(() -> task.accept(number));
            }
            for (Future<?> f : running) {
                f.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("ingest failed", e);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Minute-major: every meter's minute m before any meter's minute m + 1, for m in [fromMinute, toMinute). */
    private Run minuteBatches(Engine engine, int threads, int fromMinute, int toMinute, long deadlineNanos) {
        int meters = settings.meters();
        long batches = (long) meters * (toMinute - fromMinute);
        AtomicLong next = new AtomicLong();
        AtomicLong done = new AtomicLong();
        long start = System.nanoTime();
        long cpuStart = HttpIngestBench.processCpuNanos();
        inParallel(threads, writer -> {
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
        return new Run(done.get() * 60, System.nanoTime() - start, HttpIngestBench.processCpuNanos() - cpuStart,
                done.get() == batches);
    }

    /** Each gateway sends seconds [fromSecond, toSecond) of its own meters, in order. */
    private Run fleetSeconds(Engine engine, int gateways, int senders, int fromSecond, int toSecond,
            long deadlineNanos) {
        int meters = settings.fleetMeters();
        AtomicLong batches = new AtomicLong();
        long start = System.nanoTime();
        long cpuStart = HttpIngestBench.processCpuNanos();
        inParallel(senders, sender -> {
            for (int s = fromSecond; s < toSecond && System.nanoTime() < deadlineNanos; s++) {
                for (int g = sender; g < gateways; g += senders) {
                    engine.appendFleetSecond(g * meters, meters, s);
                    batches.incrementAndGet();
                }
            }
        });
        return new Run(batches.get() * meters, System.nanoTime() - start, HttpIngestBench.processCpuNanos() - cpuStart,
                batches.get() == (long) gateways * (toSecond - fromSecond));
    }
}
