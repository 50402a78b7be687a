package io.gridpulse.store.internal;

import io.gridpulse.core.Reading;
import io.gridpulse.core.Rollup;
import io.gridpulse.store.RollupLevel;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;

/**
 * Turns one meter's rollup deltas into rows: open buckets (holding the newest reading) stay in
 * memory, closed ones go into the write batch. See {@code store/README.md}, "Open buckets".
 */
public final class RollupWriter {
    private final RocksDatabase db;
    private final MinuteDays minuteDays;

    public RollupWriter(RocksDatabase db, MinuteDays minuteDays) {
        this.db = db;
        this.minuteDays = minuteDays;
    }

    /**
     * Applies the rollup changes. Rows of buckets that stay open (they hold the newest reading)
     * stay in memory; rows of closed buckets are put into the batch, including the previously
     * open rows that the new newest reading closes. Returns the open rows after this write.
     */
    public Rollup[] put(long key, MeterState state, Reading newNewest, RollupDeltas deltas, WriteBatch batch)
            throws RocksDBException {
        Rollup[] oldOpen = state.openRows();
        Reading oldNewest = state.newest();
        Rollup[] open = oldOpen.clone();
        boolean[] oldOpenPut = new boolean[open.length];
        Map<Long, TreeMap<Long, Rollup>> foldedDays = null; // touched by late readings: day start → minutes, or null
        for (var e : deltas.all().entrySet()) {
            RollupDeltas.Bucket b = e.getKey();
            int level = b.level().ordinal();
            long oldOpenStart = oldNewest == null ? Long.MIN_VALUE : b.level().bucketStart(oldNewest.timestampMs());
            if (b.startMs() < oldOpenStart && MinuteDays.folds(b.level())) { // late: its day may be folded
                foldedDays = foldedDays == null ? new HashMap<>() : foldedDays;
                long day = SeriesAccess.dayStart(b.startMs());
                if (!foldedDays.containsKey(day)) { // looked up once per day: null (in rows) is kept too
                    foldedDays.put(day, foldedMinutes(key, day));
                }
                TreeMap<Long, Rollup> minutes = foldedDays.get(day);
                if (minutes != null) {
                    if (b.level() == RollupLevel.MINUTE) { // quarter-hours of a folded day are summed from its minutes
                        Rollup after = e.getValue().applyTo(minutes.getOrDefault(b.startMs(), Rollup.empty(b.startMs())));
                        if (after.equals(Rollup.empty(b.startMs()))) {
                            minutes.remove(b.startMs());
                        } else {
                            minutes.put(b.startMs(), after);
                        }
                    }
                    continue;
                }
            }
            Rollup base;
            if (b.startMs() == oldOpenStart) {
                base = oldOpen[level];
                oldOpenPut[level] = true;
            } else if (b.startMs() > oldOpenStart) {
                base = Rollup.empty(b.startMs()); // after the newest reading so far: never written
            } else {
                base = storedRow(key, b);
            }
            Rollup after = e.getValue().applyTo(base);
            if (b.startMs() == b.level().bucketStart(newNewest.timestampMs())) {
                open[level] = after;
            } else if (after.equals(Rollup.empty(b.startMs()))) {
                // A late reading can take away all a bucket had (an interval it split was the
                // only thing covering it): empty buckets are absent, as after in-order arrival.
                batch.delete(db.rollupsOf(b.level()), Keys.rollup(key, b.level().id(), b.startMs()));
            } else {
                batch.put(db.rollupsOf(b.level()), Keys.rollup(key, b.level().id(), b.startMs()), RollupRows.encode(after));
            }
        }
        for (RollupLevel level : RollupLevel.values()) {
            int l = level.ordinal();
            boolean closed = oldNewest != null
                    && level.bucketStart(oldNewest.timestampMs()) != level.bucketStart(newNewest.timestampMs());
            if (closed && !oldOpenPut[l]) {
                Rollup row = oldOpen[l];
                batch.put(db.rollupsOf(level), Keys.rollup(key, level.id(), row.bucketStartMs()), RollupRows.encode(row));
            }
        }
        if (foldedDays != null) {
            for (var day : foldedDays.entrySet()) {
                if (day.getValue() != null) {
                    minuteDays.put(key, day.getKey(), day.getValue(), batch);
                }
            }
        }
        return open;
    }

    /** A folded day's minutes by bucket start, or null when the day is in rows. */
    private TreeMap<Long, Rollup> foldedMinutes(long key, long dayStart) {
        List<Rollup> rows = minuteDays.day(key, dayStart);
        if (rows == null) {
            return null;
        }
        TreeMap<Long, Rollup> minutes = new TreeMap<>();
        rows.forEach(r -> minutes.put(r.bucketStartMs(), r));
        return minutes;
    }

    private Rollup storedRow(long key, RollupDeltas.Bucket b) {
        byte[] current = db.get(db.rollupsOf(b.level()), Keys.rollup(key, b.level().id(), b.startMs()));
        return current == null ? Rollup.empty(b.startMs()) : RollupRows.decode(b.startMs(), current);
    }
}
