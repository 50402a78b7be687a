package io.gridpulse.tariff;

import io.gridpulse.core.InvalidInputException;
import io.gridpulse.core.Units;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongUnaryOperator;

/**
 * Imported energy per UTC hour bucket, as the store's hourly rollup provides it: bucket start
 * (epoch ms, a whole hour) to energy in microwatt-hours. Immutable and thread-safe.
 *
 * <p>A bucket belongs to the local day and hour in which it starts. Energy is import only, never
 * negative (export is billed separately, if at all).
 *
 * <p>Two sorted arrays, and {@link #between} a view of them: a bill reads two months of hours
 * and cuts them into periods and days many times; a tree of boxed longs made that most of the
 * cost of pricing a meter (JFR, bill watcher).
 */
public final class HourlyUsage {
    private static final HourlyUsage EMPTY = new HourlyUsage(new long[0], new long[0], 0, 0);

    private final long[] hourStartMs;
    private final long[] microwattHours;
    private final int from;
    private final int to;

    private HourlyUsage(long[] hourStartMs, long[] microwattHours, int from, int to) {
        this.hourStartMs = hourStartMs;
        this.microwattHours = microwattHours;
        this.from = from;
        this.to = to;
    }

    /** Receives one bucket. */
    @FunctionalInterface
    public interface BucketConsumer {
        void accept(long hourStartMs, long microwattHours);
    }

    /**
     * Usage from hour buckets.
     *
     * @param microwattHoursByHourStartMs bucket start in UTC epoch ms (multiple of 3,600,000) to
     *     energy in microwatt-hours (>= 0)
     * @throws InvalidInputException when a bucket is not hour-aligned or negative
     */
    public static HourlyUsage of(Map<Long, Long> microwattHoursByHourStartMs) {
        TreeMap<Long, Long> sorted = new TreeMap<>(microwattHoursByHourStartMs);
        long[] hours = new long[sorted.size()];
        long[] energy = new long[sorted.size()];
        int i = 0;
        for (Map.Entry<Long, Long> e : sorted.entrySet()) {
            hours[i] = e.getKey();
            energy[i++] = e.getValue();
        }
        return of(hours, energy);
    }

    /**
     * Usage from parallel arrays of bucket starts in ascending order and their energy (kept, not
     * copied: the caller hands them over).
     *
     * @throws InvalidInputException when a bucket is not hour-aligned, out of order, repeated or negative
     */
    public static HourlyUsage of(long[] hourStartMs, long[] microwattHours) {
        if (hourStartMs.length != microwattHours.length) {
            throw new IllegalArgumentException("arrays of different lengths");
        }
        for (int i = 0; i < hourStartMs.length; i++) {
            if (hourStartMs[i] % Units.MILLIS_PER_HOUR != 0) {
                throw new InvalidInputException("usage", "bucket start is not a whole hour: " + hourStartMs[i]);
            }
            if (i > 0 && hourStartMs[i] <= hourStartMs[i - 1]) {
                throw new InvalidInputException("usage", "buckets out of order or repeated at " + hourStartMs[i]);
            }
            if (microwattHours[i] < 0) {
                throw new InvalidInputException("usage", "negative energy in bucket " + hourStartMs[i]);
            }
        }
        return new HourlyUsage(hourStartMs, microwattHours, 0, hourStartMs.length);
    }

    public static HourlyUsage empty() {
        return EMPTY;
    }

