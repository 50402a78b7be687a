package io.gridpulse.store;

import io.gridpulse.core.MeterRef;
import io.gridpulse.core.Reading;
import io.gridpulse.core.Rollup;
import io.gridpulse.core.StorageException;
import io.gridpulse.store.internal.HeadBlock;
import io.gridpulse.store.internal.HourRollupsMove;
import io.gridpulse.store.internal.IntervalEnergy;
import io.gridpulse.store.internal.Keys;
import io.gridpulse.store.internal.MeterState;
import io.gridpulse.store.internal.MeterStates;
import io.gridpulse.store.internal.MinuteDays;
import io.gridpulse.store.internal.OpenRollups;
import io.gridpulse.store.internal.OpenRowExtension;
import io.gridpulse.store.internal.PendingLog;
import io.gridpulse.store.internal.PendingBlock;
import io.gridpulse.store.internal.PendingBlocks;
import io.gridpulse.store.internal.RocksDatabase;
import io.gridpulse.store.internal.RollupDeltas;
import io.gridpulse.store.internal.RollupIterators;
import io.gridpulse.store.internal.RollupWriter;
import io.gridpulse.store.internal.RollupRows;
import io.gridpulse.store.internal.SeriesAccess;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GridPulse's embedded time-series store. Readings of the last hours live in the head (one
 * record per appended batch and hour); older hours are sealed into compressed chunks. Rollups
 * (1 min, 15 min, 1 h) of closed buckets are written in the same atomic, fsync'd write as the
 * readings that close them; each meter's open buckets live in memory and are recomputed from
 * the stored readings after a restart, so rollups always agree with the readings. Writes are
 * idempotent on (meter, timestamp).
 *
 * <p>Thread-safe: writes to one meter are serialised; different meters proceed in parallel and
 * share fsyncs. See {@code store/README.md} for the on-disk layout.
 */
