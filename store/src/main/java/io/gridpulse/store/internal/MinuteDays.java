package io.gridpulse.store.internal;

import io.gridpulse.core.Rollup;
import io.gridpulse.core.StorageException;
import io.gridpulse.store.RollupLevel;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;

/**
 * Past days' fine rollups folded into one value per meter and UTC day (store format 8, column
 * family {@code minuteDays}, {@link MinuteRollupDay}): a day's 1,440 minute rows and 96
 * quarter-hour rows cost more on disk than its readings did. A folded day keeps its minutes only;
 * its quarter-hours are summed from them on read, which is exact: a quarter-hour's row is the sum
 * of its minutes' rows (energy is split at bucket edges by the same cumulative proportions at
 * every level, so the minute parts telescope to the quarter-hour's).
 *
 * <p>A day is folded only once the meter has a reading after it (the store's sealing passes,
 * {@link #dueDays}), so none of its buckets is open (in memory) and no in-order write touches it
 * again: only late readings do, and they update the folded value ({@link RollupWriter}). A day is
 * therefore either folded or in rows, never both.
 */
public final class MinuteDays {
    private static final RollupLevel MINUTE = RollupLevel.MINUTE;
    private static final RollupLevel QUARTER = RollupLevel.FIFTEEN_MINUTES;

    private final RocksDatabase db;

    public MinuteDays(RocksDatabase db) {
        this.db = db;
    }

    /** Whether a day's rows of this level live in folded days (else as rows only). */
    public static boolean folds(RollupLevel level) {
        return level != RollupLevel.HOUR;
    }

    /** Puts into {@code batch} the fold of the day's minute rows and the deletion of its minute and quarter-hour rows. */
    public void fold(long meterKey, long dayStart, WriteBatch batch) throws RocksDBException {
        long dayEnd = dayStart + SeriesAccess.DAY_MS;
        TreeMap<Long, Rollup> minutes = new TreeMap<>();
        List<Rollup> folded = day(meterKey, dayStart);
        if (folded != null) {
            folded.forEach(r -> minutes.put(r.bucketStartMs(), r));
        }
        try (RocksIterator it = db.iterator(db.rollups)) {
            for (Rollup row : RollupRows.read(it, meterKey, MINUTE, dayStart, dayEnd)) {
                minutes.put(row.bucketStartMs(), row); // rows are newer than a folded value
            }
        }
        if (minutes.isEmpty()) {
            return;
        }
        put(meterKey, dayStart, minutes, batch);
        for (RollupLevel level : List.of(MINUTE, QUARTER)) {
            batch.deleteRange(db.rollups, Keys.rollup(meterKey, level.id(), dayStart), Keys.rollup(meterKey, level.id(), dayEnd));
        }
    }

    /**
     * {meterKey, dayStart} of every day that has minute rows and ends by {@code horizon}, in key
     * order; keys are [meter][level][time], so one seek skips a day or a meter.
     */
    public List<long[]> dueDays(long horizon) {
        List<long[]> due = new ArrayList<>();
        int minute = MINUTE.id();
        try (RocksIterator it = db.iterator(db.rollups)) {
            it.seek(Keys.rollup(0, minute, 0));
            while (it.isValid()) {
                ByteBuffer key = ByteBuffer.wrap(it.key());
                long meter = Keys.meterOf(key);
                long day = SeriesAccess.dayStart(Keys.rollupTimeOf(key));
                if (Keys.rollupLevelOf(key) == minute && day + SeriesAccess.DAY_MS <= horizon) {
                    due.add(new long[] {meter, day});
                    it.seek(Keys.rollup(meter, minute, day + SeriesAccess.DAY_MS));
                } else { // a day not over yet, or past the meter's minute rows (its quarter-hour rows)
                    it.seek(Keys.rollup(meter + 1, minute, 0));
                }
            }
            it.status();
        } catch (RocksDBException e) {
            throw new StorageException("cannot list days to fold: " + e.getMessage(), false, e);
        }
        return due;
    }

    /** The folded minute rows of a day, or null when the day is not folded. */
    public List<Rollup> day(long meterKey, long dayStart) {
        byte[] value = db.get(db.minuteDays, Keys.meterTime(meterKey, dayStart));
        return value == null ? null : MinuteRollupDay.decode(value);
    }

    /** Writes a folded day (deletes it when no row is left). */
    public void put(long meterKey, long dayStart, TreeMap<Long, Rollup> minutes, WriteBatch batch) throws RocksDBException {
        byte[] key = Keys.meterTime(meterKey, dayStart);
        if (minutes.isEmpty()) {
            batch.delete(db.minuteDays, key);
        } else {
            batch.put(db.minuteDays, key, MinuteRollupDay.encode(new ArrayList<>(minutes.values())));
        }
    }

    /**
     * Rows of {@code level} with fromMs ≤ bucket start < toMs from the folded days, in time order:
     * minutes as stored, quarter-hours summed from them. {@code it} iterates {@code minuteDays}.
     */
    public static List<Rollup> read(RocksIterator it, long meterKey, RollupLevel level, long fromMs, long toMs) {
        List<Rollup> out = new ArrayList<>();
        ByteBuffer k = ByteBuffer.allocate(16);
        for (it.seek(Keys.meterTime(meterKey, SeriesAccess.dayStart(fromMs))); it.isValid(); it.next()) {
            k.clear();
            it.key(k);
            if (Keys.meterOf(k) != meterKey || k.getLong(8) >= toMs) {
                break;
            }
            Rollup quarter = null;
            for (Rollup minute : MinuteRollupDay.decode(it.value())) {
                if (level == MINUTE) {
                    if (minute.bucketStartMs() >= fromMs && minute.bucketStartMs() < toMs) {
                        out.add(minute);
                    }
                    continue;
                }
                long start = level.bucketStart(minute.bucketStartMs());
                if (quarter != null && quarter.bucketStartMs() != start) {
                    addIfWithin(out, quarter, fromMs, toMs);
                    quarter = null;
                }
                quarter = (quarter == null ? Rollup.empty(start) : quarter).plus(minute);
            }
            if (quarter != null) {
                addIfWithin(out, quarter, fromMs, toMs);
            }
        }
        return out;
    }

    private static void addIfWithin(List<Rollup> out, Rollup row, long fromMs, long toMs) {
        if (row.bucketStartMs() >= fromMs && row.bucketStartMs() < toMs) {
            out.add(row);
        }
    }

    /** Two lists of rows in time order with no bucket in both (a day is folded or in rows), merged. */
    public static List<Rollup> merge(List<Rollup> a, List<Rollup> b) {
        if (b.isEmpty()) {
            return a;
        }
        if (a.isEmpty()) {
            return b;
        }
        List<Rollup> out = new ArrayList<>(a.size() + b.size());
        int i = 0;
        int j = 0;
        while (i < a.size() || j < b.size()) {
            boolean takeA = j == b.size() || (i < a.size() && a.get(i).bucketStartMs() < b.get(j).bucketStartMs());
            out.add(takeA ? a.get(i++) : b.get(j++));
        }
        return out;
    }
}
