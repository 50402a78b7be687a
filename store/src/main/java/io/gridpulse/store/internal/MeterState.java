package io.gridpulse.store.internal;

import io.gridpulse.core.Reading;
import io.gridpulse.core.Rollup;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What the store keeps in memory per meter: its write lock, its newest stored reading and, per
 * rollup level, the row of the bucket that holds that reading (the "open" bucket). Open rows are
 * not on disk: they are written when a newer reading closes their bucket, and recomputed from the
 * stored readings when the state is loaded (after a restart or crash). Fields other than
 * {@link #open} change only under {@link #lock}.
 */
public final class MeterState {
    public final ReentrantLock lock = new ReentrantLock();
    private volatile boolean loaded;
    private Reading newest;
    /** Per level ordinal: the open row, or null when the meter has no readings. Replaced, never mutated. */
    private volatile Rollup[] open;
    /** Readings in the pending log, not yet in head blocks; null when none. */
    private volatile PendingReadings pending;
    /** In the store's list of meters whose pending readings the next move takes. */
    private volatile boolean listedForMove;

    public boolean loaded() {
        return loaded;
    }

    public void load(Reading newest, Rollup[] open) {
        this.newest = newest;
        this.open = open;
        this.loaded = true;
    }

    /** Called only after the write is durable, so memory never runs ahead of the disk. */
    public void advance(Reading newest, Rollup[] open) {
        this.newest = newest;
        this.open = open;
    }

    public Reading newest() {
        return newest;
    }

    public Rollup[] open() {
        return open;
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
