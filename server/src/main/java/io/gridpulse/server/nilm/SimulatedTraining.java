package io.gridpulse.server.nilm;

import io.gridpulse.analytics.nilm.ApplianceDataset;
import io.gridpulse.analytics.nilm.ChannelAligner;
import io.gridpulse.analytics.nilm.NilmModel;
import io.gridpulse.analytics.nilm.NilmTrainer;
import io.gridpulse.analytics.nilm.tree.TreeParams;
import io.gridpulse.ingest.sim.HouseholdSimulator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * NILM training data from a simulated home's own sub-meters ({@link HouseholdSimulator#fillAppliances}):
 * the aggregate and every appliance channel sampled on the model grid, which is what resampling
 * 1 Hz readings to the nearest tick gives. Used by {@code gridpulse demo} and by tests.
 */
public final class SimulatedTraining {
    /** The model grid (as for REDD): one tick every 3 s. */
    public static final long GRID_STEP_MS = 3000;

    private SimulatedTraining() {}

    /**
     * Options sized for training a demo home in the background within tens of seconds on a shared
     * core: fewer, shallower trees than the REDD defaults and at most 40,000 rows; appliances with
     * under 1.5 % of the energy are left to "unidentified".
     */
    public static NilmTrainer.Options demoOptions() {
        return new NilmTrainer.Options(1800, 300, new TreeParams(60, 5, 0.15, 20, 0.5, 64, false, 42), 0.015, 40_000);
    }

    /** The home's aggregate and sub-metered channels over [fromMs, untilMs) on the model grid, in watts. */
    public static ApplianceDataset dataset(HouseholdSimulator home, long fromMs, long untilMs) {
        long start = Math.floorDiv(fromMs + GRID_STEP_MS - 1, GRID_STEP_MS) * GRID_STEP_MS;
        int count = (int) Math.max(0, (untilMs - start + GRID_STEP_MS - 1) / GRID_STEP_MS);
        long[] aggregateMw = new long[count];
        Map<String, long[]> channelsMw = new LinkedHashMap<>();
        home.fillAppliances(start, GRID_STEP_MS, count, aggregateMw, channelsMw);
        long[] ts = new long[count];
        for (int i = 0; i < count; i++) {
            ts[i] = start + i * GRID_STEP_MS;
        }
        Map<String, double[]> channelsW = new LinkedHashMap<>();
        channelsMw.forEach((name, mw) -> channelsW.put(name, watts(mw)));
        return new ApplianceDataset(GRID_STEP_MS, ts, watts(aggregateMw), channelsW);
    }

    /** Trains a model on [fromMs, untilMs) of the home's sub-meters. */
    public static NilmModel train(HouseholdSimulator home, long fromMs, long untilMs, NilmTrainer.Options options,
                                  Consumer<String> progress) {
        ApplianceDataset data = dataset(home, fromMs, untilMs);
        return new NilmTrainer(options, progress).train(data, ChannelAligner.DEFAULT_TOLERANCE_MS, "simulated home " + home.seed());
    }

    private static double[] watts(long[] milliwatts) {
        double[] out = new double[milliwatts.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = milliwatts[i] / 1000.0;
        }
        return out;
    }
}
