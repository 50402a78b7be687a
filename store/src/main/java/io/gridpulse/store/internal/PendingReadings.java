package io.gridpulse.store.internal;

import io.gridpulse.core.Reading;
import io.gridpulse.store.ReadingColumns;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One meter's readings that are durable in the pending log (see {@link PendingLog}) but not yet
 * in head blocks, in time order. Readers use the instance they got without a lock: the writer
 * only appends behind its size and publishes a new instance, so the entries an instance shows
 * never change (a grown copy gets a new array).
 */
public final class PendingReadings {
    /**
     * Timestamp, power and energy of each reading side by side: an append touches one array of
     * the meter (a fleet second touches a thousand meters' arrays, so cache misses count).
     */
    private static final int STRIDE = 3;
    /**
     * Small, then doubled: at 100,000 meters the 2 M-reading cap moves pending readings every ~20 s,
     * and starting at a minute's worth (64) measured 229 instead of 154 MB of heap.
     */
    private static final int INITIAL_READINGS = 8;
    private final long[] fields;
    private final int size;

    private PendingReadings(long[] fields, int size) {
        this.fields = fields;
        this.size = size;
    }

    /** {@code pending} (may be null) followed by {@code readings}, which are all newer. */
    public static PendingReadings append(PendingReadings pending, List<Reading> readings) {
        int old = pending == null ? 0 : pending.size;
        int needed = old + readings.size();
        long[] fields = pending == null ? null : pending.fields;
        if (fields == null || needed * STRIDE > fields.length) {
            int capacity = Math.max(needed, Math.max(INITIAL_READINGS, old * 2));
            fields = fields == null ? new long[capacity * STRIDE] : Arrays.copyOf(fields, capacity * STRIDE);
        }
        int at = old * STRIDE;
        for (int i = 0; i < readings.size(); i++) {
            Reading r = readings.get(i);
            fields[at++] = r.timestampMs();
            fields[at++] = r.powerMilliwatts();
            fields[at++] = r.energyMilliwattHours();
        }
        return new PendingReadings(fields, needed);
    }

    /** A copy without the oldest {@code count} readings (moved meanwhile). */
    public PendingReadings withoutFirst(int count) {
        return new PendingReadings(Arrays.copyOfRange(fields, count * STRIDE, fields.length), size - count);
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

    public List<Reading> toList() {
        List<Reading> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            out.add(get(i));
        }
        return out;
    }
}
