package io.gridpulse.tariff;

import io.gridpulse.core.InvalidInputException;
import io.gridpulse.core.Units;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Imported energy per UTC hour bucket, as the store's hourly rollup provides it: bucket start
 * (epoch ms, a whole hour) to energy in microwatt-hours. Immutable and thread-safe.
 *
 * <p>A bucket belongs to the local day and hour in which it starts. Energy is import only, never
 * negative (export is billed separately, if at all).
 */
public final class HourlyUsage {
    private static final HourlyUsage EMPTY = new HourlyUsage(new TreeMap<>());

    private final NavigableMap<Long, Long> microwattHoursByHourStartMs;

    private HourlyUsage(TreeMap<Long, Long> buckets) {
        this.microwattHoursByHourStartMs = Collections.unmodifiableNavigableMap(buckets);
    }

    /**
     * Usage from hour buckets.
     *
     * @param microwattHoursByHourStartMs bucket start in UTC epoch ms (multiple of 3,600,000) to
     *     energy in microwatt-hours (>= 0)
     * @throws InvalidInputException when a bucket is not hour-aligned or negative
     */
    public static HourlyUsage of(Map<Long, Long> microwattHoursByHourStartMs) {
        TreeMap<Long, Long> copy = new TreeMap<>();
        microwattHoursByHourStartMs.forEach((hourStartMs, microwattHours) -> {
            if (hourStartMs % Units.MILLIS_PER_HOUR != 0) {
                throw new InvalidInputException("usage", "bucket start is not a whole hour: " + hourStartMs);
            }
            if (microwattHours < 0) {
                throw new InvalidInputException("usage", "negative energy in bucket " + hourStartMs);
            }
            copy.merge(hourStartMs, microwattHours, Math::addExact);
        });
        return new HourlyUsage(copy);
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
        TreeMap<Long, Long> buckets = new TreeMap<>();
        for (long i = 0; i < hours; i++) {
            long share = totalMicrowattHours / hours + (i < totalMicrowattHours % hours ? 1 : 0);
            buckets.put(first + i * Units.MILLIS_PER_HOUR, share);
        }
        return new HourlyUsage(buckets);
    }

    /** Bucket start (UTC epoch ms) to microwatt-hours, ascending; unmodifiable. */
    public NavigableMap<Long, Long> buckets() {
        return microwattHoursByHourStartMs;
    }

    public long totalMicrowattHours() {
        return microwattHoursByHourStartMs.values().stream().mapToLong(Long::longValue).reduce(0L, Math::addExact);
    }

    /** The buckets whose start lies in [from, to). */
    public HourlyUsage between(Instant fromInclusive, Instant toExclusive) {
        if (!toExclusive.isAfter(fromInclusive)) {
            return EMPTY;
        }
        return new HourlyUsage(new TreeMap<>(microwattHoursByHourStartMs.subMap(
                fromInclusive.toEpochMilli(), true, toExclusive.toEpochMilli(), false)));
    }

    /** Bucket-wise sum of both usages. */
    public HourlyUsage plus(HourlyUsage other) {
        TreeMap<Long, Long> sum = new TreeMap<>(microwattHoursByHourStartMs);
        other.microwattHoursByHourStartMs.forEach((hour, energy) -> sum.merge(hour, energy, Math::addExact));
        return new HourlyUsage(sum);
    }

    public boolean isEmpty() {
        return microwattHoursByHourStartMs.isEmpty();
    }

    @Override
    public String toString() {
        return "HourlyUsage[" + microwattHoursByHourStartMs.size() + " buckets, " + totalMicrowattHours() + " uWh]";
    }
}
