package io.gridpulse.core;

/**
 * Aggregate of one meter over one bucket. Energy is integrated from power held until the next
 * reading (capped by the gap limit) or taken from the energy register when the meter has one.
 *
 * @param bucketStartMs UTC epoch ms of the bucket's start
 * @param energyNanowattHours energy consumed in the bucket
 * @param minPowerMilliwatts lowest sample in the bucket
 * @param maxPowerMilliwatts highest sample in the bucket
 * @param sumPowerMilliwatts sum of the samples, for the sample mean
 * @param samples number of readings in the bucket
 * @param coveredMs time in the bucket covered by held power (excludes gaps)
 */
public record Rollup(long bucketStartMs, long energyNanowattHours, long minPowerMilliwatts,
                     long maxPowerMilliwatts, long sumPowerMilliwatts, long samples, long coveredMs) {

    public static Rollup empty(long bucketStartMs) {
        return new Rollup(bucketStartMs, 0, Long.MAX_VALUE, Long.MIN_VALUE, 0, 0, 0);
    }

    /** Time-weighted mean power when the bucket has coverage, else the sample mean; 0 when empty. */
    public double averagePowerMilliwatts() {
        if (coveredMs > 0) {
            return energyNanowattHours * 3.6 / coveredMs;
        }
        return samples == 0 ? 0 : (double) sumPowerMilliwatts / samples;
    }

    /** Combines two rollups into one starting at this one's start (for coarser buckets). */
    public Rollup plus(Rollup other) {
        return new Rollup(bucketStartMs, energyNanowattHours + other.energyNanowattHours,
                Math.min(minPowerMilliwatts, other.minPowerMilliwatts),
                Math.max(maxPowerMilliwatts, other.maxPowerMilliwatts),
                sumPowerMilliwatts + other.sumPowerMilliwatts, samples + other.samples,
                coveredMs + other.coveredMs);
    }

    public Rollup withStart(long startMs) {
        return new Rollup(startMs, energyNanowattHours, minPowerMilliwatts, maxPowerMilliwatts,
                sumPowerMilliwatts, samples, coveredMs);
    }
}
