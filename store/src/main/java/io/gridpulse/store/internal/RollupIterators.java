package io.gridpulse.store.internal;

import io.gridpulse.core.Rollup;
import io.gridpulse.core.StorageException;
import io.gridpulse.store.RollupLevel;
import java.util.List;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;

/**
 * Where a level's rows on disk are read from: its rows and, for the finer levels, the folded
 * days ({@link MinuteDays}). Both iterators see one moment of the store, so a day folded while a
 * read runs is seen either as rows or as folded, never as both or neither.
 */
public final class RollupIterators implements AutoCloseable {
    private final RollupLevel level;
    private final RocksIterator rows;
    private final RocksIterator foldedDays;

    private RollupIterators(RollupLevel level, RocksIterator rows, RocksIterator foldedDays) {
        this.level = level;
        this.rows = rows;
        this.foldedDays = foldedDays;
    }

    public static RollupIterators open(RocksDatabase db, RollupLevel level) {
        if (!MinuteDays.folds(level)) {
            return new RollupIterators(level, db.iterator(db.rollupsOf(level)), null);
        }
        List<RocksIterator> both = db.iterators(List.of(db.rollupsOf(level), db.minuteDays));
        return new RollupIterators(level, both.get(0), both.get(1));
    }

    /** The meter's rows on disk with fromMs ≤ bucket start < toMs, in time order. */
    public List<Rollup> read(long meterKey, long fromMs, long toMs) {
        List<Rollup> stored = RollupRows.read(rows, meterKey, level, fromMs, toMs);
        return foldedDays == null ? stored : MinuteDays.merge(stored, MinuteDays.read(foldedDays, meterKey, level, fromMs, toMs));
    }

    @Override
    public void close() {
        rows.close();
        if (foldedDays != null) {
            foldedDays.close();
        }
    }
}
