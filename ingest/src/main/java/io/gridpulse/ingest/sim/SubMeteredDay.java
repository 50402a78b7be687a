package io.gridpulse.ingest.sim;

import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One drawn local day of a home, sub-metered: each appliance kind's power per second (milliwatts)
 * next to the aggregate exactly as {@link SimulatedDay} draws it. Appliances of the same
 * {@link Appliance#name()} share a channel. The meter's noise and 0.1 W rounding (aggregate minus
 * the appliances' sum) are booked to the {@value #NOISE_CHANNEL} channel, so the channels always
 * sum to the aggregate, second by second.
 */
final class SubMeteredDay {
    /** The always-on channel that also carries meter noise; every home has one. */
    static final String NOISE_CHANNEL = "standby";

    final long startMs;
    final long endMs;
    final int[] aggregateMilliwatts;
    final Map<String, int[]> channelMilliwatts;

    private SubMeteredDay(long startMs, long endMs, int[] aggregate, Map<String, int[]> channels) {
        this.startMs = startMs;
        this.endMs = endMs;
        this.aggregateMilliwatts = aggregate;
        this.channelMilliwatts = channels;
    }

    static SubMeteredDay draw(long seed, HomeProfile home, List<Appliance> appliances, ZoneId zone, long epochDay) {
        DayWindow window = DayWindow.of(zone, epochDay);
        int seconds = window.seconds();
        DayContext day = DayContext.of(seed, home, epochDay, seconds);
        Map<String, int[]> channels = new LinkedHashMap<>();
        for (Appliance appliance : appliances) {
            int[] channel = channels.computeIfAbsent(appliance.name(), k -> new int[seconds]);
            appliance.render(day, window.canvas(channel));
        }
        int[] aggregate = sum(channels, seconds);
        int[] clean = aggregate.clone();
        SimulatedDay.addMeterNoise(aggregate, SimulatedDay.noiseSeed(seed, epochDay));
        int[] noise = channels.computeIfAbsent(NOISE_CHANNEL, k -> new int[seconds]);
        for (int s = 0; s < seconds; s++) {
            noise[s] += aggregate[s] - clean[s];
        }
        return new SubMeteredDay(window.startMs(), window.endMs(), aggregate, channels);
    }

    private static int[] sum(Map<String, int[]> channels, int seconds) {
        int[] total = new int[seconds];
        for (int[] channel : channels.values()) {
            for (int s = 0; s < seconds; s++) {
                total[s] += channel[s];
            }
        }
        return total;
    }

    /** Copies {@code n} samples from {@code t} every {@code stepMs} of {@code source} into {@code out[at..]}. */
    void copy(int[] source, long t, long stepMs, int n, long[] out, int at) {
        long offsetMs = t - startMs;
        for (int k = 0; k < n; k++) {
            out[at + k] = source[(int) ((offsetMs + k * stepMs) / 1000)];
        }
    }
}
