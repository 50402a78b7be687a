package io.gridpulse.store;

import io.gridpulse.core.Reading;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Readings column-wise (timestamp, power, energy as primitive arrays), in the order added: what
 * {@link ReadingStore#readRawColumns} returns, without one object per reading (a day at 1 Hz is
 * 86,400 readings). Not thread-safe; the caller owns it.
 */
public final class ReadingColumns {
    private long[] timestampsMs;
    private long[] powerMilliwatts;
    private long[] energyMilliwattHours;
    private int size;

    public ReadingColumns(int capacity) {
        int c = Math.max(capacity, 8);
        timestampsMs = new long[c];
        powerMilliwatts = new long[c];
        energyMilliwattHours = new long[c];
    }

    public void add(long timestampMs, long power, long energy) {
        ensureCapacity(size + 1);
        timestampsMs[size] = timestampMs;
        powerMilliwatts[size] = power;
        energyMilliwattHours[size] = energy;
        size++;
    }

    /**
     * Adds entries {@code [from, to)} of the given columns; {@code energy} null means no reading
     * there has a register.
     */
    public void addAll(long[] timestamps, long[] power, long[] energy, int from, int to) {
        int n = to - from;
        ensureCapacity(size + n);
        System.arraycopy(timestamps, from, timestampsMs, size, n);
        System.arraycopy(power, from, powerMilliwatts, size, n);
        if (energy == null) {
            Arrays.fill(energyMilliwattHours, size, size + n, Reading.NO_ENERGY);
        } else {
            System.arraycopy(energy, from, energyMilliwattHours, size, n);
        }
        size += n;
    }

    /** Adds entries {@code [from, to)} of {@code other}. */
    public void addAll(ReadingColumns other, int from, int to) {
        addAll(other.timestampsMs, other.powerMilliwatts, other.energyMilliwattHours, from, to);
    }

    private void ensureCapacity(int needed) {
        if (needed > timestampsMs.length) {
            int c = Math.max(needed, timestampsMs.length * 2);
            timestampsMs = Arrays.copyOf(timestampsMs, c);
            powerMilliwatts = Arrays.copyOf(powerMilliwatts, c);
            energyMilliwattHours = Arrays.copyOf(energyMilliwattHours, c);
        }
    }

    public int size() {
        return size;
    }

    public long timestampMs(int i) {
        return timestampsMs[i];
    }

    public long powerMilliwatts(int i) {
        return powerMilliwatts[i];
    }

    /** The register value, or {@link Reading#NO_ENERGY}. */
    public long energyMilliwattHours(int i) {
        return energyMilliwattHours[i];
    }

    public boolean hasEnergy(int i) {
        return energyMilliwattHours[i] != Reading.NO_ENERGY;
    }

    public Reading get(int i) {
        return new Reading(timestampsMs[i], powerMilliwatts[i], energyMilliwattHours[i]);
    }

    /**
     * Sorts by timestamp (blocks of late batches overlap earlier ones in time) and keeps the first
     * of readings with the same timestamp (a reading met twice while it moves between places).
     * Already-ordered columns, the common case, are left as they are.
     */
    public void sortWithoutRepeats() {
        for (int i = 1; i < size; i++) {
            if (timestampsMs[i] <= timestampsMs[i - 1]) {
                sortByIndex();
                dropRepeats();
                return;
            }
        }
    }

    private void dropRepeats() {
        int kept = Math.min(size, 1);
        for (int i = 1; i < size; i++) {
            if (timestampsMs[i] != timestampsMs[kept - 1]) {
                timestampsMs[kept] = timestampsMs[i];
                powerMilliwatts[kept] = powerMilliwatts[i];
                energyMilliwattHours[kept] = energyMilliwattHours[i];
                kept++;
            }
        }
        size = kept;
    }

    private void sortByIndex() {
        Integer[] order = new Integer[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Long.compare(timestampsMs[a], timestampsMs[b]));
        long[] t = new long[size];
        long[] p = new long[size];
        long[] e = new long[size];
        for (int i = 0; i < size; i++) {
            t[i] = timestampsMs[order[i]];
            p[i] = powerMilliwatts[order[i]];
            e[i] = energyMilliwattHours[order[i]];
        }
        timestampsMs = t;
        powerMilliwatts = p;
        energyMilliwattHours = e;
    }

    public List<Reading> toList() {
        List<Reading> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            out.add(get(i));
        }
        return out;
    }
}
