package io.gridpulse.store.internal;

/** What readings add to every open rollup row alike (they stay in the open minute): see {@link IntervalEnergy#extension}. */
public record OpenRowExtension(long energyNanowattHours, long minPowerMilliwatts, long maxPowerMilliwatts,
        long sumPowerMilliwatts, long samples, long coveredMs) {}
