package io.gridpulse.store.internal;

import io.gridpulse.core.Reading;
import io.gridpulse.core.Rollup;
import io.gridpulse.store.RollupLevel;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.StampedLock;

/**
 * What the store keeps in memory per meter: its write lock, its newest stored reading and, per
 * rollup level, the row of the bucket that holds that reading (the "open" bucket). Open rows are
 * not on disk: they are written when a newer reading closes their bucket, and recomputed from the
 * stored readings when the state is loaded (after a restart or crash). Everything changes only
 * under {@link #lock}; readers of open rows hold no lock (see {@link #openRow}).
 */
public final class MeterState {
    private static final int LEVELS = RollupLevel.values().length;
    private static final int ROW_FIELDS = 7;

    public final ReentrantLock lock = new ReentrantLock();
    private volatile boolean loaded;
    private Reading newest;
    /**
     * The open rows, {@value #ROW_FIELDS} fields per level ordinal, or null when the meter has no
     * readings. Updated in place (a fleet second would otherwise allocate new rows per meter),
     * under {@link #openRows}'s write lock, so that readers without the meter lock see whole rows.
     */
    private long[] open;
    private final StampedLock openRows = new StampedLock();
    /** Readings in the pending log, not yet in head blocks; null when none. */
    private volatile PendingReadings pending;
    /** In the store's list of meters whose pending readings the next move takes. */
    private volatile boolean listedForMove;

    public boolean loaded() {
        return loaded;
    }

    public void load(Reading newest, Rollup[] open) {
        this.newest = newest;
        replaceOpen(open);
        this.loaded = true;
    }

    /** Called only after the write is durable, so memory never runs ahead of the disk. */
    public void advance(Reading newest, Rollup[] open) {
        this.newest = newest;
        replaceOpen(open);
    }

    /** As {@link #advance}, for readings that stayed in the open minute: every open row grows alike. */
    public void advance(Reading newest, OpenRowExtension added) {
        this.newest = newest;
        long stamp = openRows.writeLock();
        try {
            for (int at = 0; at < open.length; at += ROW_FIELDS) {
                open[at + 1] += added.energyNanowattHours();
                open[at + 2] = Math.min(open[at + 2], added.minPowerMilliwatts());
                open[at + 3] = Math.max(open[at + 3], added.maxPowerMilliwatts());
                open[at + 4] += added.sumPowerMilliwatts();
                open[at + 5] += added.samples();
                open[at + 6] += added.coveredMs();
            }
        } finally {
            openRows.unlockWrite(stamp);
        }
    }

    private void replaceOpen(Rollup[] rows) {
        long[] fields = null;
        if (rows[0] != null) {
            fields = new long[LEVELS * ROW_FIELDS];
            for (int level = 0; level < LEVELS; level++) {
                Rollup r = rows[level];
                int at = level * ROW_FIELDS;
                fields[at] = r.bucketStartMs();
                fields[at + 1] = r.energyNanowattHours();
                fields[at + 2] = r.minPowerMilliwatts();
                fields[at + 3] = r.maxPowerMilliwatts();
                fields[at + 4] = r.sumPowerMilliwatts();
                fields[at + 5] = r.samples();
                fields[at + 6] = r.coveredMs();
            }
        }
        long stamp = openRows.writeLock();
        open = fields;
        openRows.unlockWrite(stamp);
    }

    public Reading newest() {
        return newest;
    }

    /**
     * The open row of a level, or null when the meter has no readings. Needs no meter lock: an
     * optimistic read, repeated under the read lock if a writer changed the rows meanwhile.
     */
    public Rollup openRow(int level) {
        long stamp = openRows.tryOptimisticRead();
        Rollup row = row(open, level);
        if (openRows.validate(stamp)) {
            return row;
        }
        stamp = openRows.readLock();
        try {
            return row(open, level);
        } finally {
            openRows.unlockRead(stamp);
        }
    }

    /** All open rows by level ordinal (nulls when the meter has no readings); call under {@link #lock}. */
    public Rollup[] openRows() {
        Rollup[] rows = new Rollup[LEVELS];
        for (int level = 0; level < LEVELS; level++) {
            rows[level] = row(open, level);
        }
        return rows;
    }

    private static Rollup row(long[] fields, int level) {
        if (fields == null) {
            return null;
        }
        int at = level * ROW_FIELDS;
        return new Rollup(fields[at], fields[at + 1], fields[at + 2], fields[at + 3], fields[at + 4], fields[at + 5],
                fields[at + 6]);
    }

    public PendingReadings pending() {
        return pending;
    }

    /** Called only after the pending-log record holding the readings is durable. */
    public void addPending(List<Reading> readings) {
        pending = PendingReadings.append(pending, readings);
    }

    /**
     * Marks the meter as listed for the next move; returns whether it was not listed yet (then
     * the caller lists it). Saves a look-up in the shared list per meter and write.
     */
    public boolean listForMove() {
        if (listedForMove) {
            return false;
        }
        listedForMove = true;
        return true;
    }

    /** The next move took the meter off the list. */
    public void unlistForMove() {
        listedForMove = false;
    }

    /** Called (under {@link #lock}) once the oldest {@code count} pending readings are in head blocks. */
    public void dropPending(int count) {
        PendingReadings now = pending;
        pending = now == null || now.size() <= count ? null : now.withoutFirst(count);
    }
}
