package io.gridpulse.store;

import io.gridpulse.core.MeterRef;
import io.gridpulse.core.Reading;
import io.gridpulse.core.Rollup;
import io.gridpulse.core.StorageException;
import io.gridpulse.store.internal.Keys;
import io.gridpulse.store.internal.RocksDatabase;
import io.gridpulse.store.internal.RollupDeltas;
import io.gridpulse.store.internal.RollupRows;
import io.gridpulse.store.internal.SeriesAccess;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;

/**
 * GridPulse's embedded time-series store. Readings of the last hours live in the head (one
 * record each); older hours are sealed into compressed chunks. Rollups (1 min, 15 min, 1 h) are
 * updated in the same atomic, fsync'd write as the readings, so after a crash readings and
 * rollups always agree. Writes are idempotent on (meter, timestamp).
 *
 * <p>Thread-safe: writes to one meter are serialised; different meters proceed in parallel and
 * share fsyncs. See {@code store/README.md} for the on-disk layout.
 */
public final class ReadingStore implements AutoCloseable {
    private final StorageConfig config;
    private final Clock clock;
    private final RocksDatabase db;
    private final SeriesAccess series;
    private final Metadata metadata;
    private final MeterRegistry registry;
    private final Map<Long, MeterState> states = new ConcurrentHashMap<>();

    /** Per-meter write lock and the newest stored reading (loaded lazily). */
    private static final class MeterState {
        final ReentrantLock lock = new ReentrantLock();
        boolean loaded;
        Reading last;
    }

    private ReadingStore(StorageConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.db = new RocksDatabase(config.dataDir());
        this.series = new SeriesAccess(db);
        this.metadata = new Metadata(db);
        this.registry = new MeterRegistry(metadata, clock);
    }

    public static ReadingStore open(StorageConfig config, Clock clock) {
        return new ReadingStore(config, clock);
    }

    public MeterRegistry meters() {
        return registry;
    }

    public Metadata metadata() {
        return metadata;
    }

    public StorageConfig config() {
        return config;
    }

    /**
     * Stores the readings durably; returns only after they are fsync'd. Readings whose
     * (meter, timestamp) is already stored — or repeated within the batch — count as duplicates.
     * The meter must be registered ({@link MeterRegistry#ensure}).
     */
    public AppendResult append(MeterRef meter, List<Reading> batch) {
        long key = registry.require(meter).key();
        MeterState state = states.computeIfAbsent(key, k -> new MeterState());
        state.lock.lock();
        try {
            List<Reading> fresh = fresh(key, state, batch);
            if (!fresh.isEmpty()) {
                write(key, state, fresh);
            }
            return new AppendResult(List.copyOf(fresh), batch.size() - fresh.size());
        } finally {
            state.lock.unlock();
        }
    }

    /**
     * Stores several meters' batches with one durable write (one fsync) — what a fleet ingest
     * needs, where each message carries one meter's second. Per meter the result is as {@link
     * #append}; all batches are written atomically or none (on {@link StorageException}). Meters
     * must be registered. Locks the meters in key order, so concurrent calls cannot deadlock.
     */
    public Map<MeterRef, AppendResult> appendAll(Map<MeterRef, List<Reading>> batches) {
        TreeMap<Long, MeterRef> byKey = new TreeMap<>();
        batches.keySet().forEach(m -> byKey.put(registry.require(m).key(), m));
        List<MeterState> locked = new ArrayList<>(byKey.size());
        try {
            for (long key : byKey.keySet()) {
                MeterState state = states.computeIfAbsent(key, k -> new MeterState());
                state.lock.lock();
                locked.add(state);
            }
            return appendLocked(byKey, locked, batches);
        } finally {
            locked.forEach(st -> st.lock.unlock());
        }
    }

    private Map<MeterRef, AppendResult> appendLocked(TreeMap<Long, MeterRef> byKey, List<MeterState> states,
            Map<MeterRef, List<Reading>> batches) {
        Map<MeterRef, AppendResult> results = new LinkedHashMap<>();
        Map<MeterState, List<Reading>> written = new IdentityHashMap<>();
        try (WriteBatch batch = new WriteBatch()) {
            int i = 0;
            for (var e : byKey.entrySet()) {
                MeterState state = states.get(i++);
                List<Reading> given = batches.get(e.getValue());
                List<Reading> fresh = fresh(e.getKey(), state, given);
                if (!fresh.isEmpty()) {
                    stage(e.getKey(), state, fresh, batch);
                    written.put(state, fresh);
                }
                results.put(e.getValue(), new AppendResult(List.copyOf(fresh), given.size() - fresh.size()));
            }
            if (!written.isEmpty()) {
                db.write(batch);
            }
        } catch (RocksDBException e) {
            throw new StorageException("cannot build write batch: " + e.getMessage(), false, e);
        }
        written.forEach(ReadingStore::advance);
        return results;
    }

