package io.gridpulse.analytics.nilm;

import io.gridpulse.core.Reading;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The batch entry point: split a home's aggregate power into appliances with a trained model.
 * Stateless and thread-safe.
 */
public final class Nilm {
    private Nilm() {}

    /**
     * Disaggregates {@code aggregate} (any order; duplicates and out-of-order readings are
     * tolerated) with {@code model}. Days for energy totals are taken in {@code zone}.
     */
    public static Disaggregation disaggregate(List<Reading> aggregate, NilmModel model, ZoneId zone) {
        ApplianceDataset grid = resample(aggregate, model);
        Map<String, double[]> estimates = model.estimate(grid);
        List<ApplianceEstimate> out = new ArrayList<>();
        double[] rest = grid.aggregateW().clone();
        for (ApplianceModel a : model.appliances()) {
            double[] w = estimates.get(a.name());
            for (int i = 0; i < rest.length; i++) {
                rest[i] -= w[i];
            }
            out.add(estimate(a.name(), w, a.onEvidenceW(w, grid.timestampsMs()), a.onThresholdW(), grid, zone));
        }
        for (int i = 0; i < rest.length; i++) {
            rest[i] = Math.max(0, rest[i]);
        }
        out.add(estimate(Disaggregation.UNIDENTIFIED, rest, rest, Double.POSITIVE_INFINITY, grid, zone));
        return new Disaggregation(grid.stepMs(), grid.timestampsMs(), out);
    }

    /** The aggregate on the model's grid, resampled by nearest reading exactly as online. */
    public static ApplianceDataset resample(List<Reading> aggregate, NilmModel model) {
        List<Reading> sorted = new ArrayList<>(aggregate);
        sorted.sort(Comparator.comparingLong(Reading::timestampMs));
        var settings = model.settings();
        NearestResampler resampler = new NearestResampler(settings.stepMs(), settings.toleranceMs());
        var sink = new NearestResampler.TickSink() {
            long[] t = new long[Math.max(16, sorted.size())];
            double[] v = new double[t.length];
            int count;

            @Override
            public void tick(long tickMs, double powerW) {
                if (count == t.length) {
                    t = java.util.Arrays.copyOf(t, count * 2);
                    v = java.util.Arrays.copyOf(v, count * 2);
                }
                t[count] = tickMs;
                v[count++] = powerW;
            }
        };
        for (Reading r : sorted) {
            resampler.accept(r.timestampMs(), r.powerMilliwatts() / 1000.0, sink);
        }
        return ApplianceDataset.aggregateOnly(settings.stepMs(), java.util.Arrays.copyOf(sink.t, sink.count),
                java.util.Arrays.copyOf(sink.v, sink.count));
    }

    /** The on-period [startMs, endMs) with the energy of the ticks inside it. */
    private static OnPeriod period(long[] ts, double[] cumulativeMwh, long startMs, long endMs) {
        int from = java.util.Arrays.binarySearch(ts, startMs);
        int to = lowerBound(ts, endMs);
        return new OnPeriod(startMs, endMs, Math.round(cumulativeMwh[to] - cumulativeMwh[from]));
    }

    private static int lowerBound(long[] ts, long value) {
        int i = java.util.Arrays.binarySearch(ts, value);
        return i >= 0 ? i : -i - 1;
    }

    /** @param onEvidenceW per tick, what says whether the appliance is on ({@link ApplianceModel#onEvidenceW}) */
    private static ApplianceEstimate estimate(String name, double[] powerW, double[] onEvidenceW, double onThresholdW,
                                              ApplianceDataset grid, ZoneId zone) {
        long[] ts = grid.timestampsMs();
        long step = grid.stepMs();
        long[] mw = new long[powerW.length];
        TreeMap<LocalDate, Double> byDay = new TreeMap<>();
        List<OnPeriod> periods = new ArrayList<>();
        OnOffDebouncer state = new OnOffDebouncer();
        long onSince = -1;
        double[] cumulativeMwh = new double[powerW.length + 1];
        for (int i = 0; i < powerW.length; i++) {
            mw[i] = Math.round(powerW[i] * 1000);
            double mwh = powerW[i] * 1000 * step / 3_600_000.0;
            cumulativeMwh[i + 1] = cumulativeMwh[i] + mwh;
            byDay.merge(Instant.ofEpochMilli(ts[i]).atZone(zone).toLocalDate(), mwh, Double::sum);
            boolean contiguous = i > 0 && ts[i] - ts[i - 1] <= step;
            if (!contiguous && state.isOn()) {
                periods.add(period(ts, cumulativeMwh, onSince, ts[i - 1] + step));
                state.reset(false);
            }
            long change = state.update(ts[i], onEvidenceW[i], onThresholdW, contiguous);
            if (change >= 0 && state.isOn()) {
                onSince = change;
            } else if (change >= 0) {
                periods.add(period(ts, cumulativeMwh, onSince, change));
            }
        }
        if (state.isOn()) {
            periods.add(period(ts, cumulativeMwh, onSince, ts[ts.length - 1] + step));
        }
        TreeMap<LocalDate, Long> rounded = new TreeMap<>();
        byDay.forEach((d, e) -> rounded.put(d, Math.round(e)));
        return new ApplianceEstimate(name, mw, rounded, periods);
    }
}
