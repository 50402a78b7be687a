package io.gridpulse.store.internal;

import io.gridpulse.core.Reading;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
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
    public record Cut(long epoch, long sequenceLimit, List<PendingBlock> blocks) {
        /** Its readings meter by meter. */
        public ByMeter byMeter() {
            return new ByMeter(blocks);
        }
    }

    /**
     * Walks blocks' meters, each once with its readings of all blocks in block (hence time)
     * order. A gateway sends the same meters every second, so blocks fall into groups with the
     * same meters: within a group the i-th meter of each block is the same meter, and a walk
     * needs no map and no object per reading. Should groups share a meter (a meter that moved
     * between gateways), the blocks are first merged into one.
     */
    public static final class ByMeter {
        /** Meters per tile of a group whose blocks hold one reading per meter (see {@link #next}). */
        private static final int TILE_METERS = 16;

        private final List<List<PendingBlock>> groups;
        /** Per group: its blocks hold one reading per meter, so it is walked through tiles. */
        private final boolean[] tiled;
        private int group;
        private int meter = -1;
        private long key;
        private long[] fields = new long[64 * PendingReadings.STRIDE];
        private int count;
        private long[] tile = new long[0];
        private int tileGroup = -1;
        private int tileFirst;
        private int tileMeters;

        ByMeter(List<PendingBlock> blocks) {
            Map<MeterList, List<PendingBlock>> byMeters = new LinkedHashMap<>();
            for (PendingBlock block : blocks) {
                byMeters.computeIfAbsent(new MeterList(block), m -> new ArrayList<>()).add(block);
            }
            List<List<PendingBlock>> found = new ArrayList<>(byMeters.values());
            groups = found.size() > 1 && shareAMeter(found) ? List.of(List.of(merged(blocks))) : found;
            tiled = new boolean[groups.size()];
            for (int g = 0; g < tiled.length; g++) {
                tiled[g] = oneReadingPerMeter(groups.get(g));
            }
        }

        /** Moves to the next meter; false when all are walked. */
        public boolean next() {
            meter++;
            while (group < groups.size() && meter == groups.get(group).get(0).meters()) {
                group++;
                meter = 0;
            }
            if (group == groups.size()) {
                return false;
            }
            List<PendingBlock> blocks = groups.get(group);
            key = blocks.get(0).key(meter);
            if (tiled[group]) {
                readFromTile(blocks);
                return true;
            }
            count = 0;
            for (PendingBlock block : blocks) {
                fields = copyReadings(block, meter, fields, count);
                count += block.end(meter) - block.start(meter);
            }
            return true;
        }

        /**
         * A gateway's fleet seconds: the meter's readings are the same slot of every block. Read
         * slot by slot, one meter's readings would cost a cache line of each of the group's
         * blocks per meter (a move takes hundreds of blocks, written seconds before); a tile of
         * {@value #TILE_METERS} meters is instead filled by reading each block's run of those
         * meters once, in order, and then hands out the meters one after the other.
         */
        private void readFromTile(List<PendingBlock> blocks) {
            int n = blocks.size();
            if (tileGroup != group || meter >= tileFirst + tileMeters) {
                tileGroup = group;
                tileFirst = meter;
                tileMeters = Math.min(TILE_METERS, blocks.get(0).meters() - meter);
                int needed = TILE_METERS * n * PendingReadings.STRIDE;
                if (tile.length < needed) {
                    tile = new long[needed];
                }
                for (int b = 0; b < n; b++) {
                    blocks.get(b).copySlots(tileFirst, tileMeters, tile, b, n);
                }
            }
            int length = n * PendingReadings.STRIDE;
            if (fields.length < length) {
                fields = new long[Math.max(length, fields.length * 2)];
            }
            System.arraycopy(tile, (meter - tileFirst) * length, fields, 0, length);
            count = n;
        }

        private static boolean oneReadingPerMeter(List<PendingBlock> blocks) {
            for (PendingBlock block : blocks) {
                if (block.readings() != block.meters()) {
                    return false;
                }
            }
            return true;
        }

        public long key() {
            return key;
        }

        /** The meter's readings: timestamp, power, energy side by side; valid until {@link #next}. */
        public long[] fields() {
            return fields;
        }

        public int count() {
            return count;
        }

        private static boolean shareAMeter(List<List<PendingBlock>> groups) {
            int meters = 0;
            for (List<PendingBlock> group : groups) {
                meters += group.get(0).meters();
            }
            long[] keys = new long[meters]; // sorted, a key shared by two groups is a neighbour of itself
            int at = 0;
            for (List<PendingBlock> group : groups) {
                PendingBlock first = group.get(0);
                for (int m = 0; m < first.meters(); m++) {
                    keys[at++] = first.key(m);
                }
            }
            Arrays.sort(keys);
            for (int i = 1; i < keys.length; i++) {
                if (keys[i] == keys[i - 1]) {
                    return true;
                }
            }
            return false;
        }

        /** One block with every meter of the blocks, each with its readings in block order. */
        private static PendingBlock merged(List<PendingBlock> blocks) {
            Map<Long, List<Reading>> byMeter = new TreeMap<>();
            for (PendingBlock block : blocks) {
                for (int m = 0; m < block.meters(); m++) {
                    byMeter.computeIfAbsent(block.key(m), k -> new ArrayList<>()).addAll(block.readings(m));
                }
            }
            PendingBlock.Builder builder = new PendingBlock.Builder(byMeter.size());
            byMeter.forEach(builder::add);
            return builder.build(-1);
        }

        /** A block's meters, equal to another's when they are the same meters in the same order. */
        private record MeterList(PendingBlock block) {
            @Override
            public boolean equals(Object o) {
                return o instanceof MeterList other && block.sameMeters(other.block);
            }

            @Override
            public int hashCode() {
                return block.metersHash();
            }
        }
    }

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
            if (meter >= 0) {
                fields = copyReadings(block, meter, fields == null ? new long[64 * PendingReadings.STRIDE] : fields, count);
                count += block.end(meter) - block.start(meter);
            }
        }
        return count == 0 ? null : new PendingReadings(fields, count);
    }

    /**
     * The block's readings of its {@code meter}-th meter put behind the first {@code count}
     * readings of {@code fields}, or of a larger copy when they do not fit; returns the array.
     */
    private static long[] copyReadings(PendingBlock block, int meter, long[] fields, int count) {
        int needed = (count + block.end(meter) - block.start(meter)) * PendingReadings.STRIDE;
        long[] out = needed <= fields.length ? fields : Arrays.copyOf(fields, Math.max(needed, fields.length * 2));
        block.copyReadings(meter, out, count);
        return out;
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
