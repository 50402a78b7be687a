package io.gridpulse.store.internal;

import io.gridpulse.core.Reading;
import io.gridpulse.core.Rollup;
import io.gridpulse.store.RollupLevel;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.Map;

/**
 * Changes to one meter's rollup rows caused by one batch: samples added, and energy of the
 * intervals between consecutive readings added or (when a late reading splits an interval)
 * subtracted. Energy of an interval [a, b) is attributed to buckets in proportion to overlap,
 * with exact integer splitting so that adding and later subtracting cancel perfectly.
 */
public final class RollupDeltas {
    /** Key of one rollup row. */
    public record Bucket(RollupLevel level, long startMs) {}

    private static final RollupLevel[] LEVELS = RollupLevel.values();

    private final IntervalEnergy energy;
    private final Map<Bucket, Delta> deltas = new HashMap<>();
    /** Per level ordinal, the delta used last: readings in time order hit it again and again. */
    private final Delta[] recent = new Delta[RollupLevel.values().length];
    private final long[] recentStartMs = new long[RollupLevel.values().length];

    public RollupDeltas(IntervalEnergy energy) {
        this.energy = energy;
    }

    public void addSample(Reading r) {
        for (RollupLevel level : LEVELS) {
            delta(level, level.bucketStart(r.timestampMs())).sample(r.powerMilliwatts());
        }
    }

    /** Adds (sign = +1) or removes (sign = -1) the energy of the interval from a to b. */
    public void interval(Reading a, Reading b, int sign) {
        if (b.timestampMs() > a.timestampMs()) {
            spread(a.timestampMs(), energy.coveredUntilMs(a, b), energy.nanowattHours(a, b), sign);
        }
    }

    private void spread(long startMs, long endMs, long energyNanowattHours, int sign) {
        long durationMs = endMs - startMs;
        for (RollupLevel level : LEVELS) {
            long assigned = 0;
            for (long bucket = level.bucketStart(startMs); bucket < endMs; bucket += level.lengthMs()) {
                long coveredUntil = Math.min(endMs, bucket + level.lengthMs());
                long cumulative = proportion(energyNanowattHours, coveredUntil - startMs, durationMs);
                long covered = coveredUntil - Math.max(startMs, bucket);
                delta(level, bucket).energy(sign * (cumulative - assigned), sign * covered);
                assigned = cumulative;
            }
        }
    }

    private static long proportion(long total, long part, long whole) {
        if (part == whole) {
            return total;
        }
        long low = total * part;
        if (Math.multiplyHigh(total, part) == (low >> 63)) { // no overflow
            return Math.floorDiv(low, whole);
        }
        return BigInteger.valueOf(total).multiply(BigInteger.valueOf(part)).divide(BigInteger.valueOf(whole)).longValue();
    }

    private Delta delta(RollupLevel level, long startMs) {
        int l = level.ordinal();
        if (recent[l] == null || recentStartMs[l] != startMs) {
            recent[l] = deltas.computeIfAbsent(new Bucket(level, startMs), b -> new Delta());
            recentStartMs[l] = startMs;
        }
        return recent[l];
    }

    public Map<Bucket, Delta> all() {
        return deltas;
    }

    /** Accumulated change to one row. */
    public static final class Delta {
        long energyNanowattHours;
        long coveredMs;
        long samples;
        long sumPowerMilliwatts;
        long minPowerMilliwatts = Long.MAX_VALUE;
        long maxPowerMilliwatts = Long.MIN_VALUE;

        void sample(long powerMilliwatts) {
            samples++;
            sumPowerMilliwatts += powerMilliwatts;
            minPowerMilliwatts = Math.min(minPowerMilliwatts, powerMilliwatts);
            maxPowerMilliwatts = Math.max(maxPowerMilliwatts, powerMilliwatts);
        }

        void energy(long microwattHours, long covered) {
            energyNanowattHours += microwattHours;
            coveredMs += covered;
        }

        /** The row after this change. */
        public Rollup applyTo(Rollup current) {
            return new Rollup(current.bucketStartMs(), current.energyNanowattHours() + energyNanowattHours,
                    Math.min(current.minPowerMilliwatts(), minPowerMilliwatts),
                    Math.max(current.maxPowerMilliwatts(), maxPowerMilliwatts),
                    current.sumPowerMilliwatts() + sumPowerMilliwatts, current.samples() + samples,
                    current.coveredMs() + coveredMs);
        }
    }
}
