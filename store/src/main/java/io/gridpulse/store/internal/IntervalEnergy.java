package io.gridpulse.store.internal;

import io.gridpulse.core.Reading;
import io.gridpulse.core.Units;
import io.gridpulse.store.RollupLevel;
import java.util.List;

/**
 * The energy of the interval between two consecutive readings: the register difference when both
 * carry a usable register, else the first reading's power held for at most the gap limit.
 */
public final class IntervalEnergy {
    private final long gapLimitMs;
    private final long registerGapLimitMs;

    public IntervalEnergy(long gapLimitMs, long registerGapLimitMs) {
        this.gapLimitMs = gapLimitMs;
        this.registerGapLimitMs = registerGapLimitMs;
    }

    /**
     * What in-order readings {@code fresh} (all newer than {@code newest}) add to the open rows
     * when they stay in the minute of {@code newest}, hence in its 15-minute, hour and day
     * buckets too: the same for every level, so no map of deltas per bucket. That is 59 of 60
     * appends of a meter sending each second in order (a gateway's fleet second). Null when a
     * reading leaves that minute (a bucket closes: the general path, {@link RollupDeltas}).
     */
    public OpenRowExtension extension(Reading newest, List<Reading> fresh) {
        long minute = RollupLevel.MINUTE.bucketStart(newest.timestampMs());
        if (RollupLevel.MINUTE.bucketStart(fresh.get(fresh.size() - 1).timestampMs()) != minute) {
            return null;
        }
        long energy = 0;
        long coveredMs = 0;
        long sumPower = 0;
        long minPower = Long.MAX_VALUE;
        long maxPower = Long.MIN_VALUE;
        Reading previous = newest;
        for (Reading r : fresh) {
            energy += nanowattHours(previous, r);
            coveredMs += coveredUntilMs(previous, r) - previous.timestampMs();
            sumPower += r.powerMilliwatts();
            minPower = Math.min(minPower, r.powerMilliwatts());
            maxPower = Math.max(maxPower, r.powerMilliwatts());
            previous = r;
        }
        return new OpenRowExtension(energy, minPower, maxPower, sumPower, fresh.size(), coveredMs);
    }

    /** Energy of the interval a→b (b after a): from the register when usable, else a's power held. */
    long nanowattHours(Reading a, Reading b) {
        long durationMs = b.timestampMs() - a.timestampMs();
        return registerUsable(a, b, durationMs)
                ? (b.energyMilliwattHours() - a.energyMilliwattHours()) * 1_000_000L
                : Units.heldEnergyNanowattHours(a.powerMilliwatts(), Math.min(durationMs, gapLimitMs));
    }

    /** Where the energy of a→b ends: at b, or where a's held power stops counting (a gap). */
    long coveredUntilMs(Reading a, Reading b) {
        long durationMs = b.timestampMs() - a.timestampMs();
        return registerUsable(a, b, durationMs) ? b.timestampMs() : a.timestampMs() + Math.min(durationMs, gapLimitMs);
    }

    private boolean registerUsable(Reading a, Reading b, long durationMs) {
        // A register that went down was reset or rolled over: never count that as consumption.
        return a.hasEnergy() && b.hasEnergy() && b.energyMilliwattHours() >= a.energyMilliwattHours()
                && durationMs <= registerGapLimitMs;
    }
}