public final class ReadingStore implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReadingStore.class);
    /** On-disk layout version, kept in the meta column family; see store/README.md. */
    static final String FORMAT = "8";
    /**
     * Older layouts are read as they are (formats 2–5 after their hourly rollup rows move to their
     * own column family, {@link HourRollupsMove}), then marked {@link #FORMAT}: 7 differs only in
     * that no past day's minute rows are folded into one value ({@link MinuteDays}); 6 also in that its pending
     * records are all in the first layout ({@link PendingLog}, still read); 5 also in that hourly
     * rows share the rollups column family; 4 also lacks codec-v8 (block
     * column) hour chunks; 3 also delta-layout head blocks (fixed-layout blocks still decode); 2
     * also the pending and days column families (created on open) and codec-v3 chunks (v2 chunks
     * still decode).
     */
    private static final Set<String> READABLE_OLDER_FORMATS = Set.of("2", "3", "4", "5", "6", "7");
    /** Formats whose hourly rollup rows share the {@code rollups} column family with the finer ones. */
    private static final Set<String> SHARED_HOURLY_ROWS_FORMATS = Set.of("2", "3", "4", "5");
    private static final String FORMAT_KEY = "store/format";
    private final StorageConfig config;
    private final Clock clock;
    private final RocksDatabase db;
    private final SeriesAccess series;
    private final Metadata metadata;
    private final MeterRegistry registry;
    private final RetentionPolicies retention;
    private final OpenRollups openRollups;
    private final RollupWriter rollupWriter;
    private final MinuteDays minuteDays;
    private final IntervalEnergy intervalEnergy;
    private final MeterStates states = new MeterStates();
    /**
     * Writes that may add pending readings hold it shared; taking a cut of them for a move holds
     * it exclusively, so the records a move deletes are exactly the readings it moves.
     */
    private final ReentrantReadWriteLock pendingGate = new ReentrantReadWriteLock();
    private final PendingBlocks pendingBlocks = new PendingBlocks();
    /** Days the last sealing pass compacted (for tests). */
    private volatile long daysCompactedLastPass;
    /** Days whose minute rows the last sealing pass folded. */
    private volatile long daysFoldedLastPass;
    /**
     * Time a sealing pass may spend compacting days before it returns (the rest wait for the next
     * passes): right after midnight UTC every meter has a day due — at 100,000 meters minutes of
     * encoding, during which hours would not be sealed. At least one day per pass.
     */
    private volatile long dayCompactionBudgetNanos = 2_000_000_000L;
    /** One move of pending readings at a time (a cut and its drop belong together). */
    private final ReentrantLock mover = new ReentrantLock();
    private final ExecutorService backgroundMover = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "gridpulse-pending-mover");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean moveQueued = new AtomicBoolean();
    /**
     * A multi-meter write of at least this many meters puts their in-order readings into one
     * pending-log record; a smaller one writes head blocks straight away.
     */
    static final int PENDING_MIN_METERS = 8;
    /** Pending readings are moved into head blocks once meters hold this many on average (a minute at 1 Hz)... */
    static final int PENDING_MOVE_PER_METER = 60;
    /** ...or once this many are pending in all (bounds memory: ≈ 36 B each in a fleet second's block)... */
    private static final long PENDING_MOVE_TOTAL = 2_000_000;
    /** ...or once there are this many blocks (a reader of one meter searches each). */
    private static final int PENDING_MOVE_BLOCKS = 4_096;
    /**
     * Each sealed hour, compacted day and folded day leaves a range tombstone in a memtable (head,
     * chunks, rollups), and every new iterator on that column family pays for all of them (RocksDB
     * fragments a memtable's tombstones per iterator): with many meters, a sealing pass flushes
     * the column family after this many, or its own iterators make it quadratic.
     */
    private static final int RANGE_DELETES_PER_FLUSH = 1_000;
    /** Retention deletes up to this many keys of a meter and column family one by one, more as a range. */
    private static final int POINT_DELETES_PER_RANGE = 64;

    private ReadingStore(StorageConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.db = new RocksDatabase(config.dataDir(), config.maxWalBytes());
        this.series = new SeriesAccess(db, key -> {
            MeterState state = states.get(key);
            return state == null ? null : pendingBlocks.of(key, state.pendingEpoch());
        });
        this.metadata = new Metadata(db);
        this.registry = new MeterRegistry(metadata, clock);
        this.retention = new RetentionPolicies(metadata, this, clock);
        this.intervalEnergy = new IntervalEnergy(config.gapLimitMs(), config.registerGapLimitMs());
        this.openRollups = new OpenRollups(series, intervalEnergy);
        this.minuteDays = new MinuteDays(db);
        this.rollupWriter = new RollupWriter(db, minuteDays);
        // No write runs during a reopen: per-meter state reloads lazily, pending records on disk
        // (a failed write's may be among them) go into head blocks first.
        db.onReopen(() -> {
            states.clear();
            pendingBlocks.clear();
            movePendingRecordsOnDisk();
        });
        movePendingRecordsOnDisk(); // after a crash: the pending log's readings, not yet in head blocks
    }

    public static ReadingStore open(StorageConfig config, Clock clock) {
        ReadingStore store = new ReadingStore(config, clock);
        try {
            store.checkFormat();
        } catch (StorageException e) {
            store.close();
            throw e;
        }
        return store;
    }

    /**
     * Marks a new folder with {@link #FORMAT}; refuses a folder written in another layout (reading
     * it would return garbage): it has meters but no marker (format 1) or a different marker.
     */
    private void checkFormat() {
        byte[] marker = metadata.get(FORMAT_KEY);
        String found = marker == null ? (registry.count() == 0 ? null : "1") : new String(marker, StandardCharsets.UTF_8);
        if (found == null || READABLE_OLDER_FORMATS.contains(found)) {
            if (found != null && SHARED_HOURLY_ROWS_FORMATS.contains(found)) {
                long moved = HourRollupsMove.run(db);
                LOG.info("store at {}: format {} → {}, {} hourly rollup rows moved", config.dataDir(), found, FORMAT, moved);
            } else if (found != null && !found.equals(FORMAT)) {
                LOG.info("store at {}: format {} → {}", config.dataDir(), found, FORMAT);
            }
            metadata.put(FORMAT_KEY, FORMAT.getBytes(StandardCharsets.UTF_8));
        } else if (!found.equals(FORMAT)) {
            throw new StorageException("the data folder " + config.dataDir() + " holds store format " + found
                    + ", this GridPulse reads format " + FORMAT + " (see store/README.md): move the folder aside"
                    + " or choose another --data, then re-import the readings", false, null);
        }
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
        return appendAll(List.of(meter), List.of(batch))[0];
    }

    /**
     * Stores readings of several meters in one atomic, fsync'd write (e.g. a gateway's whole
     * fleet for one second): one WAL record and one fsync for all of them. Same rules per meter
     * as {@link #append}; returns each meter's result.
     */
    public Map<MeterRef, AppendResult> appendAll(Map<MeterRef, List<Reading>> batches) {
        List<MeterRef> meters = new ArrayList<>(batches.size());
        List<List<Reading>> given = new ArrayList<>(batches.size());
        batches.forEach((meter, readings) -> { // one pass, no look-up per meter
            meters.add(meter);
            given.add(readings);
        });
        AppendResult[] results = appendAll(meters, given);
        Map<MeterRef, AppendResult> byMeter = HashMap.newHashMap(results.length);
        for (int i = 0; i < results.length; i++) {
            byMeter.put(meters.get(i), results[i]);
        }
        return byMeter;
    }

    /**
     * As {@link #appendAll(Map)}, for distinct meters and their batches given side by side;
     * returns the results in the same order. A gateway's post of one reading for each of 1,000
     * meters then costs no per-meter map of its own.
     */
    public AppendResult[] appendAll(List<MeterRef> meters, List<List<Reading>> batches) {
        if (meters.size() != batches.size()) {
            throw new IllegalArgumentException(meters.size() + " meters but " + batches.size() + " batches");
        }
        AppendResult[] results = db.useForWrite(() -> {
            pendingGate.readLock().lock();
            try {
                return appendAllOpen(meters, batches);
            } finally {
                pendingGate.readLock().unlock();
            }
        });
        long pending = pendingBlocks.readingsSinceCut();
        if (pending >= PENDING_MOVE_TOTAL) {
            move(false); // far behind: this writer helps (a move already running takes these too)
        } else if (pending > 0 && (pending >= PENDING_MOVE_PER_METER * (long) pendingBlocks.metersSinceCut()
                || pendingBlocks.blocksSinceCut() >= PENDING_MOVE_BLOCKS)) {
            moveInBackground();
        }
        return results;
    }

    /**
     * Starts a move on the mover thread unless one is queued or running. A gateway waits for each
     * of its writes before it sends the next; a move on its thread (tens of ms for thousands of
     * meters) would stall its whole stream while the other cores idle.
     */
    private void moveInBackground() {
        if (!moveQueued.compareAndSet(false, true)) {
            return;
        }
        try {
            backgroundMover.execute(() -> {
                try {
                    move(false);
                } catch (RuntimeException e) { // the readings stay pending: the next move takes them
                    LOG.warn("moving pending readings failed: {}", e.getMessage());
                } finally {
                    moveQueued.set(false);
                }
            });
        } catch (RejectedExecutionException e) { // closing: the pending records are moved at the next open
            moveQueued.set(false);
        }
    }

    private AppendResult[] appendAllOpen(List<MeterRef> meters, List<List<Reading>> batches) {
        int n = meters.size();
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
            keys[i] = registry.require(meters.get(i)).key();
        }
        int[] from = sortByKey(keys); // key order: no deadlock between multi-meter writes
        for (int i = 1; i < n; i++) {
            if (keys[i] == keys[i - 1]) { // its second batch would be checked against the state before the first
                throw new IllegalArgumentException("meter '" + meters.get(from[i]).meter() + "' given twice in one write");
            }
        }
        MeterState[] locked = new MeterState[n];
        int held = 0;
        try {
            for (; held < n; held++) {
                locked[held] = states.getOrCreate(keys[held]);
                locked[held].lock();
            }
            return appendLocked(keys, from, locked, batches);
        } finally {
            for (int j = 0; j < held; j++) {
                locked[j].unlock();
            }
        }
    }

    /**
     * Sorts the keys (unique: one per meter) and returns where each came from: the i-th smallest
     * key was at index {@code result[i]}.
     */
    static int[] sortByKey(long[] keys) {
        int n = keys.length;
        long[] packed = new long[n]; // key and index in one long: a primitive sort, no boxing
        for (int i = 0; i < n; i++) {
            if (keys[i] < 0 || keys[i] >= 1L << 43 || n > 1 << 20) {
                return sortByKeyBoxed(keys);
            }
            packed[i] = keys[i] << 20 | i;
        }
        Arrays.sort(packed);
        int[] from = new int[n];
        for (int i = 0; i < n; i++) {
            keys[i] = packed[i] >>> 20;
            from[i] = (int) (packed[i] & ((1 << 20) - 1));
        }
        return from;
    }

    private static int[] sortByKeyBoxed(long[] keys) {
        Integer[] order = new Integer[keys.length];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparingLong(i -> keys[i]));
        long[] givenKeys = keys.clone();
        int[] from = new int[keys.length];
        for (int i = 0; i < order.length; i++) {
            keys[i] = givenKeys[order[i]];
            from[i] = order[i];
        }
        return from;
    }

    /**
     * One meter's part of a write, applied to its {@link MeterState} once the write is durable:
     * either {@code open} (the open rows after the write) or {@code extension} (what they gain).
     */
    private record Prepared(List<Reading> fresh, Reading newest, Rollup[] open, OpenRowExtension extension,
            boolean toPending) {
        static Prepared nothing(List<Reading> fresh) {
            return new Prepared(fresh, null, null, null, false);
        }
    }

    /** @param from the caller's index of each (key-sorted) meter: its batch and its result's place */
    private AppendResult[] appendLocked(long[] keys, int[] from, MeterState[] locked, List<List<Reading>> batches) {
        AppendResult[] results = new AppendResult[keys.length];
        Prepared[] prepared = new Prepared[keys.length];
        boolean anyFresh = false;
        long horizon = sealHorizon();
        PendingBlock.Builder pending = keys.length >= PENDING_MIN_METERS ? new PendingBlock.Builder(keys.length) : null;
        PendingBlock block = null;
        try (WriteBatch batch = new WriteBatch()) {
            for (int i = 0; i < keys.length; i++) {
                List<Reading> given = batches.get(from[i]);
                prepared[i] = prepare(keys[i], locked[i], given, batch, pending, horizon);
                List<Reading> fresh = prepared[i].fresh();
                anyFresh |= !fresh.isEmpty();
                results[from[i]] = new AppendResult(List.copyOf(fresh), given.size() - fresh.size());
            }
            if (pending != null && !pending.isEmpty()) {
                block = pending.build(pendingBlocks.nextSequence());
                batch.put(db.pending, PendingLog.key(block.sequence()), PendingLog.encode(block));
            }
            if (anyFresh) {
                db.write(batch);
            }
        } catch (RocksDBException e) {
            throw new StorageException("cannot build write batch: " + e.getMessage(), false, e);
        }
        long epoch = pendingBlocks.epoch(); // no cut while a write runs (pendingGate)
        int newPendingMeters = 0;
        for (int i = 0; i < keys.length; i++) {
            Prepared p = prepared[i];
            if (p.newest() != null) {
                if (p.open() != null) {
                    locked[i].advance(p.newest(), p.open());
                } else {
                    locked[i].advance(p.newest(), p.extension());
                }
                if (p.toPending() && locked[i].pendingIn(epoch)) {
                    newPendingMeters++;
                }
            }
        }
        if (block != null) {
            pendingBlocks.add(block, newPendingMeters);
        }
        return results;
    }

    /**
     * Adds one meter's new readings and rollup changes to the batch. In-order readings of a
     * multi-meter write go to the {@code pending} record when given.
     */
    private Prepared prepare(long key, MeterState state, List<Reading> given, WriteBatch batch,
            PendingBlock.Builder pending, long sealHorizon) throws RocksDBException {
        ensureLoaded(key, state);
        List<Reading> ordered = inTimeOrderWithoutRepeats(given);
        if (ordered.isEmpty()) {
            return Prepared.nothing(ordered);
        }
        Reading newest = state.newest();
        boolean inOrder = newest == null || ordered.get(0).timestampMs() > newest.timestampMs();
        OpenRowExtension extension = inOrder && newest != null ? intervalEnergy.extension(newest, ordered) : null;
        List<Reading> fresh = ordered;
        Rollup[] open = null;
        if (extension == null) { // a bucket closes, or late readings: rollup deltas by bucket
            RollupDeltas deltas = new RollupDeltas(intervalEnergy);
            if (inOrder) {
                addIntervals(deltas, newest, fresh, +1); // all after the newest stored reading: nothing to look up
            } else {
                fresh = lateReadingDeltas(key, ordered, deltas);
                if (fresh.isEmpty()) {
                    return Prepared.nothing(fresh);
                }
            }
            fresh.forEach(deltas::addSample);
            open = rollupWriter.put(key, state, newestAfter(newest, fresh), deltas, batch);
        }
        boolean toPending = pending != null && inOrder && ordered.get(0).timestampMs() >= sealHorizon;
        if (toPending) {
            pending.add(key, fresh);
        } else {
            putReadings(key, fresh, batch, sealHorizon);
        }
        return new Prepared(fresh, newestAfter(newest, fresh), open, extension, toPending);
    }

    /** The meter's newest reading once {@code fresh} (in time order) is stored. */
    private static Reading newestAfter(Reading newest, List<Reading> fresh) {
        Reading last = fresh.get(fresh.size() - 1);
        return newest == null || last.timestampMs() > newest.timestampMs() ? last : newest;
    }

    private void ensureLoaded(long key, MeterState state) {
        if (!state.loaded()) {
            Reading newest = series.last(key);
            state.load(newest, openRollups.recompute(key, newest));
        }
    }

    /** The meter's state, loaded (open rollup rows recomputed) on first use. */
    private MeterState loadedState(long key) {
        MeterState state = states.getOrCreate(key);
        if (!state.loaded()) {
            state.lock();
            try {
                ensureLoaded(key, state);
            } finally {
                state.unlock();
            }
        }
        return state;
    }

    /** The batch sorted by time without repeated timestamps; the batch itself when it already is. */
    private static List<Reading> inTimeOrderWithoutRepeats(List<Reading> given) {
        boolean ordered = true;
        for (int i = 1; i < given.size() && ordered; i++) {
            ordered = given.get(i).timestampMs() > given.get(i - 1).timestampMs();
        }
        if (ordered) {
            return given;
        }
        List<Reading> sorted = new ArrayList<>(given);
        sorted.sort(Comparator.comparingLong(Reading::timestampMs));
        List<Reading> out = new ArrayList<>(sorted.size());
        for (Reading r : sorted) {
            if (out.isEmpty() || out.get(out.size() - 1).timestampMs() != r.timestampMs()) {
                out.add(r);
            }
        }
        return out;
    }

    /**
     * A batch reaching back to or before the newest stored reading: drops readings already stored
     * and records the rollup change. A late reading splits an existing interval, whose old energy
     * is subtracted. Returns the new readings.
     */
    private List<Reading> lateReadingDeltas(long key, List<Reading> ordered, RollupDeltas deltas) {
        Reading first = ordered.get(0);
        Reading before = series.previous(key, first.timestampMs());
        Reading after = series.next(key, ordered.get(ordered.size() - 1).timestampMs());
        long from = before == null ? first.timestampMs() : before.timestampMs();
        long to = after == null ? Long.MAX_VALUE : after.timestampMs() + 1;
        List<Reading> existing = series.range(key, from, to);
        List<Reading> fresh = notStored(ordered, existing);
        if (!fresh.isEmpty()) {
            addIntervals(deltas, null, existing, -1);
            addIntervals(deltas, null, SeriesAccess.merge(existing, fresh), +1);
        }
        return fresh;
    }

    /** Readings of {@code ordered} whose timestamp is not in {@code existing} (both in time order). */
    private static List<Reading> notStored(List<Reading> ordered, List<Reading> existing) {
        List<Reading> fresh = new ArrayList<>(ordered.size());
        int j = 0;
        for (Reading r : ordered) {
            while (j < existing.size() && existing.get(j).timestampMs() < r.timestampMs()) {
                j++;
            }
            if (j == existing.size() || existing.get(j).timestampMs() != r.timestampMs()) {
                fresh.add(r);
            }
        }
        return fresh;
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

    /**
     * Readings before {@code sealBefore} are merged into their hour's chunk (a read-modify-write:
     * only under the meter's lock); the rest go into head blocks. The recovery of pending records
     * at open holds no meter lock and passes {@link Long#MIN_VALUE}: its readings go into head
     * blocks even in sealed hours, and the next sealing pass merges those into the chunks.
     */
    private void putReadings(long key, List<Reading> fresh, WriteBatch batch, long sealBefore) throws RocksDBException {
        TreeMap<Long, List<Reading>> sealedHours = null; // rare: only late data lands in sealed hours
        long[] head = new long[fresh.size() * HeadBlock.STRIDE];
        int count = 0;
        for (Reading r : fresh) {
            if (r.timestampMs() < sealBefore) {
                sealedHours = sealedHours == null ? new TreeMap<>() : sealedHours;
                sealedHours.computeIfAbsent(SeriesAccess.chunkStart(r.timestampMs()), h -> new ArrayList<>()).add(r);
                continue;
            }
            int at = count++ * HeadBlock.STRIDE;
            head[at] = r.timestampMs();
            head[at + 1] = r.powerMilliwatts();
            head[at + 2] = r.energyMilliwattHours();
        }
        putHeadBlocks(key, head, count, batch);
        for (var hour : sealedHours == null ? List.<Map.Entry<Long, List<Reading>>>of() : sealedHours.entrySet()) {
            List<Reading> merged = SeriesAccess.merge(series.chunk(key, hour.getKey()), hour.getValue());
            batch.put(db.chunks, Keys.meterTime(key, hour.getKey()), SeriesAccess.encodeHour(merged));
        }
    }

    /**
     * Readings (timestamp, power, energy side by side, in time order) into head blocks, one per
     * hour. Moves of pending readings call this directly, even for sealed hours: the next sealing
     * pass merges those.
     */
    private void putHeadBlocks(long key, long[] fields, int count, WriteBatch batch) throws RocksDBException {
        int stride = HeadBlock.STRIDE;
        int runStart = 0;
        for (int i = 1; i <= count; i++) {
            if (i == count || SeriesAccess.chunkStart(fields[i * stride]) != SeriesAccess.chunkStart(fields[runStart * stride])) {
                batch.put(db.head, Keys.meterTime(key, fields[runStart * stride]), HeadBlock.encode(fields, runStart, i));
                runStart = i;
            }
        }
    }

    /** Readings before this instant belong to sealed hours. */
    private long sealHorizon() {
        return SeriesAccess.chunkStart(clock.millis() - config.sealDelayMs());
    }

    /**
     * Moves the pending readings into head blocks and deletes their pending-log records, in one
     * atomic write. Multi-meter writes wait only while the cut is taken (a map of snapshots), not
     * while the blocks are built and written. One move at a time.
     */
    public void movePending() {
        move(true);
    }

    private void move(boolean waitForRunningMove) {
        if (waitForRunningMove) {
            mover.lock();
        } else if (!mover.tryLock()) {
            return;
        }
        try {
            db.useForWrite(() -> moveCut(cut()));
        } finally {
            mover.unlock();
        }
    }

    /** A consistent cut: records below its sequence limit hold exactly its blocks' readings. */
    private PendingBlocks.Cut cut() {
        pendingGate.writeLock().lock(); // no multi-meter write in flight between record and memory
        try {
            return pendingBlocks.cut();
        } finally {
            pendingGate.writeLock().unlock();
        }
    }

    private Void moveCut(PendingBlocks.Cut cut) {
        if (cut.blocks().isEmpty()) {
            return null;
        }
        try (WriteBatch batch = new WriteBatch()) {
            PendingBlocks.ByMeter meters = cut.byMeter();
            while (meters.next()) {
                putHeadBlocks(meters.key(), meters.fields(), meters.count(), batch);
            }
            batch.deleteRange(db.pending, PendingLog.key(0), PendingLog.key(cut.sequenceLimit()));
            db.writeDurableLater(batch); // lost in a crash, the records are still on disk: moved at open
        } catch (RocksDBException | RuntimeException e) {
            pendingBlocks.notMoved(cut); // nothing moved: the blocks stay and the next move takes them again
            throw e instanceof StorageException se ? se : new StorageException("cannot move pending readings: " + e.getMessage(), false, e);
        }
        pendingBlocks.moved(cut);
        return null;
    }

    /**
     * At open (or reopen) nothing is pending in memory: readings of pending records still on disk
     * go into head blocks, minus any already there (a move that ran before a crash).
     */
    private void movePendingRecordsOnDisk() {
        Map<Long, List<Reading>> byMeter = new TreeMap<>();
        long lastSequence = -1;
        try (RocksIterator it = db.iterator(db.pending)) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
                lastSequence = PendingLog.sequenceOf(it.key());
                PendingLog.decode(it.value()).forEach((key, readings) ->
                        byMeter.computeIfAbsent(key, k -> new ArrayList<>()).addAll(readings));
            }
        }
        pendingBlocks.continueAfter(lastSequence);
        if (byMeter.isEmpty()) {
            return;
        }
        try (WriteBatch batch = new WriteBatch()) {
            for (var meter : byMeter.entrySet()) {
                List<Reading> ordered = inTimeOrderWithoutRepeats(meter.getValue());
                List<Reading> stored = series.range(meter.getKey(), ordered.get(0).timestampMs(),
                        ordered.get(ordered.size() - 1).timestampMs() + 1);
                List<Reading> missing = notStored(ordered, stored);
                if (!missing.isEmpty()) {
                    putReadings(meter.getKey(), missing, batch, Long.MIN_VALUE);
                }
            }
            batch.deleteRange(db.pending, PendingLog.key(0), PendingLog.key(lastSequence + 1));
            db.write(batch);
        } catch (RocksDBException e) {
            throw new StorageException("cannot move pending readings: " + e.getMessage(), false, e);
        }
    }

    /** Readings of a meter with fromMs ≤ ts < toMs, in time order: {@link #readRawColumns} as objects. */
    public List<Reading> readRaw(MeterRef meter, long fromMs, long toMs) {
        return readRawColumns(meter, fromMs, toMs).toList();
    }

    /**
     * Readings of a meter with fromMs ≤ ts < toMs, in time order, column-wise: for callers that
     * only walk them (a day at 1 Hz is 86,400 readings; as objects ≈ 3.8 MB, as columns 2 MB).
     */
    public ReadingColumns readRawColumns(MeterRef meter, long fromMs, long toMs) {
        long key = registry.require(meter).key();
        return db.use(() -> series.rangeColumns(key, fromMs, toMs));
    }

    /** The newest reading of a meter, or null. */
    public Reading latest(MeterRef meter) {
        long key = registry.require(meter).key();
        return db.use(() -> series.last(key));
    }

    /** Rollup rows of one level with fromMs ≤ bucket start < toMs; empty buckets are absent. */
    public List<Rollup> rollups(MeterRef meter, RollupLevel level, long fromMs, long toMs) {
        long key = registry.require(meter).key();
        return db.use(() -> {
            Rollup open = loadedState(key).openRow(level.ordinal()); // read before the rows: see withOpenRow
            return withOpenRow(rollupRows(key, level, fromMs, toMs), open, fromMs, toMs);
        });
    }

    /**
     * {@link #rollups(MeterRef, RollupLevel, long, long)} of many meters (a fleet's hourly energy),
     * in the given order: one iterator seeks from meter to meter in key order, where a call per
     * meter opens an iterator each.
     */
    public List<List<Rollup>> rollups(List<MeterRef> meters, RollupLevel level, long fromMs, long toMs) {
        int n = meters.size();
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
            keys[i] = registry.require(meters.get(i)).key();
        }
        int[] from = sortByKey(keys); // a meter given twice is read twice
        return db.use(() -> {
            List<List<Rollup>> out = new ArrayList<>(Collections.nCopies(n, List.of()));
            try (RollupIterators stored = RollupIterators.open(db, level)) {
                for (int i = 0; i < n; i++) {
                    Rollup open = loadedState(keys[i]).openRow(level.ordinal()); // read before the rows: see withOpenRow
                    out.set(from[i], withOpenRow(stored.read(keys[i], fromMs, toMs), open, fromMs, toMs));
                }
            }
            return out;
        });
    }

    /**
     * Adds the in-memory open row. A writer may close that bucket between reading the open row
     * and the rows on disk; then the disk row is the newer one and wins.
     */
    private static List<Rollup> withOpenRow(List<Rollup> rows, Rollup open, long fromMs, long toMs) {
        if (open == null || open.bucketStartMs() < fromMs || open.bucketStartMs() >= toMs) {
            return rows;
        }
        int at = rows.size();
        while (at > 0 && rows.get(at - 1).bucketStartMs() >= open.bucketStartMs()) {
            if (rows.get(at - 1).bucketStartMs() == open.bucketStartMs()) {
                return rows;
            }
            at--;
        }
        rows.add(at, open);
        return rows;
    }

    private List<Rollup> rollupRows(long key, RollupLevel level, long fromMs, long toMs) {
        try (RollupIterators stored = RollupIterators.open(db, level)) {
            return stored.read(key, fromMs, toMs);
        }
    }

    /**
     * Moves head readings of hours that are now old enough into compressed chunks, then merges
     * the hour chunks of days whose hours are all sealed into day chunks and folds past days'
     * minute rollups. Returns the number of readings sealed. Called periodically; safe to run
     * concurrently with writes.
     */
    public long sealDueHours() {
        return sealDueHours(dayCompactionBudgetNanos);
    }

    /** A pass that spends at most {@code budgetNanos} on compacting days and as much on folding them. */
    private long sealDueHours(long budgetNanos) {
        movePending(); // the hours to seal may still have readings there
        // Moves may run meanwhile (they only add head blocks, and sealing reads pending readings
        // before the head): at 100,000 meters a pass takes minutes, and pending readings must not
        // pile up behind it.
        return db.useForWrite(() -> {
            long sealed = sealDueHoursOpen();
            daysCompactedLastPass = compactDueDays(budgetNanos);
            daysFoldedLastPass = foldDueDays(budgetNanos);
            return sealed;
        });
    }

    /**
     * Seals, compacts and folds everything due, without the periodic pass's time budget (each
     * budgeted pass lists every due day again, so many short passes over a large backlog cost
     * more than one long one): for bulk loads and benchmarks that want the store as it settles.
     * Returns the readings sealed.
     */
    public long sealAllDue() {
        long sealed = sealDueHours(Long.MAX_VALUE);
        while (daysCompactedLastPass > 0 || daysFoldedLastPass > 0) {
            sealed += sealDueHours(Long.MAX_VALUE);
        }
        return sealed;
    }

    /** Days of the meter whose minute rows are folded into one value (for tests). */
    int foldedMinuteDays(MeterRef meter) {
        long key = registry.require(meter).key();
        return db.use(() -> {
            int days = 0;
            try (RocksIterator it = db.iterator(db.minuteDays)) {
                for (it.seek(Keys.meterTime(key, 0)); it.isValid() && Keys.meterOf(it.key()) == key; it.next()) {
                    days++;
                }
            }
            return days;
        });
    }

    long daysCompactedLastPass() {
        return daysCompactedLastPass;
    }

    /** Readings held in memory until a move puts them into head blocks (for tests). */
    long pendingReadingsInMemory() {
        return pendingBlocks.readingsHeld();
    }

    void dayCompactionBudgetNanos(long nanos) {
        this.dayCompactionBudgetNanos = nanos;
    }

    /**
     * Merges the hour chunks of each meter's days whose hours are all sealed into one chunk per
     * day: a day's context compresses better than 24 separate hours (docs/benchmarks-codec.md)
     * and a day's read decodes one chunk. Returns the number of days compacted.
     */
    private long compactDueDays(long budgetNanos) {
        List<long[]> due = dueSpans(db.chunks, SeriesAccess.DAY_MS, sealHorizon()); // {meterKey, dayStart}
        long start = System.nanoTime();
        int compacted = 0;
        while (compacted < due.size() && (compacted == 0 || System.nanoTime() - start < budgetNanos)) {
            compactDay(due.get(compacted)[0], due.get(compacted)[1]);
            compacted++;
            if (compacted % RANGE_DELETES_PER_FLUSH == 0) {
                db.flush(db.chunks);
            }
        }
        return compacted;
    }

    /**
     * Folds the minute rollup rows of each meter's past days into one value per day
     * ({@link MinuteDays}): a day is due once it ends by the seal horizon and the meter has a
     * reading after it (else its last buckets are open, in memory). So days are folded a pass
     * after they are compacted, a day on which a meter went quiet once it reports again, and the
     * days of a folder written by format 7 bit by bit. Same time budget as compaction. Returns the
     * number of days folded.
     */
    private long foldDueDays(long budgetNanos) {
        List<long[]> due = minuteDays.dueDays(sealHorizon()); // {meterKey, dayStart}
        long start = System.nanoTime();
        int folded = 0;
        for (int i = 0; i < due.size() && (folded == 0 || System.nanoTime() - start < budgetNanos); i++) {
            if (foldDay(due.get(i)[0], due.get(i)[1]) && ++folded % (RANGE_DELETES_PER_FLUSH / 2) == 0) {
                db.flush(db.rollups); // a fold deletes two ranges: its minute and quarter-hour rows
            }
        }
        return folded;
    }

    private boolean foldDay(long meterKey, long dayStart) {
        MeterState state = states.getOrCreate(meterKey);
        state.lock(); // a late write to this day reads and writes its rows meanwhile otherwise
        try (WriteBatch batch = new WriteBatch()) {
            ensureLoaded(meterKey, state);
            Reading newest = state.newest();
            if (newest == null || newest.timestampMs() < dayStart + SeriesAccess.DAY_MS) {
                return false; // the meter's newest reading is in that day: its last buckets are open
            }
            minuteDays.fold(meterKey, dayStart, batch);
            db.writeDurableLater(batch); // lost in a crash, the rows are still there
            return true;
        } catch (RocksDBException e) {
            throw new StorageException("cannot fold a day's minute rollups: " + e.getMessage(), false, e);
        } finally {
            state.unlock();
        }
    }

    /**
     * {meterKey, spanStart} of every span (hour or day, aligned) that holds a key of {@code cf}
     * and ends by {@code horizon}; keys are [meter][time], so one seek skips a span or a meter.
     */
    private List<long[]> dueSpans(ColumnFamilyHandle cf, long spanMs, long horizon) {
        List<long[]> due = new ArrayList<>();
        try (RocksIterator it = db.iterator(cf)) {
            it.seekToFirst();
            while (it.isValid()) {
                long meterKey = Keys.meterOf(it.key());
                long start = Math.floorDiv(Keys.timeOf(it.key()), spanMs) * spanMs;
                if (start + spanMs <= horizon) {
                    due.add(new long[] {meterKey, start});
                    it.seek(Keys.meterTime(meterKey, start + spanMs));
                } else {
                    it.seek(Keys.meterTime(meterKey + 1, 0));
                }
            }
        }
        return due;
    }

    private void compactDay(long meterKey, long dayStart) {
        MeterState state = states.getOrCreate(meterKey);
        state.lock(); // a late write to this meter could otherwise add an hour chunk we then delete
        try (WriteBatch batch = new WriteBatch()) {
            long dayEnd = dayStart + SeriesAccess.DAY_MS;
            List<Reading> hours = new ArrayList<>();
            for (long hour = dayStart; hour < dayEnd; hour += SeriesAccess.CHUNK_MS) {
                hours.addAll(series.chunk(meterKey, hour));
            }
            List<Reading> merged = SeriesAccess.merge(series.day(meterKey, dayStart), hours);
            batch.put(db.days, Keys.meterTime(meterKey, dayStart), SeriesAccess.encodeDay(merged));
            batch.deleteRange(db.chunks, Keys.meterTime(meterKey, dayStart), Keys.meterTime(meterKey, dayEnd));
            db.writeDurableLater(batch); // lost in a crash, the hour chunks are still there
        } catch (RocksDBException e) {
            throw new StorageException("cannot compact day: " + e.getMessage(), false, e);
        } finally {
            state.unlock();
        }
    }

    private long sealDueHoursOpen() {
        List<long[]> due = dueSpans(db.head, SeriesAccess.CHUNK_MS, sealHorizon()); // {meterKey, hourStart}
        long sealed = 0;
        for (int i = 0; i < due.size(); i++) {
            sealed += sealHour(due.get(i)[0], due.get(i)[1]);
            if ((i + 1) % RANGE_DELETES_PER_FLUSH == 0) {
                db.flush(db.head);
            }
        }
        if (due.size() >= RANGE_DELETES_PER_FLUSH) {
            db.flush(db.head);
        }
        return sealed;
    }

    private long sealHour(long meterKey, long hourStart) {
        MeterState state = states.getOrCreate(meterKey);
        state.lock();
        try {
            long hourEnd = hourStart + SeriesAccess.CHUNK_MS;
            List<Reading> head = series.head(meterKey, hourStart, hourEnd).toList();
            if (head.isEmpty()) {
                return 0;
            }
            List<Reading> merged = SeriesAccess.merge(series.chunk(meterKey, hourStart), head);
            try (WriteBatch batch = new WriteBatch()) {
                batch.put(db.chunks, Keys.meterTime(meterKey, hourStart), SeriesAccess.encodeHour(merged));
                batch.deleteRange(db.head, Keys.meterTime(meterKey, hourStart), Keys.meterTime(meterKey, hourEnd));
                db.writeDurableLater(batch); // lost in a crash, the head blocks are still there
            } catch (RocksDBException e) {
                throw new StorageException("cannot seal hour: " + e.getMessage(), false, e);
            }
            return head.size();
        } finally {
            state.unlock();
        }
    }

    /**
     * Deletes a meter's readings older than {@code readingsBeforeMs} and its 1 min / 15 min rollup
     * rows older than {@code fineRollupsBeforeMs} ({@link Long#MIN_VALUE}: keep). Hourly rollups
     * stay, so energy history and bills of the deleted period remain. Sealed chunks go whole: an
     * hour chunk once its hour, a compacted day once its whole day has passed the cutoff.
     */
    public void deleteBefore(MeterRef meter, long readingsBeforeMs, long fineRollupsBeforeMs) {
        long key = registry.require(meter).key();
        db.useForWrite(() -> {
            MeterState state = states.getOrCreate(key);
            state.lock();
            try (WriteBatch batch = new WriteBatch()) {
                ensureLoaded(key, state);
                if (readingsBeforeMs != Long.MIN_VALUE) {
                    long wholeHours = Math.min(SeriesAccess.chunkStart(readingsBeforeMs), keepFrom(state));
                    deleteKeys(batch, db.chunks, Keys.meterTime(key, 0), Keys.meterTime(key, wholeHours));
                    deleteKeys(batch, db.days, Keys.meterTime(key, 0), Keys.meterTime(key, SeriesAccess.dayStart(wholeHours)));
                    deleteKeys(batch, db.head, Keys.meterTime(key, 0), Keys.meterTime(key, wholeHours));
                }
                if (fineRollupsBeforeMs != Long.MIN_VALUE) {
                    deleteKeys(batch, db.minuteDays, Keys.meterTime(key, 0),
                            Keys.meterTime(key, SeriesAccess.dayStart(fineRollupsBeforeMs))); // whole days only
                    for (RollupLevel level : List.of(RollupLevel.MINUTE, RollupLevel.FIFTEEN_MINUTES)) {
                        deleteKeys(batch, db.rollupsOf(level), Keys.rollup(key, level.id(), 0),
                                Keys.rollup(key, level.id(), level.bucketStart(fineRollupsBeforeMs)));
                    }
                }
                if (batch.count() > 0) {
                    db.writeDurableLater(batch); // lost in a crash, the next pass deletes the same again
                }
            } catch (RocksDBException e) {
                throw new StorageException("cannot apply retention: " + e.getMessage(), false, e);
            } finally {
                state.unlock();
            }
            return null;
        });
    }

    /**
     * Deletes the keys in [from, to) of {@code cf}: each by itself when there are few, as there are
     * in an hourly pass (usually none; a day and its folded minutes once a day). A range tombstone
     * for every meter on every pass, even with nothing under it, slowed every read: RocksDB weighs
     * each new iterator with the memtable's tombstones, and they stay in files until compacted.
     */
    private void deleteKeys(WriteBatch batch, ColumnFamilyHandle cf, byte[] from, byte[] to) throws RocksDBException {
        List<byte[]> found = new ArrayList<>();
        try (RocksIterator it = db.iterator(cf)) {
            for (it.seek(from); it.isValid() && Arrays.compareUnsigned(it.key(), to) < 0; it.next()) {
                if (found.size() == POINT_DELETES_PER_RANGE) { // a backlog (a new policy): one tombstone
                    batch.deleteRange(cf, from, to);
                    return;
                }
                found.add(it.key());
            }
        }
        for (byte[] key : found) {
            batch.delete(cf, key);
        }
    }

    /**
     * Raw readings from here on are never deleted: the newest reading's hour and the hour before it.
     * The open rollup rows (memory only) are recomputed from them after a restart, and duplicates of
     * the newest reading are recognised.
     */
    private static long keepFrom(MeterState state) {
        Reading newest = state.newest();
        return newest == null ? Long.MAX_VALUE : SeriesAccess.chunkStart(newest.timestampMs()) - SeriesAccess.CHUNK_MS;
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

    /**
     * Copies the store as of now into {@code target}, a folder that must not exist yet, while
     * reads and writes go on; the copy opens as a store of its own (a backup). Every reading
     * acknowledged before the call is in it.
     */
    public void checkpoint(Path target) {
        db.use(() -> {
            db.checkpoint(target);
            return null;
        });
    }

    /** What the store can do now, for health checks. */
    public enum Health {
        /** Reads and writes are served. */
        OK,
        /** A write failed (e.g. disk full): writes are refused until one succeeds again, reads go on. */
        WRITES_REFUSED,
        /** The database could not be reopened after a failed write: nothing is served. */
        UNAVAILABLE
    }

    public Health health() {
        return db.unavailable() ? Health.UNAVAILABLE : db.acceptsWrites() ? Health.OK : Health.WRITES_REFUSED;
    }

    /** Bytes free on the store's disk, or -1 when that cannot be told. */
    public long usableBytes() {
        return db.usableBytes();
    }

    /** Bytes of WAL files kept for reuse (a fixed reserve of at most one file, not data). */
    public long recycledWalBytes() {
        return db.recycledWalBytes();
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
        backgroundMover.shutdown();
        try {
            backgroundMover.awaitTermination(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        db.close();
    }
}
