package io.gridpulse.analytics.nilm;

import io.gridpulse.analytics.nilm.tree.TreeParams;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/** Test helper: a small seeded household (fridge cycles, an occasional kettle, noisy baseload). */
final class SyntheticHome {
    static final long STEP_MS = 3000;

    private SyntheticHome() {}

    static ApplianceDataset days(int days, long seed, long startMs) {
        int n = (int) (days * 86_400_000L / STEP_MS);
        SplittableRandom r = new SplittableRandom(seed);
        long[] ts = new long[n];
        double[] fridge = new double[n];
        double[] kettle = new double[n];
        double[] agg = new double[n];
        int kettleLeft = 0;
        for (int i = 0; i < n; i++) {
            ts[i] = startMs + i * STEP_MS;
            fridge[i] = (i % 600) < 250 ? 130 + r.nextDouble() * 4 : 1;
            if (kettleLeft == 0 && r.nextDouble() < 0.0015) {
                kettleLeft = 40 + r.nextInt(40);
            }
            kettle[i] = kettleLeft-- > 0 ? 1900 + r.nextDouble() * 50 : 0;
            kettleLeft = Math.max(0, kettleLeft);
            agg[i] = fridge[i] + kettle[i] + 60 + r.nextDouble() * 10;
        }
        Map<String, double[]> appliances = new LinkedHashMap<>();
        appliances.put("refrigerator", fridge);
        appliances.put("kettle", kettle);
        return new ApplianceDataset(STEP_MS, ts, agg, appliances);
    }

    static NilmModel smallModel(ApplianceDataset train) {
        return trainer(0, line -> {}).train(train, 6000, "synthetic");
    }

    /** Small trees; {@code validationShare} of the training ticks held back to check them (0 = none). */
    static NilmTrainer trainer(double validationShare, java.util.function.Consumer<String> progress) {
        var options = new NilmTrainer.Options(600, 60, new TreeParams(30, 4, 0.2, 10, 0.7, 32, false, 1), 0.005,
                20_000).withValidationShare(validationShare);
        return new NilmTrainer(options, progress);
    }
}
