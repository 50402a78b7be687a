package io.gridpulse.store.internal;

import io.gridpulse.core.Reading;
import io.gridpulse.store.ReadingColumns;

/**
 * A snapshot of one meter's readings that are durable in the pending log but not yet in head
 * blocks, in time order: gathered from the {@link PendingBlocks} for a reader.
 */
public final class PendingReadings {
    /** Timestamp, power and energy of each reading side by side. */
    static final int STRIDE = HeadBlock.STRIDE;
    private final long[] fields;
    private final int size;

    PendingReadings(long[] fields, int size) {
        this.fields = fields;
        this.size = size;
    }

    public int size() {
        return size;
    }

    private long timestampMs(int i) {
        return fields[i * STRIDE];
    }

    /** Adds the readings with fromMs ≤ ts < toMs to {@code out}. */
    public void addTo(ReadingColumns out, long fromMs, long toMs) {
        for (int i = 0; i < size; i++) {
            long ts = timestampMs(i);
            if (ts >= fromMs && ts < toMs) {
                out.add(ts, fields[i * STRIDE + 1], fields[i * STRIDE + 2]);
            }
        }
    }

    /** The newest reading with ts < timestampMs, or null. */
    public Reading lastBefore(long timestampMs) {
        for (int i = size - 1; i >= 0; i--) {
            if (timestampMs(i) < timestampMs) {
                return get(i);
            }
        }
        return null;
    }

    /** The oldest reading with ts > timestampMs, or null. */
    public Reading firstAfter(long timestampMs) {
        for (int i = 0; i < size; i++) {
            if (timestampMs(i) > timestampMs) {
                return get(i);
            }
        }
        return null;
    }

    public Reading get(int i) {
        return new Reading(fields[i * STRIDE], fields[i * STRIDE + 1], fields[i * STRIDE + 2]);
    }
}
