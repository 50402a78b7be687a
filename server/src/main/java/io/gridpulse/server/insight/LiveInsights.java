package io.gridpulse.server.insight;

import io.gridpulse.analytics.series.MinuteAverage;
import io.gridpulse.analytics.series.MinuteSeries;
import io.gridpulse.core.MeterRef;
import io.gridpulse.core.Reading;
import io.gridpulse.server.live.LiveHub;
import io.gridpulse.server.meter.MeterSettings;
import io.gridpulse.server.nilm.NilmModels;
import io.gridpulse.store.MeterRecord;
import io.gridpulse.store.ReadingStore;
import io.gridpulse.store.RollupLevel;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps insight results current as data arrives: every stored batch is handed (off the ingest
 * thread) to its meter's {@link MeterInsights}, whose processors are the ones a Kafka deployment
 * would run. New anomalies go to live subscribers ({@code /live}, SSE {@code alert}) and the
 * tenant's webhook when they are news: found in a batch whose newest reading is at most
 * {@link #NEWS_WINDOW_MS} old. Older batches (a backfill, an import, a meter's upload of last
 * month) update the same state and the {@code /anomalies} answer, but push nothing: a household
 * should not be woken by last month's spikes.
 *
 * <p>Memory is bounded: at most {@code maxMeters} meters keep state (least recently fed or read
 * are dropped), and at most {@link #QUEUE_BATCHES} batches / {@link #QUEUE_READINGS} readings
 * wait; a batch that does not fit drops its meter's state instead of blocking ingest (a fast
 * backfill thus costs one rebuild per meter, not a growing queue). A meter without state is
 * rebuilt from the last {@link #HISTORY_DAYS} days of 1-minute rollups on its next batch; until
 * then the insight routes compute from rollups as before. When more meters report than states
 * are kept, at most {@code maxMeters} states a minute are displaced (see {@link #placeForNewMeter}).
 *
 * <p>The batches of one durable write (a gateway's post of many meters) are queued as one task.
 */
public final class LiveInsights implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LiveInsights.class);
    static final int QUEUE_BATCHES = 10_000;
    static final long QUEUE_READINGS = 1_000_000;
    static final int HISTORY_DAYS = 62;
    private static final long DAY_MS = 86_400_000L;
    private static final long NILM_RECHECK_MS = 5 * 60_000L;
    /**
     * How old a batch's newest reading may be for its events to be pushed. An hour: a usage-high
     * event is raised only when its hour has ended, and a gateway may upload a buffered hour.
     */
    static final long NEWS_WINDOW_MS = 3_600_000L;

    private final ReadingStore store;
    private final LiveHub live;
    private final NilmModels models;
    private final Clock clock;
    private final Map<MeterRef, MeterInsights> meters;
    private final Map<MeterRef, Long> nilmCheckedMs = new ConcurrentHashMap<>();
    private final ThreadPoolExecutor worker;
    private final LongAdder droppedBatches = new LongAdder();
    private final LongAdder unplacedBatches = new LongAdder();
    private final LongAdder historyEvents = new LongAdder();
    private final int maxMeters;
    // displacements of the clock minute evictionMinute; used by the worker thread only
    private long evictionMinute = Long.MIN_VALUE;
    private int evictionsThisMinute;
    private final AtomicLong queuedReadings = new AtomicLong();
    private final long queueReadings;
    /** Bumped when a meter's batch is dropped: batches queued before that must not be applied. */
    private final Map<MeterRef, Integer> generations = new ConcurrentHashMap<>();

    public LiveInsights(ReadingStore store, LiveHub live, NilmModels models, Clock clock, int maxMeters) {
        this(store, live, models, clock, maxMeters, QUEUE_READINGS);
    }

    LiveInsights(ReadingStore store, LiveHub live, NilmModels models, Clock clock, int maxMeters, long queueReadings) {
        this.queueReadings = queueReadings;
        this.maxMeters = maxMeters;
        this.store = store;
        this.live = live;
        this.models = models;
        this.clock = clock;
        models.onSaved(this::modelSaved);
        this.meters = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<MeterRef, MeterInsights> eldest) {
                return size() > maxMeters;
            }
        });
        this.worker = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(QUEUE_BATCHES),
                r -> {
                    Thread t = new Thread(r, "gridpulse-insights");
                    t.setDaemon(true);
                    t.setPriority(Thread.NORM_PRIORITY - 1);
                    return t;
                });
    }

    /** A batch was stored: queue it for the meter's processors, never blocking. */
    public void stored(MeterRef meter, List<Reading> readings) {
        stored(Map.of(meter, readings));
    }

    /**
     * One durable write's batches by meter (pipeline listener): queued as one task, never
     * blocking. A gateway's post of 1,000 meters is thus one task, not 1,000.
     */
    public void stored(Map<MeterRef, List<Reading>> readingsByMeter) {
        List<Batch> batches = new ArrayList<>(readingsByMeter.size());
        long readings = 0;
        for (Map.Entry<MeterRef, List<Reading>> e : readingsByMeter.entrySet()) {
            if (!e.getValue().isEmpty()) {
                batches.add(new Batch(e.getKey(), e.getValue(), generations.getOrDefault(e.getKey(), 0)));
                readings += e.getValue().size();
            }
        }
        if (batches.isEmpty()) {
            return;
        }
        long queued = readings;
        // A full queue is checked first: under overload every meter of a gateway batch would
        // otherwise cost a RejectedExecutionException with its stack trace (seen in profiles).
        if (queuedReadings.addAndGet(queued) > queueReadings || worker.getQueue().remainingCapacity() == 0) {
            queuedReadings.addAndGet(-queued);
            batches.forEach(b -> drop(b.meter()));
            return;
        }
        try {
            worker.execute(() -> {
                try {
                    batches.forEach(this::applyIfCurrent);
                } finally {
                    queuedReadings.addAndGet(-queued);
                }
            });
        } catch (RejectedExecutionException e) {
            queuedReadings.addAndGet(-queued);
            batches.forEach(b -> drop(b.meter()));
        }
    }

    /** One meter's stored readings, and its generation when they were queued. */
    private record Batch(MeterRef meter, List<Reading> readings, int generation) {}

    private void applyIfCurrent(Batch batch) {
        if (generations.getOrDefault(batch.meter(), 0) != batch.generation()) {
            return;
        }
        try {
            apply(batch.meter(), batch.readings());
        } catch (RuntimeException e) { // one meter's failure must not cost the other meters of its write
            LOG.warn("live insights of {} dropped after an error; rebuilt on its next batch", batch.meter(), e);
            meters.remove(batch.meter());
        }
    }

    /**
     * Its state would miss this batch: forget it and skip the batches already queued; the next
     * batch rebuilds it from the store, which holds the dropped one.
     */
    private void drop(MeterRef meter) {
        droppedBatches.increment();
        generations.merge(meter, 1, Integer::sum);
        meters.remove(meter);
    }

    /** The meter's live state, if it has one for the meter's current time zone. */
    public Optional<MeterInsights> current(MeterRecord meter) {
        MeterInsights s = meters.get(meter.ref());
        return s != null && s.zone().equals(zoneOf(meter)) ? Optional.of(s) : Optional.empty();
    }

    /** Meters with live state now. */
    public int meterCount() {
        return meters.size();
    }

    /** Batches that did not fit the queue (their meters were rebuilt from the store). */
    public long droppedBatches() {
        return droppedBatches.sum();
    }

    /** Batches of meters left without state because more meters report than states are kept. */
    public long unplacedBatches() {
        return unplacedBatches.sum();
    }

    /** Events found in batches too old to be news: kept in the meters' state, not pushed. */
    public long historyEvents() {
        return historyEvents.sum();
    }

    /** Waits until every queued batch has been applied (tests, orderly shutdown). */
    public boolean awaitIdle(long timeoutMs) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000;
        // Not the executor's task counts: a task the worker has taken from the queue but not yet
        // started counts neither as queued nor as active, so those said "idle" too early (a flaky
        // LiveInsightsFleetTest). The readings of a task leave this count only once it has run.
        while (queuedReadings.get() > 0) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(5);
        }
        return true;
    }

    private void apply(MeterRef ref, List<Reading> readings) {
        MeterInsights s = meters.get(ref);
        if (s == null && !placeForNewMeter()) { // checked first: it is most batches of a fleet beyond the limit
            unplacedBatches.increment();
            return;
        }
        Optional<MeterRecord> record = store.meters().find(ref);
        if (record.isEmpty()) {
            return;
        }
        ZoneId zone = zoneOf(record.get());
        if (s == null || !s.zone().equals(zone)) {
            s = warm(ref, zone, readings.get(0).timestampMs());
            meters.put(ref, s);
        }
        attachNilm(ref, s);
        boolean news = clock.millis() - newestMs(readings) <= NEWS_WINDOW_MS;
        if (!s.onReadings(readings, news ? live::publish : event -> historyEvents.increment())) {
            meters.remove(ref); // late data: the store merged it; rebuild on the next batch
        }
    }

    /**
     * Whether a meter without state may get one: always while fewer than {@code maxMeters} have
     * one; beyond, it displaces the least recently used meter, but at most {@code maxMeters} times
     * a clock minute. More displacements mean more meters report than states are kept, and a
     * state rebuilt for every batch (a read of 62 days of rollups) would cost more than all of
     * ingest; those meters' insights are then computed from rollups, as for meters never fed.
     */
    private boolean placeForNewMeter() {
        if (meters.size() < maxMeters) {
            return true;
        }
        long minute = Math.floorDiv(clock.millis(), 60_000L);
        if (minute != evictionMinute) {
            evictionMinute = minute;
            evictionsThisMinute = 0;
        }
        if (evictionsThisMinute >= maxMeters) {
            return false;
        }
        evictionsThisMinute++;
        return true;
    }

    /** A fresh state that has seen the stored minutes before {@code firstReadingMs}'s minute. */
    private MeterInsights warm(MeterRef ref, ZoneId zone, long firstReadingMs) {
        long to = Math.floorDiv(firstReadingMs, MinuteAverage.MINUTE_MS) * MinuteAverage.MINUTE_MS;
        List<MinuteAverage> history = MinuteSeries.fromMinuteRollups(
                store.rollups(ref, RollupLevel.MINUTE, to - HISTORY_DAYS * DAY_MS, to));
        return new MeterInsights(ref, zone, store.config().gapLimitMs(), history);
    }

    /** A new model for the meter: its next batch starts a NILM processor with it. */
    private void modelSaved(MeterRef ref) {
        nilmCheckedMs.remove(ref);
        MeterInsights s = meters.get(ref);
        if (s != null) {
            s.dropNilm();
        }
    }

    private void attachNilm(MeterRef ref, MeterInsights s) {
        if (s.hasNilm()) {
            return;
        }
        long now = clock.millis();
        Long checked = nilmCheckedMs.get(ref);
        if (checked != null && now - checked < NILM_RECHECK_MS) {
            return;
        }
        nilmCheckedMs.put(ref, now);
        if (nilmCheckedMs.size() > 4 * meters.size() + 1_000) {
            nilmCheckedMs.clear(); // bounded: forgetting only means checking for a model again
        }
        try {
            models.find(ref).ifPresent(model -> s.useNilm(ref, model));
        } catch (RuntimeException e) {
            // an unreadable model file: /appliances reports it; insights go on without NILM
        }
    }

    private static long newestMs(List<Reading> readings) {
        long newest = Long.MIN_VALUE;
        for (Reading r : readings) {
            newest = Math.max(newest, r.timestampMs());
        }
        return newest;
    }

    private static ZoneId zoneOf(MeterRecord m) {
        return MeterSettings.fromMap(m.settings()).zone();
    }

    @Override
    public void close() {
        worker.shutdownNow();
        try { // the store closes right after the server: let a running batch finish first
            if (!worker.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("live insights still busy after 10 s; closing anyway");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
