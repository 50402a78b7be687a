package io.gridpulse.store.internal;

import io.gridpulse.core.Reading;
import io.gridpulse.store.ReadingColumns;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One meter's readings that are durable in the pending log (see {@link PendingLog}) but not yet
 * in head blocks, in time order. Readers take {@link #snapshot} without a lock: the writer only
 * appends behind the published size and publishes a new instance, so the entries a snapshot
 * shows never change (a grown copy gets new arrays).
 */
public final class PendingReadings {
    private final long[] timestampsMs;
    private final long[] powerMilliwatts;
    private final long[] energyMilliwattHours;
    private final int size;

    private PendingReadings(long[] timestampsMs, long[] powerMilliwatts, long[] energyMilliwattHours, int size) {
        this.timestampsMs = timestampsMs;
        this.powerMilliwatts = powerMilliwatts;
        this.energyMilliwattHours = energyMilliwattHours;
        this.size = size;
    }

    /** {@code pending} (may be null) followed by {@code readings}, which are all newer. */
    public static PendingReadings append(PendingReadings pending, List<Reading> readings) {
        int old = pending == null ? 0 : pending.size;
        int needed = old + readings.size();
        PendingReadings grown = pending;
        if (pending == null || needed > pending.timestampsMs.length) {
            int capacity = Math.max(needed, Math.max(8, old * 2));
            grown = pending == null
                    ? new PendingReadings(new long[capacity], new long[capacity], new long[capacity], 0)
                    : new PendingReadings(Arrays.copyOf(pending.timestampsMs, capacity),
                            Arrays.copyOf(pending.powerMilliwatts, capacity),
                            Arrays.copyOf(pending.energyMilliwattHours, capacity), old);
        }
        for (int i = 0; i < readings.size(); i++) {
            Reading r = readings.get(i);
            grown.timestampsMs[old + i] = r.timestampMs();
            grown.powerMilliwatts[old + i] = r.powerMilliwatts();
            grown.energyMilliwattHours[old + i] = r.energyMilliwattHours();
        }
        return new PendingReadings(grown.timestampsMs, grown.powerMilliwatts, grown.energyMilliwattHours, needed);
    }

    /** A copy without the oldest {@code count} readings (moved meanwhile). */
    public PendingReadings withoutFirst(int count) {
        return new PendingReadings(Arrays.copyOfRange(timestampsMs, count, timestampsMs.length),
                Arrays.copyOfRange(powerMilliwatts, count, powerMilliwatts.length),
                Arrays.copyOfRange(energyMilliwattHours, count, energyMilliwattHours.length), size - count);
    }

    public int size() {
        return size;
    }

    /** Adds the readings with fromMs ≤ ts < toMs to {@code out}. */
    public void addTo(ReadingColumns out, long fromMs, long toMs) {
        for (int i = 0; i < size; i++) {
            long ts = timestampsMs[i];
            if (ts >= fromMs && ts < toMs) {
                out.add(ts, powerMilliwatts[i], energyMilliwattHours[i]);
            }
        }
    }

    /** The newest reading with ts < timestampMs, or null. */
    public Reading lastBefore(long timestampMs) {
        for (int i = size - 1; i >= 0; i--) {
            if (timestampsMs[i] < timestampMs) {
                return get(i);
            }
        }
        return null;
    }

    /** The oldest reading with ts > timestampMs, or null. */
    public Reading firstAfter(long timestampMs) {
        for (int i = 0; i < size; i++) {
            if (timestampsMs[i] > timestampMs) {
                return get(i);
            }
        }
        return null;
    }

    public Reading get(int i) {
        return new Reading(timestampsMs[i], powerMilliwatts[i], energyMilliwattHours[i]);
    }

    public List<Reading> toList() {
        List<Reading> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            out.add(get(i));
        }
        return out;
    }
}
