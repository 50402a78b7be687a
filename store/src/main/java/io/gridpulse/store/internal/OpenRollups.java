package io.gridpulse.store.internal;

import io.gridpulse.core.Reading;
import io.gridpulse.core.Rollup;
import io.gridpulse.store.RollupLevel;
import java.util.List;

/**
 * Rebuilds a meter's open rollup rows (the buckets holding its newest reading) from its stored
 * readings: samples of the newest hour, and the intervals from the reading before that hour on.
 * Rows are exact integer sums, so this equals what the lost in-memory rows held.
 */
public final class OpenRollups {
    private final SeriesAccess series;
    private final IntervalEnergy energy;

    public OpenRollups(SeriesAccess series, IntervalEnergy energy) {
        this.series = series;
        this.energy = energy;
    }

    /** The open rows per level ordinal, or an array of nulls when {@code newest} is null. */
    public Rollup[] recompute(long meterKey, Reading newest) {
        Rollup[] open = new Rollup[RollupLevel.values().length];
        if (newest == null) {
            return open;
        }
        long hourStart = RollupLevel.HOUR.bucketStart(newest.timestampMs());
        Reading before = series.previous(meterKey, hourStart);
        long from = before == null ? hourStart : before.timestampMs();
        List<Reading> readings = series.range(meterKey, from, newest.timestampMs() + 1);
        RollupDeltas deltas = new RollupDeltas(energy);
        Reading previous = null;
        for (Reading r : readings) {
            if (r.timestampMs() >= hourStart) {
                deltas.addSample(r);
            }
            if (previous != null) {
                deltas.interval(previous, r, +1);
            }
            previous = r;
        }
        for (RollupLevel level : RollupLevel.values()) {
            long start = level.bucketStart(newest.timestampMs());
            RollupDeltas.Delta delta = deltas.all().get(new RollupDeltas.Bucket(level, start));
            open[level.ordinal()] = delta.applyTo(Rollup.empty(start));
        }
        return open;
    }
}
