package io.gridpulse.store.internal;

import io.gridpulse.core.Reading;
import java.util.Arrays;
import java.util.List;

/**
 * The in-order readings of one multi-meter write (a gateway's fleet second) that went to the
 * pending log: the record's contents in memory, in the record's layout: meters in key order, each
 * with its readings in time order. Immutable once built.
 *
 * <p>Kept per write rather than per meter: adding a thousand meters' readings to a thousand
 * per-meter buffers costs a cache miss each, adding them to one block costs none. A reader of one
 * meter finds its readings by binary search in each block ({@link PendingBlocks}).
 */
public final class PendingBlock {
    private final long sequence;
    private final long[] keys;
    /** The readings of {@code keys[i]} are [starts[i], starts[i + 1]). */
    private final int[] starts;
    /** Timestamp, power and energy of each reading side by side ({@link PendingReadings#STRIDE}). */
    private final long[] fields;
    private final int metersHash;

    private PendingBlock(long sequence, long[] keys, int[] starts, long[] fields) {
        this.sequence = sequence;
        this.keys = keys;
        this.starts = starts;
        this.fields = fields;
        this.metersHash = Arrays.hashCode(keys);
    }

    boolean sameMeters(PendingBlock other) {
        return metersHash == other.metersHash && Arrays.equals(keys, other.keys);
    }

    int metersHash() {
        return metersHash;
    }

    /** Copies the readings of its {@code meter}-th meter into {@code out} from reading {@code at} on. */
    void copyReadings(int meter, long[] out, int at) {
        int stride = PendingReadings.STRIDE;
        int from = starts[meter] * stride;
        int to = starts[meter + 1] * stride;
        for (int i = from, o = at * stride; i < to; i++, o++) { // mostly one reading: a loop beats the copy stub's call
            out[o] = fields[i];
        }
    }

    /**
     * For a block with one reading per meter: copies the readings of meters [first, first +
     * meters) into {@code tile}, where meter {@code first + t} owns {@code blocks} readings from
     * {@code t * blocks} on and this block's goes to the {@code block}-th of them.
     */
    void copySlots(int first, int meters, long[] tile, int block, int blocks) {
        int stride = PendingReadings.STRIDE;
        for (int t = 0, from = first * stride; t < meters; t++, from += stride) {
            int to = (t * blocks + block) * stride;
            tile[to] = fields[from];
            tile[to + 1] = fields[from + 1];
            tile[to + 2] = fields[from + 2];
        }
    }

    /** The pending-log record's sequence number. */
    public long sequence() {
        return sequence;
    }

    public int meters() {
        return keys.length;
    }

    public int readings() {
        return starts[keys.length];
    }

    public long key(int meter) {
        return keys[meter];
    }

    /** The meter's place in this block, or a negative number when it has no readings here. */
    int indexOf(long meterKey) {
        return Arrays.binarySearch(keys, meterKey);
    }

    int start(int meter) {
        return starts[meter];
    }

    int end(int meter) {
        return starts[meter + 1];
    }

    long timestampMs(int reading) {
        return fields[reading * PendingReadings.STRIDE];
    }

    long powerMilliwatts(int reading) {
        return fields[reading * PendingReadings.STRIDE + 1];
    }

    long energyMilliwattHours(int reading) {
        return fields[reading * PendingReadings.STRIDE + 2];
    }

    /** The readings of the block's {@code meter}-th meter, in time order. */
    public List<Reading> readings(int meter) {
        Reading[] out = new Reading[end(meter) - start(meter)];
        for (int r = start(meter); r < end(meter); r++) {
            out[r - start(meter)] = new Reading(timestampMs(r), powerMilliwatts(r), energyMilliwattHours(r));
        }
        return Arrays.asList(out);
    }

    /** Collects a write's meters, added in ascending key order. */
    public static final class Builder {
        private long[] keys;
        private int[] starts;
        private long[] fields;
        private int meters;
        private int readings;

        /** @param meters how many meters the write has (at most this many are added) */
        public Builder(int meters) {
            keys = new long[meters];
            starts = new int[meters + 1];
            fields = new long[meters * PendingReadings.STRIDE];
        }

        public void add(long meterKey, List<Reading> inTimeOrder) {
            if (meters > 0 && meterKey <= keys[meters - 1]) {
                throw new IllegalArgumentException("meter keys must ascend: " + meterKey + " after " + keys[meters - 1]);
            }
            int needed = (readings + inTimeOrder.size()) * PendingReadings.STRIDE;
            if (needed > fields.length) {
                fields = Arrays.copyOf(fields, Math.max(needed, fields.length * 2));
            }
            keys[meters] = meterKey;
            starts[meters] = readings;
            int at = readings * PendingReadings.STRIDE;
            for (int i = 0; i < inTimeOrder.size(); i++) {
                Reading r = inTimeOrder.get(i);
                fields[at++] = r.timestampMs();
                fields[at++] = r.powerMilliwatts();
                fields[at++] = r.energyMilliwattHours();
            }
            readings += inTimeOrder.size();
            meters++;
        }

        public boolean isEmpty() {
            return meters == 0;
        }

        public PendingBlock build(long sequence) {
            int[] ends = Arrays.copyOf(starts, meters + 1);
            ends[meters] = readings;
            return new PendingBlock(sequence, Arrays.copyOf(keys, meters), ends, fields);
        }
    }
}
