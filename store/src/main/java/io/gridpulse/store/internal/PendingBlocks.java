package io.gridpulse.store.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The pending-log records not yet moved into head blocks, in memory as {@link PendingBlock}s in
 * the order their writes finished (so each meter's blocks are in its time order: its writes are
 * serialised). A move takes a cut of all blocks, writes their readings into head blocks, then
 * drops them. Readers look a meter up in every block; they must do so before reading head blocks,
 * so that a move between the two shows its readings in one place or both, never in neither.
 *
 * <p>Epochs let readers skip the search: each cut starts a new epoch, a meter's state records the
 * epoch of its last pending readings, and once the move of a cut is done no meter whose epoch is
 * at most the cut's has any readings left in memory.
 */
public final class PendingBlocks {
    private final ConcurrentLinkedQueue<PendingBlock> blocks = new ConcurrentLinkedQueue<>();
    private final AtomicLong nextSequence = new AtomicLong();
    /** Readings, meters (each counted once per epoch) and blocks added since the last cut. */
    private final AtomicLong readingsSinceCut = new AtomicLong();
    private final AtomicInteger metersSinceCut = new AtomicInteger();
    private final AtomicInteger blocksSinceCut = new AtomicInteger();
    private volatile long epoch;
    private volatile long movedThroughEpoch = -1;

    /** A move's share: every block held when it was taken, and the epoch they belong to. */
    public record Cut(long epoch, long sequenceLimit, List<PendingBlock> blocks) {}

    /** The sequence number of the next pending-log record. */
    public long nextSequence() {
        return nextSequence.getAndIncrement();
    }

    /** After an open: records on disk used sequences up to {@code lastUsed}. */
    public void continueAfter(long lastUsed) {
        nextSequence.set(lastUsed + 1);
    }

    /** The epoch writes record in the states of their pending meters; constant during a write. */
    public long epoch() {
        return epoch;
    }

    /**
     * Called once the block's record is durable, with the number of its meters that joined this
     * epoch (their state's epoch was older).
     */
    public void add(PendingBlock block, int newMeters) {
        blocks.add(block);
        readingsSinceCut.addAndGet(block.readings());
        metersSinceCut.addAndGet(newMeters);
        blocksSinceCut.incrementAndGet();
    }

    public long readingsSinceCut() {
        return readingsSinceCut.get();
    }

    public int metersSinceCut() {
        return metersSinceCut.get();
    }

    public int blocksSinceCut() {
        return blocksSinceCut.get();
    }

    /**
     * The meter's readings in memory, in time order, or null when none. {@code meterEpoch} is the
     * epoch its state recorded with its last pending readings.
     */
    public PendingReadings of(long meterKey, long meterEpoch) {
        if (meterEpoch <= movedThroughEpoch) {
            return null; // all its blocks are moved
        }
        long[] fields = null;
        int count = 0;
        for (PendingBlock block : blocks) {
            int meter = block.indexOf(meterKey);
            if (meter < 0) {
                continue;
            }
            int from = block.start(meter);
            int to = block.end(meter);
            int needed = (count + to - from) * PendingReadings.STRIDE;
            if (fields == null || needed > fields.length) {
                fields = fields == null ? new long[Math.max(needed, 64 * PendingReadings.STRIDE)]
                        : Arrays.copyOf(fields, Math.max(needed, fields.length * 2));
            }
            for (int r = from; r < to; r++) {
                int at = count++ * PendingReadings.STRIDE;
                fields[at] = block.timestampMs(r);
                fields[at + 1] = block.powerMilliwatts(r);
                fields[at + 2] = block.energyMilliwattHours(r);
            }
        }
        return count == 0 ? null : new PendingReadings(fields, count);
    }

    /** Readings held in memory now (for tests). */
    public long readingsHeld() {
        long held = 0;
        for (PendingBlock block : blocks) {
            held += block.readings();
        }
        return held;
    }

    /**
     * Takes every block held and starts a new epoch. The caller makes sure no write is between
     * its record and {@link #add}: then the records below the cut's sequence limit hold exactly
     * the cut's readings.
     */
    public Cut cut() {
        long cutEpoch = epoch;
        epoch = cutEpoch + 1;
        readingsSinceCut.set(0);
        metersSinceCut.set(0);
        blocksSinceCut.set(0);
        return new Cut(cutEpoch, nextSequence.get(), new ArrayList<>(blocks));
    }

    /** The cut's readings are in head blocks now: drops its blocks, the oldest held. */
    public void moved(Cut cut) {
        for (PendingBlock block : cut.blocks()) {
            PendingBlock oldest = blocks.poll();
            if (oldest != block) {
                throw new IllegalStateException("pending blocks dropped out of order: " + block.sequence() + " expected, "
                        + (oldest == null ? "none" : oldest.sequence()) + " held");
            }
        }
        movedThroughEpoch = cut.epoch();
    }

    /** The move of the cut failed: its readings count again towards the next move. */
    public void notMoved(Cut cut) {
        Set<Long> meters = new HashSet<>();
        for (PendingBlock block : cut.blocks()) {
            readingsSinceCut.addAndGet(block.readings());
            blocksSinceCut.incrementAndGet();
            for (int m = 0; m < block.meters(); m++) {
                meters.add(block.key(m));
            }
        }
        metersSinceCut.addAndGet(meters.size());
    }

    /** Forgets every block (the store reopened: the records on disk are moved at open). */
    public void clear() {
        blocks.clear();
        readingsSinceCut.set(0);
        metersSinceCut.set(0);
        blocksSinceCut.set(0);
        movedThroughEpoch = epoch;
        epoch = epoch + 1;
    }
}