    private List<Reading> fresh(long key, MeterState state, List<Reading> batch) {
        if (!state.loaded) {
            state.last = series.last(key);
            state.loaded = true;
        }
        List<Reading> sorted = new ArrayList<>(batch);
        sorted.sort(Comparator.comparingLong(Reading::timestampMs));
        return freshReadings(key, state, sorted);
    }

    private List<Reading> freshReadings(long key, MeterState state, List<Reading> sorted) {
        List<Reading> fresh = new ArrayList<>(sorted.size());
        long previousTs = Long.MIN_VALUE;
        for (Reading r : sorted) {
            boolean repeatInBatch = r.timestampMs() == previousTs;
            previousTs = r.timestampMs();
            if (repeatInBatch) {
                continue;
            }
            boolean newest = state.last == null || r.timestampMs() > state.last.timestampMs();
            if (newest || !series.exists(key, r.timestampMs())) {
                fresh.add(r);
            }
        }
        return fresh;
    }

    private void write(long key, MeterState state, List<Reading> fresh) {
        try (WriteBatch batch = new WriteBatch()) {
            stage(key, state, fresh, batch);
            db.write(batch);
        } catch (RocksDBException e) {
            throw new StorageException("cannot build write batch: " + e.getMessage(), false, e);
        }
        advance(state, fresh);
    }

    /** Adds the readings and their rollup changes to the batch; the meter's lock is held. */
    private void stage(long key, MeterState state, List<Reading> fresh, WriteBatch batch) throws RocksDBException {
        RollupDeltas deltas = rollupDeltas(key, state, fresh);
        putReadings(key, fresh, batch);
        for (var e : deltas.all().entrySet()) {
            RollupDeltas.Bucket b = e.getKey();
            byte[] rowKey = Keys.rollup(key, b.level().id(), b.startMs());
            byte[] current = db.get(db.rollups, rowKey);
            Rollup before = current == null ? Rollup.empty(b.startMs()) : RollupRows.decode(b.startMs(), current);
            batch.put(db.rollups, rowKey, RollupRows.encode(e.getValue().applyTo(before)));
        }
    }

    /** After the write: remember the newest reading. */
    private static void advance(MeterState state, List<Reading> fresh) {
        Reading newest = fresh.get(fresh.size() - 1);
        if (state.last == null || newest.timestampMs() > state.last.timestampMs()) {
            state.last = newest;
        }
    }

    /**
     * Rollup changes for the new readings. An append after the newest reading only adds
     * intervals; a late reading splits an existing interval, whose old energy is subtracted.
     */
    private RollupDeltas rollupDeltas(long key, MeterState state, List<Reading> fresh) {
        RollupDeltas deltas = new RollupDeltas(config.gapLimitMs(), config.registerGapLimitMs());
        fresh.forEach(deltas::addSample);
        Reading first = fresh.get(0);
        if (state.last == null || first.timestampMs() > state.last.timestampMs()) {
            addIntervals(deltas, state.last, fresh, +1);
            return deltas;
        }
        Reading before = series.previous(key, first.timestampMs());
        Reading after = series.next(key, fresh.get(fresh.size() - 1).timestampMs());
        long from = before == null ? first.timestampMs() : before.timestampMs();
        long to = after == null ? Long.MAX_VALUE : after.timestampMs() + 1;
        List<Reading> existing = series.range(key, from, to);
        addIntervals(deltas, null, existing, -1);
        addIntervals(deltas, null, SeriesAccess.merge(existing, fresh), +1);
        return deltas;
    }

    private static void addIntervals(RollupDeltas deltas, Reading start, List<Reading> readings, int sign) {
        Reading previous = start;
        for (Reading r : readings) {
            if (previous != null) {
                deltas.interval(previous, r, sign);
            }
            previous = r;
        }
    }