    /**
     * A total spread evenly over the hour buckets starting in [from, to); the remainder of the
     * integer division goes to the first buckets, so the total is exact. Used when only a
     * period's kWh is known (e.g. {@code gridpulse bill --kwh}).
     */
    public static HourlyUsage spreadEvenly(Instant fromInclusive, Instant toExclusive, long totalMicrowattHours) {
        if (totalMicrowattHours < 0) {
            throw new InvalidInputException("kwh", "energy must not be negative");
        }
        long first = Math.floorDiv(fromInclusive.toEpochMilli(), Units.MILLIS_PER_HOUR) * Units.MILLIS_PER_HOUR;
        long hours = Math.max(1, (toExclusive.toEpochMilli() - first + Units.MILLIS_PER_HOUR - 1) / Units.MILLIS_PER_HOUR);
        long[] starts = new long[Math.toIntExact(hours)];
        long[] energy = new long[starts.length];
        for (int i = 0; i < starts.length; i++) {
            starts[i] = first + i * Units.MILLIS_PER_HOUR;
            energy[i] = totalMicrowattHours / hours + (i < totalMicrowattHours % hours ? 1 : 0);
        }
        return new HourlyUsage(starts, energy, 0, starts.length);
    }

    public int size() {
        return to - from;
    }

    public boolean isEmpty() {
        return to == from;
    }

    /** The i-th bucket's start (UTC epoch ms), ascending in i. */
    public long hourStartMs(int i) {
        return hourStartMs[from + checkIndex(i)];
    }

    /** The i-th bucket's energy. */
    public long microwattHours(int i) {
        return microwattHours[from + checkIndex(i)];
    }

    private int checkIndex(int i) {
        if (i < 0 || i >= size()) {
            throw new IndexOutOfBoundsException(i + " of " + size() + " buckets");
        }
        return i;
    }

    /** Every bucket in time order. */
    public void forEach(BucketConsumer action) {
        for (int i = from; i < to; i++) {
            action.accept(hourStartMs[i], microwattHours[i]);
        }
    }

    public long totalMicrowattHours() {
        long total = 0;
        for (int i = from; i < to; i++) {
            total = Math.addExact(total, microwattHours[i]);
        }
        return total;
    }

    /** The buckets whose start lies in [from, to). */
    public HourlyUsage between(Instant fromInclusive, Instant toExclusive) {
        if (!toExclusive.isAfter(fromInclusive)) {
            return EMPTY;
        }
        int start = firstAtOrAfter(fromInclusive.toEpochMilli());
        int end = firstAtOrAfter(toExclusive.toEpochMilli());
        return start == from && end == to ? this : new HourlyUsage(hourStartMs, microwattHours, start, end);
    }

    private int firstAtOrAfter(long ms) {
        int i = Arrays.binarySearch(hourStartMs, from, to, ms);
        return i >= 0 ? i : -i - 1;
    }

    /** The same buckets with each energy mapped (e.g. scaled; results must not be negative). */
    public HourlyUsage mapEnergy(LongUnaryOperator energy) {
        long[] mapped = new long[size()];
        for (int i = 0; i < mapped.length; i++) {
            mapped[i] = energy.applyAsLong(microwattHours[from + i]);
            if (mapped[i] < 0) {
                throw new InvalidInputException("usage", "negative energy in bucket " + hourStartMs[from + i]);
            }
        }
        return new HourlyUsage(Arrays.copyOfRange(hourStartMs, from, to), mapped, 0, mapped.length);
    }

    /** Bucket-wise sum of both usages. */
    public HourlyUsage plus(HourlyUsage other) {
        long[] hours = new long[size() + other.size()];
        long[] energy = new long[hours.length];
        int a = from;
        int b = other.from;
        int n = 0;
        while (a < to || b < other.to) {
            long ha = a < to ? hourStartMs[a] : Long.MAX_VALUE;
            long hb = b < other.to ? other.hourStartMs[b] : Long.MAX_VALUE;
            hours[n] = Math.min(ha, hb);
            energy[n] = Math.addExact(ha <= hb ? microwattHours[a++] : 0, hb <= ha ? other.microwattHours[b++] : 0);
            n++;
        }
        return new HourlyUsage(Arrays.copyOf(hours, n), Arrays.copyOf(energy, n), 0, n);
    }

    @Override
    public String toString() {
        return "HourlyUsage[" + size() + " buckets, " + totalMicrowattHours() + " uWh]";
    }
}
