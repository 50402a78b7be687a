package io.gridpulse.store.internal;

import io.gridpulse.core.Reading;
import io.gridpulse.core.Rollup;
import io.gridpulse.store.RollupLevel;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.AbstractQueuedSynchronizer;

/**
 * What the store keeps in memory per meter: its write lock, its newest stored reading and, per
 * rollup level, the row of the bucket that holds that reading (the "open" bucket). Open rows are
 * not on disk: they are written when a newer reading closes their bucket, and recomputed from the
 * stored readings when the state is loaded (after a restart or crash). Everything changes only
 * under the meter's lock ({@link #lock()}); readers of open rows hold no lock (see {@link #openRow}).
 *
 * <p>A gateway's post touches a thousand meters' states, so each state keeps its parts in its
 * own fields and arrays rather than in objects of their own: every object more is a cache miss
 * more per meter and write. That is also why the state is its own lock (it extends the JDK's
 * queued synchronizer, as {@code ReentrantLock} does inside) rather than holding a lock object.
 */
public final class MeterState extends AbstractQueuedSynchronizer {
    private static final int LEVELS = RollupLevel.values().length;
    private static final int ROW_FIELDS = 7;

    private static final VarHandle VERSION;

    static {
        try {
            VERSION = MethodHandles.lookup().findVarHandle(MeterState.class, "version", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private volatile boolean loaded;
    /** The newest stored reading's fields; {@link #hasNewest} false when the meter has none. */
    private boolean hasNewest;
    private long newestMs;
    private long newestPowerMilliwatts;
    private long newestEnergyMilliwattHours;
    /** The open rows, {@value #ROW_FIELDS} fields per level ordinal, or null when the meter has no readings. */
    private long[] open;
    /**
     * What every open row gained since {@link #open} was set. Readings that stay in the open
     * minute grow all rows alike (59 of 60 writes of a meter sending each second), so such a
     * write adds to these fields of the state itself and leaves the rows' array alone.
     */
    private long grownEnergyNanowattHours;
    private long grownMinPowerMilliwatts = Long.MAX_VALUE;
    private long grownMaxPowerMilliwatts = Long.MIN_VALUE;
    private long grownSumPowerMilliwatts;
    private long grownSamples;
    private long grownCoveredMs;
    /**
     * A sequence lock over the open rows ({@link #open} and the grown fields): odd while the
     * writer (holding {@link #lock()}) changes them, so that readers without the meter lock see
     * whole rows. Cheaper for the writer than a lock object: two ordered stores, no atomic
     * instruction.
     */
    @SuppressWarnings("unused") // through VERSION
    private volatile int version;
    /**
     * The {@link PendingBlocks#epoch} of the meter's last readings that went to the pending log
     * (-1: none yet): readers skip searching the pending blocks once that epoch is moved.
     */
    private volatile long pendingEpoch = -1;

    /** Takes the meter's write lock (reentrant): writes to one meter are serialised. */
    public void lock() {
        acquire(1);
    }

    public void unlock() {
        release(1);
    }

    @Override
    protected boolean tryAcquire(int ignored) {
        Thread me = Thread.currentThread();
        if (compareAndSetState(0, 1)) {
            setExclusiveOwnerThread(me);
            return true;
        }
        if (getExclusiveOwnerThread() == me) {
            setState(getState() + 1);
            return true;
        }
        return false;
    }

    @Override
    protected boolean tryRelease(int ignored) {
        if (getExclusiveOwnerThread() != Thread.currentThread()) {
            throw new IllegalMonitorStateException("the meter's lock is not held by this thread");
        }
        int holds = getState() - 1;
        if (holds == 0) {
            setExclusiveOwnerThread(null);
        }
        setState(holds);
        return holds == 0;
    }

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
        int version = beginChange();
        grownEnergyNanowattHours += added.energyNanowattHours();
        grownMinPowerMilliwatts = Math.min(grownMinPowerMilliwatts, added.minPowerMilliwatts());
        grownMaxPowerMilliwatts = Math.max(grownMaxPowerMilliwatts, added.maxPowerMilliwatts());
        grownSumPowerMilliwatts += added.sumPowerMilliwatts();
        grownSamples += added.samples();
        grownCoveredMs += added.coveredMs();
        endChange(version);
    }

    private void setNewest(Reading newest) {
        hasNewest = newest != null;
        if (hasNewest) {
            newestMs = newest.timestampMs();
            newestPowerMilliwatts = newest.powerMilliwatts();
            newestEnergyMilliwattHours = newest.energyMilliwattHours();
        }
    }

    /** Marks a change as under way (odd version); returns the version to end with. */
    private int beginChange() {
        int version = (int) VERSION.getOpaque(this) + 1;
        VERSION.setOpaque(this, version);
        VarHandle.storeStoreFence(); // the odd version before any changed field
        return version;
    }

    private void endChange(int version) {
        VERSION.setRelease(this, version + 1); // after every changed field
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
        int version = beginChange();
        open = fields;
        grownEnergyNanowattHours = 0;
        grownMinPowerMilliwatts = Long.MAX_VALUE;
        grownMaxPowerMilliwatts = Long.MIN_VALUE;
        grownSumPowerMilliwatts = 0;
        grownSamples = 0;
        grownCoveredMs = 0;
        endChange(version);
    }

    /** The newest stored reading, or null; call under {@link #lock()}. */
    public Reading newest() {
        return hasNewest ? new Reading(newestMs, newestPowerMilliwatts, newestEnergyMilliwattHours) : null;
    }

    /**
     * The open row of a level, or null when the meter has no readings. Needs no meter lock: read
     * again while a writer changed the rows meanwhile (a change takes nanoseconds).
     */
    public Rollup openRow(int level) {
        while (true) {
            int version = (int) VERSION.getAcquire(this);
            if ((version & 1) == 0) {
                Rollup row = row(level);
                VarHandle.loadLoadFence(); // the row's fields before the version check
                if ((int) VERSION.getOpaque(this) == version) {
                    return row;
                }
            }
            Thread.onSpinWait();
        }
    }

    /** All open rows by level ordinal (nulls when the meter has no readings); call under {@link #lock()}. */
    public Rollup[] openRows() {
        Rollup[] rows = new Rollup[LEVELS];
        for (int level = 0; level < LEVELS; level++) {
            rows[level] = row(level);
        }
        return rows;
    }

    private Rollup row(int level) {
        long[] fields = open;
        if (fields == null) {
            return null;
        }
        int at = level * ROW_FIELDS;
        return new Rollup(fields[at], fields[at + 1] + grownEnergyNanowattHours,
                Math.min(fields[at + 2], grownMinPowerMilliwatts), Math.max(fields[at + 3], grownMaxPowerMilliwatts),
                fields[at + 4] + grownSumPowerMilliwatts, fields[at + 5] + grownSamples, fields[at + 6] + grownCoveredMs);
    }

    public long pendingEpoch() {
        return pendingEpoch;
    }

    /**
     * Records that the meter's readings went to the pending log in {@code epoch} (once the record
     * is durable); returns whether the meter joins that epoch with this write.
     */
    public boolean pendingIn(long epoch) {
        if (pendingEpoch == epoch) {
            return false;
        }
        pendingEpoch = epoch;
        return true;
    }
}
