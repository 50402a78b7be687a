package io.gridpulse.store.internal;

import io.gridpulse.core.Reading;
import io.gridpulse.core.Rollup;
import io.gridpulse.store.RollupLevel;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What the store keeps in memory per meter: its write lock, its newest stored reading and, per
 * rollup level, the row of the bucket that holds that reading (the "open" bucket). Open rows are
 * not on disk: they are written when a newer reading closes their bucket, and recomputed from the
 * stored readings when the state is loaded (after a restart or crash). Everything changes only
 * under {@link #lock}; readers of open rows hold no lock (see {@link #openRow}).
 *
 * <p>A gateway's post touches a thousand meters' states, so each state keeps its parts in its
 * own fields and arrays rather than in objects of their own: every object more is a cache miss
 * more per meter and write.
 */
public final class MeterState {
    private static final int LEVELS = RollupLevel.values().length;
    private static final int ROW_FIELDS = 7;

    private static final VarHandle ROWS_VERSION;

    static {
        try {
            ROWS_VERSION = MethodHandles.lookup().findVarHandle(MeterState.class, "rowsVersion", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    public final ReentrantLock lock = new ReentrantLock();
    private volatile boolean loaded;
    /** The newest stored reading's fields; {@link #hasNewest} false when the meter has none. */
    private boolean hasNewest;
    private long newestMs;
    private long newestPowerMilliwatts;
    private long newestEnergyMilliwattHours;
    /**
     * The open rows, {@value #ROW_FIELDS} fields per level ordinal, or null when the meter has no
     * readings. Updated in place (a fleet second would otherwise allocate new rows per meter).
     */
    private long[] open;
    /**
     * A sequence lock over {@link #open}: odd while the writer (holding {@link #lock}) changes the
     * rows, so that readers without the meter lock see whole rows. Cheaper for the writer than a
     * lock object: two ordered stores, no atomic instruction.
     */
    @SuppressWarnings("unused") // through ROWS_VERSION
    private volatile int rowsVersion;
    /** Readings in the pending log, not yet in head blocks; null when none. */
    private volatile PendingReadings pending;
    /** In the store's list of meters whose pending readings the next move takes. */
    private volatile boolean listedForMove;

    public boolean loaded() {
        return loaded;
    }

    public void load(Reading newest, Rollup[] open) {
        setNewest(newest);
        replaceOpen(open);
        this.loaded = true;
    }

    /** Called only after the write is durable, so memory never runs ahead of the disk. */
    public void advance(Reading newest, Rollup[] open) {
        setNewest(newest);
        replaceOpen(open);
    }

    /** As {@link #advance}, for readings that stayed in the open minute: every open row grows alike. */
    public void advance(Reading newest, OpenRowExtension added) {
        setNewest(newest);
        int version = beginRowsChange();
        for (int at = 0; at < open.length; at += ROW_FIELDS) {
            open[at + 1] += added.energyNanowattHours();
            open[at + 2] = Math.min(open[at + 2], added.minPowerMilliwatts());
            open[at + 3] = Math.max(open[at + 3], added.maxPowerMilliwatts());
            open[at + 4] += added.sumPowerMilliwatts();
            open[at + 5] += added.samples();
            open[at + 6] += added.coveredMs();
        }
        endRowsChange(version);
    }

    private void setNewest(Reading newest) {
        hasNewest = newest != null;
        if (hasNewest) {
            newestMs = newest.timestampMs();
            newestPowerMilliwatts = newest.powerMilliwatts();
            newestEnergyMilliwattHours = newest.energyMilliwattHours();
        }
    }

    /** Marks the rows as changing (odd version); returns the version to end with. */
    private int beginRowsChange() {
        int version = (int) ROWS_VERSION.getOpaque(this) + 1;
        ROWS_VERSION.setOpaque(this, version);
        VarHandle.storeStoreFence(); // the odd version before any row field
        return version;
    }

    private void endRowsChange(int version) {
        ROWS_VERSION.setRelease(this, version + 1); // after every row field
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
        int version = beginRowsChange();
        open = fields;
        endRowsChange(version);
    }

    /** The newest stored reading, or null; call under {@link #lock}. */
    public Reading newest() {
        return hasNewest ? new Reading(newestMs, newestPowerMilliwatts, newestEnergyMilliwattHours) : null;
    }

    /**
     * The open row of a level, or null when the meter has no readings. Needs no meter lock: read
     * again while a writer changed the rows meanwhile (a change takes nanoseconds).
     */
    public Rollup openRow(int level) {
        while (true) {
            int version = (int) ROWS_VERSION.getAcquire(this);
            if ((version & 1) == 0) {
                Rollup row = row(open, level);
                VarHandle.loadLoadFence(); // the row's fields before the version check
                if ((int) ROWS_VERSION.getOpaque(this) == version) {
                    return row;
                }
            }
            Thread.onSpinWait();
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
