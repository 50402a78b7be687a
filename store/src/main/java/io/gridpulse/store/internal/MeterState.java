package io.gridpulse.store.internal;

import io.gridpulse.core.Reading;
import io.gridpulse.core.Rollup;
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
}
