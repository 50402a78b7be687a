package io.gridpulse.bench.store;

import io.gridpulse.core.TenantId;
import io.gridpulse.store.Retention;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Query latency side by side on the same data: one meter with {@code days} days at 1 Hz (the
 * queried meter, index {@code fleetMeters}) and a fleet of {@code fleetMeters} more with one
 * reading a minute over the last day, loaded time-major (QuestDB's fast in-order path).
 * Queries: that meter's last full day at 1 s, its energy from the month start to the end of the
 * data, and hourly energy of the whole fleet over the day.
 */
public final class QueryBench {
    /** Warm-up parts: long enough for the compiler's millisecond clock (JitWarmUp's 5 % share). */
    private static final long MIN_PART_NANOS = 50_000_000L;
    private static final long MAX_PART_NANOS = 1_000_000_000L;
    private static final int MAX_WARM_UP_PARTS = 60;

    /**
     * Settings: days of 1 Hz data for the queried meter, fleet size, timed repetitions, meters of
     * the retention run (0 skips it).
     */
    public record Settings(Path dir, int days, int fleetMeters, int repetitions, int retentionMeters) {}

    /** The retention run: three days of 5 min readings, then hourly passes keeping two days. */
    private static final int RETENTION_DAYS = 3;
    private static final int RETENTION_PASSES = 6;

    private final Settings settings;
    private final Consumer<String> progress;

    public QueryBench(Settings settings, Consumer<String> progress) {
        this.settings = settings;
        this.progress = progress;
    }

    public void run(StoreBenchReport report) {
        measure(report, d -> new GridPulseEngine(d));
        measure(report, d -> new QuestDbEngine(d, false, settings.fleetMeters() + 1));
        for (String q : new String[] {"day.p99Ms", "monthToDateEnergy.p99Ms", "fleetHourly.p99Ms"}) {
            report.ratio("ratio." + q + ".gridpulseVsQuestdb", "gridpulse." + q, "questdb-nosync." + q);
        }
        retention(report);
    }

    /**
     * Does trimming old data slow down reading new data? (GridPulse only.) A fleet with three days of
     * 5 min readings, sealed as a live server would have; a day view (raw readings and minute
     * rollups of the last day, over the fleet's meters in turn) timed before any retention pass and
     * after {@link #RETENTION_PASSES} hourly passes under a two-day policy, which never reaches the
     * day read. The ratio should stay near 1: it did not while every pass wrote range tombstones
     * for every meter.
     */
    private void retention(StoreBenchReport report) {
        int meters = settings.retentionMeters();
        if (meters <= 0) {
            return;
        }
        try (GridPulseEngine engine = new GridPulseEngine(settings.dir().resolve("retention-" + System.nanoTime()))) {
            engine.register(meters);
            int hours = RETENTION_DAYS * 24;
            for (int hour = 0; hour < hours; hour++) {
                engine.appendFleetRun(meters, hour * 3_600L, 12, 300);
                if (hour % 12 == 0) {
                    progress.accept("retention run: loaded hour " + hour + "/" + hours);
                }
            }
            engine.sealDueNow();
            long lastDay = (RETENTION_DAYS - 1) * 86_400L;
            int[] next = {0};
            Runnable dayView = () -> engine.queryDayWithMinutes(next[0]++ % meters, lastDay);
            report.put("gridpulse.retention.meters", meters);
            report.put("gridpulse.retention.dayView.points", engine.queryDayWithMinutes(0, lastDay));
            time(report, "gridpulse.retention.dayView.beforePasses", dayView);
            engine.store().retention().set(new TenantId(FleetData.TENANT), new Retention(2, 2));
            long firstPass = engine.retentionPassNanos(hours * 3_600L + 3_600L); // deletes the first day
            long slowestLaterPass = 0;
            for (int pass = 2; pass <= RETENTION_PASSES; pass++) {
                slowestLaterPass = Math.max(slowestLaterPass, engine.retentionPassNanos(hours * 3_600L + pass * 3_600L));
            }
            report.put("gridpulse.retention.passes", RETENTION_PASSES);
            report.put("gridpulse.retention.firstPassSeconds", StoreBenchReport.round(firstPass / 1e9));
            report.put("gridpulse.retention.slowestLaterPassSeconds", StoreBenchReport.round(slowestLaterPass / 1e9));
            time(report, "gridpulse.retention.dayView.afterPasses", dayView);
            report.ratio("ratio.retention.dayView.p50Ms.afterVsBeforePasses",
                    "gridpulse.retention.dayView.afterPasses.p50Ms", "gridpulse.retention.dayView.beforePasses.p50Ms");
        }
        progress.accept("retention run done");
    }

    private void measure(StoreBenchReport report, Function<Path, Engine> open) {
        int queryMeter = settings.fleetMeters();
        int fleet = settings.fleetMeters() + 1;
        try (Engine engine = open.apply(settings.dir().resolve("query-" + System.nanoTime()))) {
            load(engine);
            long lastDay = (settings.days() - 1) * 86_400L;
            String n = engine.name();
            Engine.DayRead day = engine.queryDay(queryMeter, lastDay);
            report.put(n + ".day.points", day.points());
            report.put(n + ".day.checksum", day.checksum());
            time(report, n + ".day", () -> engine.queryDay(queryMeter, lastDay));
            long toSecond = settings.days() * 86_400L;
            report.put(n + ".monthToDateEnergy.milliwattHours", engine.queryEnergyMilliwattHours(queryMeter, 0, toSecond));
            time(report, n + ".monthToDateEnergy", () -> engine.queryEnergyMilliwattHours(queryMeter, 0, toSecond));
            report.put(n + ".fleetHourly.rows", engine.queryFleetHourly(fleet, lastDay));
            time(report, n + ".fleetHourly", () -> engine.queryFleetHourly(fleet, lastDay));
            progress.accept(n + " queries done");
        }
    }

    private void load(Engine engine) {
        long lastDay = (settings.days() - 1) * 86_400L;
        engine.register(settings.fleetMeters());
        for (int minute = 0; minute < 1_440; minute++) {
            engine.appendFleetSecond(0, settings.fleetMeters(), lastDay + minute * 60L);
            if (minute % 60 == 0) {
                progress.accept(engine.name() + ": loaded fleet hour " + minute / 60 + "/24");
            }
        }
        int queryMeter = settings.fleetMeters();
        for (int day = 0; day < settings.days(); day++) {
            for (int hour = 0; hour < 24; hour++) {
                engine.appendMeterRun(queryMeter, day * 86_400L + hour * 3_600L, 3_600, 1);
            }
            progress.accept(engine.name() + ": loaded day " + (day + 1) + "/" + settings.days());
        }
        engine.bytesOnDisk(); // seal, flush and compact: queries read the final layout
    }

    /**
     * Untimed calls in parts of at least {@code partCalls} calls and {@link #MIN_PART_NANOS} until
     * the JIT compiler has settled ({@link JitWarmUp}). A fixed 10 calls left C1 and C2 compiling
     * the month-to-date path (java.time, the rollup scan) through its timed calls; on 2 cores their
     * threads took the query thread's core now and then, and a 0.1 ms query waited 1.5–4 ms in
     * the run queue: a p99 of the compiler, not of the query. A part slower than
     * {@link #MAX_PART_NANOS} (fleet hourly) ends the warm-up: the compiler's share is small there.
     */
    private static void warmUp(Runnable query, int partCalls) {
        JitWarmUp.run(2, MAX_WARM_UP_PARTS, part -> {
            long start = System.nanoTime();
            int calls = 0;
            do {
                query.run();
                calls++;
            } while (calls < partCalls || System.nanoTime() - start < MIN_PART_NANOS);
            return System.nanoTime() - start < MAX_PART_NANOS;
        });
    }

    private void time(StoreBenchReport report, String name, Runnable query) {
        int reps = settings.repetitions();
        warmUp(query, Math.max(5, reps / 10));
        Latencies latencies = new Latencies(reps);
        QuerySampleTrace trace = QuerySampleTrace.ON ? new QuerySampleTrace(name, reps) : null;
        long w0 = System.nanoTime();
        if (trace != null) {
            trace.windowStart();
            w0 = System.nanoTime();
        }
        for (int i = 0; i < reps; i++) {
            if (trace != null) {
                trace.before(i);
            }
            long t0 = System.nanoTime();
            query.run();
            long elapsed = System.nanoTime() - t0;
            latencies.add(elapsed);
            if (trace != null) {
                trace.after(i, t0, elapsed);
            }
        }
        if (trace != null) {
            trace.windowEnd(System.nanoTime() - w0);
            trace.print();
        }
        report.put(name + ".p50Ms", StoreBenchReport.round(latencies.percentileMs(50)));
        report.put(name + ".p99Ms", StoreBenchReport.round(latencies.percentileMs(99)));
        report.put(name + ".maxMs", StoreBenchReport.round(latencies.percentileMs(100)));
    }
}
