package io.gridpulse.analytics.nilm;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Power of a household on a regular time grid: the aggregate and (when sub-metered) each
 * appliance, in watts. Grid ticks with missing data are simply absent, so consecutive ticks more
 * than {@link #stepMs()} apart start a new contiguous segment; windowed computations never reach
 * across a segment boundary.
 *
 * <p>Immutable; arrays handed out are copies-free views and must not be modified by callers.
 */
public final class ApplianceDataset {
    private final long stepMs;
    private final long[] timestampsMs;
    private final double[] aggregateW;
    private final Map<String, double[]> applianceW;

    /**
     * @param stepMs grid step in ms (&gt; 0)
     * @param timestampsMs grid ticks, strictly increasing, multiples of nothing in particular
     * @param aggregateW whole-home power at each tick (W)
     * @param applianceW per appliance label, power at each tick (W); may be empty
     */
    public ApplianceDataset(long stepMs, long[] timestampsMs, double[] aggregateW, Map<String, double[]> applianceW) {
        if (stepMs <= 0) {
            throw new IllegalArgumentException("stepMs must be positive");
        }
        if (aggregateW.length != timestampsMs.length) {
            throw new IllegalArgumentException("aggregate and timestamps differ in length");
        }
        for (var e : applianceW.entrySet()) {
            if (e.getValue().length != timestampsMs.length) {
                throw new IllegalArgumentException("appliance " + e.getKey() + " differs in length");
            }
        }
        for (int i = 1; i < timestampsMs.length; i++) {
            if (timestampsMs[i] <= timestampsMs[i - 1]) {
                throw new IllegalArgumentException("timestamps must increase strictly at index " + i);
            }
        }
        this.stepMs = stepMs;
        this.timestampsMs = timestampsMs;
        this.aggregateW = aggregateW;
        this.applianceW = Collections.unmodifiableMap(new LinkedHashMap<>(applianceW));
    }

    /** An aggregate-only dataset (what a mains meter delivers). */
    public static ApplianceDataset aggregateOnly(long stepMs, long[] timestampsMs, double[] aggregateW) {
        return new ApplianceDataset(stepMs, timestampsMs, aggregateW, Map.of());
    }

    public long stepMs() {
        return stepMs;
    }

    public int size() {
        return timestampsMs.length;
    }

    public long[] timestampsMs() {
        return timestampsMs;
    }

    public double[] aggregateW() {
        return aggregateW;
    }

    /** Appliance labels in dataset order. */
    public List<String> appliances() {
        return List.copyOf(applianceW.keySet());
    }

    /** Power of one appliance (W); throws when the label is unknown. */
    public double[] applianceW(String appliance) {
        double[] series = applianceW.get(appliance);
        if (series == null) {
            throw new IllegalArgumentException("no appliance '" + appliance + "'");
        }
        return series;
    }

    public boolean hasAppliance(String appliance) {
        return applianceW.containsKey(appliance);
    }

    /**
     * Start indices of contiguous segments plus a final entry equal to {@link #size()}: segment k
     * spans {@code [starts[k], starts[k+1])}.
     */
    public int[] segmentBounds() {
        List<Integer> starts = new ArrayList<>();
        for (int i = 0; i < timestampsMs.length; i++) {
            if (i == 0 || timestampsMs[i] - timestampsMs[i - 1] > stepMs) {
                starts.add(i);
            }
        }
        starts.add(timestampsMs.length);
        return starts.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Days (in {@code zone}) that hold at least one tick, ascending. */
    public List<LocalDate> days(ZoneId zone) {
        TreeSet<LocalDate> days = new TreeSet<>();
        for (long ts : timestampsMs) {
            days.add(Instant.ofEpochMilli(ts).atZone(zone).toLocalDate());
        }
        return List.copyOf(days);
    }

    /** The ticks with {@code fromMs <= t < untilMs}. */
    public ApplianceDataset slice(long fromMs, long untilMs) {
        int from = lowerBound(fromMs);
        int until = lowerBound(untilMs);
        Map<String, double[]> sliced = new LinkedHashMap<>();
        applianceW.forEach((k, v) -> sliced.put(k, java.util.Arrays.copyOfRange(v, from, until)));
        return new ApplianceDataset(stepMs, java.util.Arrays.copyOfRange(timestampsMs, from, until),
                java.util.Arrays.copyOfRange(aggregateW, from, until), sliced);
    }

    private int lowerBound(long ts) {
        int lo = 0;
        int hi = timestampsMs.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (timestampsMs[mid] < ts) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