    /** Hours that ended long enough ago go straight into chunks; the rest into the head. */
    private void putReadings(long key, List<Reading> fresh, WriteBatch batch) throws RocksDBException {
        TreeMap<Long, List<Reading>> sealedHours = new TreeMap<>();
        long sealBefore = sealHorizon();
        for (Reading r : fresh) {
            if (r.timestampMs() < sealBefore) {
                sealedHours.computeIfAbsent(SeriesAccess.chunkStart(r.timestampMs()), h -> new ArrayList<>()).add(r);
            } else {
                batch.put(db.head, Keys.meterTime(key, r.timestampMs()),
                        RollupRows.reading(r.powerMilliwatts(), r.energyMilliwattHours()));
            }
        }
        for (var hour : sealedHours.entrySet()) {
            List<Reading> merged = SeriesAccess.merge(series.chunk(key, hour.getKey()), hour.getValue());
            batch.put(db.chunks, Keys.meterTime(key, hour.getKey()), SeriesAccess.encode(merged));
        }
    }

    /** Readings before this instant belong to sealed hours. */
    private long sealHorizon() {
        return SeriesAccess.chunkStart(clock.millis() - config.sealDelayMs());
    }

    /** Readings of a meter with fromMs ≤ ts < toMs, in time order. */
    public List<Reading> readRaw(MeterRef meter, long fromMs, long toMs) {
        return series.range(registry.require(meter).key(), fromMs, toMs);
    }

    /** The newest reading of a meter, or null. */
    public Reading latest(MeterRef meter) {
        return series.last(registry.require(meter).key());
    }

    /** Rollup rows of one level with fromMs ≤ bucket start < toMs; empty buckets are absent. */
    public List<Rollup> rollups(MeterRef meter, RollupLevel level, long fromMs, long toMs) {
        long key = registry.require(meter).key();
        List<Rollup> out = new ArrayList<>();
        try (RocksIterator it = db.iterator(db.rollups)) {
            for (it.seek(Keys.rollup(key, level.id(), level.bucketStart(fromMs))); it.isValid(); it.next()) {
                byte[] k = it.key();
                long start = Keys.rollupTimeOf(k);
                if (Keys.meterOf(k) != key || Keys.rollupLevelOf(k) != level.id() || start >= toMs) {
                    break;
                }
                if (start >= fromMs) {
                    out.add(RollupRows.decode(start, it.value()));
                }
            }
        }
        return out;
    }

    /**
     * Moves head readings of hours that are now old enough into compressed chunks. Returns the
     * number of readings sealed. Called periodically; safe to run concurrently with writes.
     */
    public long sealDueHours() {
        long horizon = sealHorizon();
        List<long[]> due = new ArrayList<>(); // {meterKey, hourStart}
        try (RocksIterator it = db.iterator(db.head)) {
            it.seekToFirst();
            while (it.isValid()) {
                long meterKey = Keys.meterOf(it.key());
                long ts = Keys.timeOf(it.key());
                if (ts < horizon) {
                    long hour = SeriesAccess.chunkStart(ts);
                    due.add(new long[] {meterKey, hour});
                    it.seek(Keys.meterTime(meterKey, hour + SeriesAccess.CHUNK_MS));
                } else {
                    it.seek(Keys.meterTime(meterKey + 1, 0));
                }
            }
        }
        long sealed = 0;
        for (long[] d : due) {
            sealed += sealHour(d[0], d[1]);
        }
        return sealed;
    }

    private long sealHour(long meterKey, long hourStart) {
        MeterState state = states.computeIfAbsent(meterKey, k -> new MeterState());
        state.lock.lock();
        try {
            long hourEnd = hourStart + SeriesAccess.CHUNK_MS;
            List<Reading> head = new ArrayList<>();
            try (RocksIterator it = db.iterator(db.head)) {
                for (it.seek(Keys.meterTime(meterKey, hourStart)); it.isValid(); it.next()) {
                    if (Keys.meterOf(it.key()) != meterKey || Keys.timeOf(it.key()) >= hourEnd) {
                        break;
                    }
                    head.add(SeriesAccess.headReading(it.key(), it.value()));
                }
            }
            if (head.isEmpty()) {
                return 0;
            }
            List<Reading> merged = SeriesAccess.merge(series.chunk(meterKey, hourStart), head);
            try (WriteBatch batch = new WriteBatch()) {
                batch.put(db.chunks, Keys.meterTime(meterKey, hourStart), SeriesAccess.encode(merged));
                batch.deleteRange(db.head, Keys.meterTime(meterKey, hourStart), Keys.meterTime(meterKey, hourEnd));
                db.write(batch);
            } catch (RocksDBException e) {
                throw new StorageException("cannot seal hour: " + e.getMessage(), false, e);
            }
            return head.size();
        } finally {
            state.lock.unlock();
        }
    }

    /** Flushes memtables (for on-disk size measurements and tests). */
    public void flush() {
        db.flush();
    }

    @Override
    public void close() {
        db.close();
    }
}
