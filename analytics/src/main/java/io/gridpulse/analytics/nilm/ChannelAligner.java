package io.gridpulse.analytics.nilm;

import io.gridpulse.core.Reading;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds an {@link ApplianceDataset} from sub-metered channels whose clocks are not aligned
 * (REDD: 3–4 s cadence, small backward clock steps). Each channel is sorted, then resampled to
 * the grid by nearest timestamp ({@link NearestResampler}); a tick is kept only when every channel
 * has a reading within the tolerance. Channels sharing a label are summed into one appliance
 * (e.g. REDD's five {@code lighting} circuits become {@code lighting}). The aggregate is the sum
 * of all channels (REDD's "synthetic aggregate") unless {@code mains} channels are given.
 */
public final class ChannelAligner {
    /** Default grid: 3 s, the fastest common cadence of REDD low_freq. */
    public static final long DEFAULT_STEP_MS = 3_000;
    /** Default tolerance: a reading up to 6 s from the tick still counts. */
    public static final long DEFAULT_TOLERANCE_MS = 6_000;

    private final long stepMs;
    private final long toleranceMs;

    public ChannelAligner(long stepMs, long toleranceMs) {
        this.stepMs = stepMs;
        this.toleranceMs = toleranceMs;
    }

    public ChannelAligner() {
        this(DEFAULT_STEP_MS, DEFAULT_TOLERANCE_MS);
    }

    /** A labelled channel's readings (power in mW), in any order. */
    public record Channel(String label, List<Reading> readings) {}

    /**
     * @param circuits sub-metered channels; labels become appliance names
     * @param mains whole-home channels summed into the aggregate; when empty, the sum of circuits
     */
    public ApplianceDataset align(List<Channel> circuits, List<Channel> mains) {
        List<Channel> all = new ArrayList<>(circuits);
        all.addAll(mains);
        List<Grid> grids = all.stream().map(c -> resample(c.readings())).toList();
        long[] common = intersect(grids);
        Map<String, double[]> appliances = new LinkedHashMap<>();
        double[] aggregate = new double[common.length];
        for (int c = 0; c < all.size(); c++) {
            double[] values = grids.get(c).valuesAt(common);
            if (c < circuits.size()) {
                double[] sum = appliances.computeIfAbsent(all.get(c).label(), k -> new double[common.length]);
                add(sum, values);
            }
            if (mains.isEmpty() || c >= circuits.size()) {
                add(aggregate, values);
            }
        }
        return new ApplianceDataset(stepMs, common, aggregate, appliances);
    }

    private static void add(double[] target, double[] values) {
        for (int i = 0; i < target.length; i++) {
            target[i] += values[i];
        }
    }

    private Grid resample(List<Reading> readings) {
        List<Reading> sorted = new ArrayList<>(readings);
        sorted.sort(Comparator.comparingLong(Reading::timestampMs));
        NearestResampler resampler = new NearestResampler(stepMs, toleranceMs);
        long[][] t = {new long[Math.max(16, sorted.size())]};
        double[][] v = {new double[t[0].length]};
        int[] n = {0};
        for (Reading r : sorted) {
            resampler.accept(r.timestampMs(), r.powerMilliwatts() / 1000.0, (tick, w) -> {
                if (n[0] == t[0].length) {
                    t[0] = java.util.Arrays.copyOf(t[0], n[0] * 2);
                    v[0] = java.util.Arrays.copyOf(v[0], n[0] * 2);
                }
                t[0][n[0]] = tick;
                v[0][n[0]++] = w;
            });
        }
        return new Grid(java.util.Arrays.copyOf(t[0], n[0]), java.util.Arrays.copyOf(v[0], n[0]));
    }

    private static long[] intersect(List<Grid> grids) {
        if (grids.isEmpty()) {
            return new long[0];
        }
        long[] result = grids.get(0).ticks();
        for (int g = 1; g < grids.size(); g++) {
            long[] other = grids.get(g).ticks();
            long[] out = new long[Math.min(result.length, other.length)];
            int i = 0, j = 0, n = 0;
            while (i < result.length && j < other.length) {
                if (result[i] == other[j]) {
                    out[n++] = result[i++];
                    j++;
                } else if (result[i] < other[j]) {
                    i++;
                } else {
                    j++;
                }
            }
            result = java.util.Arrays.copyOf(out, n);
        }
        return result;
    }

    private record Grid(long[] ticks, double[] values) {
        double[] valuesAt(long[] wanted) {
            double[] out = new double[wanted.length];
            int j = 0;
            for (int i = 0; i < wanted.length; i++) {
                while (ticks[j] != wanted[i]) {
                    j++;
                }
                out[i] = values[j];
            }
            return out;
        }
    }
}
