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
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
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
    private final RetentionPolicies retention;
    private final Map<Long, MeterState> states = new ConcurrentHashMap<>();
    /**
     * Each sealed hour leaves a range tombstone in the head's memtable, and every new iterator
     * pays for all of them: with many meters, flush the head that often during a sealing pass.
     */
    private static final int SEALS_PER_HEAD_FLUSH = 1_000;

    /**
     * Per-meter write lock, the newest stored reading (loaded lazily) and, per rollup level, the
     * row this store wrote last: appends in time order update that row again and skip reading it.
     */
    private static final class MeterState {
        final ReentrantLock lock = new ReentrantLock();
        boolean loaded;
        Reading last;
        final Rollup[] lastRows = new Rollup[RollupLevel.values().length];

        /** After a deletion: reload the newest reading, forget cached rows (they may be gone). */
        void forget() {
            loaded = false;
            last = null;
            Arrays.fill(lastRows, null);
        }
    }

    private ReadingStore(StorageConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.db = new RocksDatabase(config.dataDir());
        this.series = new SeriesAccess(db);
        this.metadata = new Metadata(db);
        this.registry = new MeterRegistry(metadata, clock);
        this.retention = new RetentionPolicies(metadata, this, clock);
        db.onReopen(states::clear); // no write runs during a reopen: per-meter state reloads lazily
    }

    public static ReadingStore open(StorageConfig config, Clock clock) {
        return new ReadingStore(config, clock);
    }

    public MeterRegistry meters() {
        return registry;
    }

    /** Per-tenant retention settings and the pass that applies them. */
    public RetentionPolicies retention() {
        return retention;
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
        return appendAll(Map.of(meter, batch)).get(meter);
    }

    /**
     * Stores readings of several meters in one atomic, fsync'd write (e.g. a gateway's whole
     * fleet for one second): one WAL record and one fsync for all of them. Same rules per meter
     * as {@link #append}; returns each meter's result.
     */
    public Map<MeterRef, AppendResult> appendAll(Map<MeterRef, List<Reading>> batches) {
        return db.useForWrite(() -> appendAllOpen(batches));
    }

    private Map<MeterRef, AppendResult> appendAllOpen(Map<MeterRef, List<Reading>> batches) {
        TreeMap<Long, MeterRef> byKey = new TreeMap<>();
        batches.keySet().forEach(m -> byKey.put(registry.require(m).key(), m));
        List<MeterState> locked = new ArrayList<>(byKey.size());
        try {
            for (long key : byKey.keySet()) { // key order: no deadlock between multi-meter writes
                MeterState state = states.computeIfAbsent(key, k -> new MeterState());
                state.lock.lock();
                locked.add(state);
            }
            return appendLocked(byKey, locked, batches);
        } finally {
            locked.forEach(state -> state.lock.unlock());
        }
    }

    private Map<MeterRef, AppendResult> appendLocked(TreeMap<Long, MeterRef> byKey, List<MeterState> states,
            Map<MeterRef, List<Reading>> batches) {
        Map<MeterRef, AppendResult> results = new HashMap<>();
        List<Runnable> afterWrite = new ArrayList<>();
        try (WriteBatch batch = new WriteBatch()) {
            int i = 0;
            for (var entry : byKey.entrySet()) {
                MeterState state = states.get(i++);
                List<Reading> given = batches.get(entry.getValue());
                List<Reading> fresh = prepare(entry.getKey(), state, given, batch, afterWrite);
                results.put(entry.getValue(), new AppendResult(List.copyOf(fresh), given.size() - fresh.size()));
            }
            if (!afterWrite.isEmpty()) {
                db.write(batch);
            }
        } catch (RocksDBException e) {
            throw new StorageException("cannot build write batch: " + e.getMessage(), false, e);
        }
        afterWrite.forEach(Runnable::run);
        return results;
    }

    /** Adds one meter's new readings and rollup changes to the batch; returns the new readings. */
    private List<Reading> prepare(long key, MeterState state, List<Reading> given, WriteBatch batch,
            List<Runnable> afterWrite) throws RocksDBException {
        if (!state.loaded) {
            state.last = series.last(key);
            state.loaded = true;
        }
        List<Reading> sorted = new ArrayList<>(given);
        sorted.sort(Comparator.comparingLong(Reading::timestampMs));
        List<Reading> fresh = freshReadings(key, state, sorted);
        if (!fresh.isEmpty()) {
            putReadings(key, fresh, batch);
            Rollup[] written = putRollups(key, state, rollupDeltas(key, state, fresh), batch);
            Reading newest = fresh.get(fresh.size() - 1);
            afterWrite.add(() -> {
                advanceLast(state, newest);
                rememberRows(state, written);
            });
        }
        return fresh;
    }

    /** Puts the changed rollup rows; returns, per level, the latest row written (or null). */
    private Rollup[] putRollups(long key, MeterState state, RollupDeltas deltas, WriteBatch batch)
            throws RocksDBException {
        Rollup[] written = new Rollup[state.lastRows.length];
        for (var e : deltas.all().entrySet()) {
            RollupDeltas.Bucket b = e.getKey();
            byte[] rowKey = Keys.rollup(key, b.level().id(), b.startMs());
            Rollup after = e.getValue().applyTo(currentRow(key, state, b, rowKey));
            batch.put(db.rollups, rowKey, RollupRows.encode(after));
            int level = b.level().ordinal();
            if (written[level] == null || after.bucketStartMs() > written[level].bucketStartMs()) {
                written[level] = after;
            }
        }
        return written;
    }

    private Rollup currentRow(long key, MeterState state, RollupDeltas.Bucket b, byte[] rowKey) {
        Rollup cached = state.lastRows[b.level().ordinal()];
        if (cached != null && cached.bucketStartMs() == b.startMs()) {
            return cached;
        }
        byte[] current = db.get(db.rollups, rowKey);
        return current == null ? Rollup.empty(b.startMs()) : RollupRows.decode(b.startMs(), current);
    }

    /** Called only after the write is durable, so the cache never holds a row that was not stored. */
    private static void rememberRows(MeterState state, Rollup[] written) {
        for (int level = 0; level < written.length; level++) {
            if (written[level] != null) {
                state.lastRows[level] = written[level];
            }
        }
    }

    private static void advanceLast(MeterState state, Reading newest) {
        if (state.last == null || newest.timestampMs() > state.last.timestampMs()) {
            state.last = newest;
        }
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
        long key = registry.require(meter).key();
        return db.use(() -> series.range(key, fromMs, toMs));
    }

    /** The newest reading of a meter, or null. */
    public Reading latest(MeterRef meter) {
        long key = registry.require(meter).key();
        return db.use(() -> series.last(key));
    }

    /** Rollup rows of one level with fromMs ≤ bucket start < toMs; empty buckets are absent. */
    public List<Rollup> rollups(MeterRef meter, RollupLevel level, long fromMs, long toMs) {
        long key = registry.require(meter).key();
        return db.use(() -> rollupRows(key, level, fromMs, toMs));
    }

    private List<Rollup> rollupRows(long key, RollupLevel level, long fromMs, long toMs) {
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
        return db.useForWrite(this::sealDueHoursOpen);
    }

    private long sealDueHoursOpen() {
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
        for (int i = 0; i < due.size(); i++) {
            sealed += sealHour(due.get(i)[0], due.get(i)[1]);
            if ((i + 1) % SEALS_PER_HEAD_FLUSH == 0) {
                db.flush(db.head);
            }
        }
        if (due.size() >= SEALS_PER_HEAD_FLUSH) {
            db.flush(db.head);
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

    /**
     * Deletes a meter's readings older than {@code readingsBeforeMs} and its 1 min / 15 min rollup
     * rows older than {@code fineRollupsBeforeMs} ({@link Long#MIN_VALUE}: keep). Hourly rollups
     * stay, so energy history and bills of the deleted period remain. Sealed hours go whole: a
     * chunk is deleted once its hour has fully passed the cutoff.
     */
    public void deleteBefore(MeterRef meter, long readingsBeforeMs, long fineRollupsBeforeMs) {
        long key = registry.require(meter).key();
        db.useForWrite(() -> {
            MeterState state = states.computeIfAbsent(key, k -> new MeterState());
            state.lock.lock();
            try (WriteBatch batch = new WriteBatch()) {
                if (readingsBeforeMs != Long.MIN_VALUE) {
                    long wholeHours = SeriesAccess.chunkStart(readingsBeforeMs);
                    batch.deleteRange(db.chunks, Keys.meterTime(key, 0), Keys.meterTime(key, wholeHours));
                    batch.deleteRange(db.head, Keys.meterTime(key, 0), Keys.meterTime(key, wholeHours));
                }
                if (fineRollupsBeforeMs != Long.MIN_VALUE) {
                    for (RollupLevel level : List.of(RollupLevel.MINUTE, RollupLevel.FIFTEEN_MINUTES)) {
                        batch.deleteRange(db.rollups, Keys.rollup(key, level.id(), 0),
                                Keys.rollup(key, level.id(), level.bucketStart(fineRollupsBeforeMs)));
                    }
                }
                db.write(batch);
                state.forget();
            } catch (RocksDBException e) {
                throw new StorageException("cannot apply retention: " + e.getMessage(), false, e);
            } finally {
                state.lock.unlock();
            }
            return null;
        });
    }

    /**
     * Damage that RocksDB met and stepped over while replaying its write-ahead log at open (e.g.
     * a torn last record after power loss: the store reopened at the last intact write). Empty
     * after a clean shutdown or an ordinary crash.
     */
    public List<String> recoveryWarnings() {
        return db.recoveryWarnings();
    }

    /** Flushes memtables (for on-disk size measurements and tests). */
    public void flush() {
        db.use(() -> {
            db.flush();
            return null;
        });
    }

    /** Flushes and fully compacts the files (for on-disk size measurements). */
    public void compact() {
        db.use(() -> {
            db.flush();
            db.compact();
            return null;
        });
    }

    @Override
    public void close() {
        db.close();
    }
}
