package io.gridpulse.store.internal;

import io.gridpulse.core.Reading;
import io.gridpulse.store.ReadingColumns;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * A snapshot of one meter's readings that are durable in the pending log (see {@link PendingLog})
 * but not yet in head blocks, in time order. The meter's {@link MeterState} holds them, appending
 * in place behind the count a snapshot saw, so a snapshot's entries never change.
 */
public final class PendingReadings {
    /**
     * Timestamp, power and energy of each reading side by side: an append touches one array of
     * the meter (a fleet second touches a thousand meters' arrays, so cache misses count).
     */
    static final int STRIDE = 3;
    /**
     * Small, then doubled: at 100,000 meters the 2 M-reading cap moves pending readings every ~20 s,
     * and starting at a minute's worth (64) measured 229 instead of 154 MB of heap.
     */
    private static final int INITIAL_READINGS = 8;
    private final long[] fields;
    private final int size;

    PendingReadings(long[] fields, int size) {
        this.fields = fields;
        this.size = size;
    }

    /**
     * {@code readings} put behind the first {@code size} readings of {@code fields} (may be null):
     * into {@code fields} itself when they fit, else into a grown copy. Returns the array.
     */
    static long[] append(long[] fields, int size, List<Reading> readings) {
        int needed = size + readings.size();
        if (fields == null || needed * STRIDE > fields.length) {
            int capacity = Math.max(needed, Math.max(INITIAL_READINGS, size * 2));
            fields = fields == null ? new long[capacity * STRIDE] : Arrays.copyOf(fields, capacity * STRIDE);
        }
        int at = size * STRIDE;
        for (int i = 0; i < readings.size(); i++) {
            Reading r = readings.get(i);
            fields[at++] = r.timestampMs();
            fields[at++] = r.powerMilliwatts();
            fields[at++] = r.energyMilliwattHours();
        }
        return fields;
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

    /** The readings as a list that makes each {@link Reading} when asked (a move walks them once). */
    public List<Reading> asList() {
        return new ReadingsView();
    }

    private final class ReadingsView extends AbstractList<Reading> implements RandomAccess {
        @Override
        public Reading get(int i) {
            Objects.checkIndex(i, size);
            return PendingReadings.this.get(i);
        }

        @Override
        public int size() {
            return size;
        }
    }
}
