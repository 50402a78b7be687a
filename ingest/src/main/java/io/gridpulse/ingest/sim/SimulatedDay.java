package io.gridpulse.ingest.sim;

import java.time.ZoneId;
import java.util.List;

/**
 * One drawn local day of a home: power per second in milliwatts (appliances summed, plus meter
 * noise, rounded to the meter's 0.1 W resolution) and its running energy, so that energy up to
 * any instant of the day is one lookup.
 */
final class SimulatedDay {
    private static final int RESOLUTION_MILLIWATTS = 100;

    final long epochDay;
    final long startMs;
    final long endMs;
    final int[] powerMilliwatts;
    /** energyBefore[s] = energy of seconds [0, s), in milliwatt-seconds; length = seconds + 1. */
    final long[] energyBeforeMilliwattSeconds;

    private SimulatedDay(long epochDay, long startMs, long endMs, int[] powerMilliwatts, long[] energy) {
        this.epochDay = epochDay;
        this.startMs = startMs;
        this.endMs = endMs;
        this.powerMilliwatts = powerMilliwatts;
        this.energyBeforeMilliwattSeconds = energy;
    }

    static SimulatedDay draw(long seed, HomeProfile home, List<Appliance> appliances, ZoneId zone, long epochDay) {
        DayWindow window = DayWindow.of(zone, epochDay);
        int[] power = new int[window.seconds()];
        DayCanvas canvas = window.canvas(power);
        DayContext day = DayContext.of(seed, home, epochDay, window.seconds());
        for (Appliance appliance : appliances) {
            appliance.render(day, canvas);
        }
        addMeterNoise(power, noiseSeed(seed, epochDay));
        return new SimulatedDay(epochDay, window.startMs(), window.endMs(), power, runningEnergy(power));
    }

    /** Seed of the meter noise of one day; shared with {@link SubMeteredDay} so both agree. */
    static long noiseSeed(long seed, long epochDay) {
        return SimRandom.mix(seed, epochDay, 0x7015EL);
    }

    /** Zero-mean noise of about 0.4 W + 0.3 % of the load, then 0.1 W quantisation; never negative. */
    static void addMeterNoise(int[] power, long seed) {
        long x = seed | 1;
        for (int s = 0; s < power.length; s++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
            int triangle = (int) ((x & 0xFFFF) + ((x >>> 16) & 0xFFFF)) - 0xFFFF; // in (-65535, 65535)
            long sigmaMw = 400 + power[s] / 300;
            long noisy = power[s] + (triangle * sigmaMw * 2) / 0xFFFF;
            long rounded = Math.floorDiv(noisy + RESOLUTION_MILLIWATTS / 2, RESOLUTION_MILLIWATTS) * RESOLUTION_MILLIWATTS;
            power[s] = (int) Math.max(0, rounded);
        }
    }

    private static long[] runningEnergy(int[] power) {
        long[] energy = new long[power.length + 1];
        long sum = 0;
        for (int s = 0; s < power.length; s++) {
            energy[s] = sum;
            sum += power[s];
        }
        energy[power.length] = sum;
        return energy;
    }

    long totalMilliwattSeconds() {
        return energyBeforeMilliwattSeconds[powerMilliwatts.length];
    }

    /** Energy from the day's start to {@code timeMs} (within the day), milliwatt-seconds. */
    long energyUntilMilliwattSeconds(long timeMs) {
        long elapsed = timeMs - startMs;
        int s = (int) (elapsed / 1000);
        if (s >= powerMilliwatts.length) {
            return totalMilliwattSeconds();
        }
        return energyBeforeMilliwattSeconds[s] + powerMilliwatts[s] * (elapsed % 1000) / 1000;
    }

    int powerAt(long timeMs) {
        return powerMilliwatts[(int) ((timeMs - startMs) / 1000)];
    }
}
