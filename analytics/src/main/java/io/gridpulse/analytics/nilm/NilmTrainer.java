package io.gridpulse.analytics.nilm;

import io.gridpulse.analytics.nilm.baseline.PowerStates;
import io.gridpulse.analytics.nilm.event.SignatureClusterer;
import io.gridpulse.analytics.nilm.event.StepEventDetector;
import io.gridpulse.analytics.nilm.feature.FeatureExtractor;
import io.gridpulse.analytics.nilm.tree.GradientBoostedTrees;
import io.gridpulse.analytics.nilm.tree.TreeParams;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Trains a {@link NilmModel} on a sub-metered period: one gradient-boosted regressor per
 * appliance on the aggregate's windowed and step-event features. Appliances whose training energy
 * is below {@link Options#minEnergyShare()} of the aggregate are not modelled (their energy stays
 * "unidentified"). Deterministic for given data and options.
 */
public final class NilmTrainer {
    /** Fewer training on-runs than this and an appliance gets its typical level as the estimate, not trees. */
    static final int MIN_ON_RUNS = 5;
    /** ... unless it is on this share of the training ticks or more (then the trees see it often). */
    static final double MAX_RARE_ON_SHARE = 0.05;
    private static final long DAY_MS = 86_400_000L;

    /**
     * @param pastSeconds feature look-back
     * @param lookaheadSeconds feature look-ahead (online delay)
     * @param trees regressor hyper-parameters
     * @param minEnergyShare smallest share of aggregate energy an appliance needs to be modelled
     * @param maxTrainingRows rows used for fitting at most (evenly strided)
     * @param scaledCopies copies of the training period with appliances scaled in size
     *     ({@link SizeAugmentation}) that the trees are fitted on as well; 0 = none
     * @param validationShare share of the training period, its end, held back once to check each
     *     appliance's trees against its typical level ({@link #train}); 0 = no check
     * @param typicalByHour an appliance's typical level is learned per hour of the day (a home's own
     *     sub-meters: its routine) rather than one level for the day (a household assembled from
     *     traces recorded at unrelated times, whose clock times are not a routine)
     */
    public record Options(int pastSeconds, int lookaheadSeconds, TreeParams trees, double minEnergyShare,
                          int maxTrainingRows, int scaledCopies, double validationShare, boolean typicalByHour) {
        public Options(int pastSeconds, int lookaheadSeconds, TreeParams trees, double minEnergyShare,
                       int maxTrainingRows) {
            this(pastSeconds, lookaheadSeconds, trees, minEnergyShare, maxTrainingRows, 0, 0, true);
        }

        public static Options defaults() {
            return new Options(1800, 300, TreeParams.defaults(), 0.005, 150_000, 0, DEFAULT_VALIDATION_SHARE, true);
        }

        public Options withScaledCopies(int copies) {
            return new Options(pastSeconds, lookaheadSeconds, trees, minEnergyShare, maxTrainingRows, copies,
                    validationShare, typicalByHour);
        }

        public Options withValidationShare(double share) {
            return new Options(pastSeconds, lookaheadSeconds, trees, minEnergyShare, maxTrainingRows, scaledCopies,
                    share, typicalByHour);
        }

        public Options withTypicalByHour(boolean byHour) {
            return new Options(pastSeconds, lookaheadSeconds, trees, minEnergyShare, maxTrainingRows, scaledCopies,
                    validationShare, byHour);
        }
    }

    static final double DEFAULT_VALIDATION_SHARE = 0.25;
    /** Ticks of the held-back part scored at most (evenly strided): the check stays a few seconds. */
    private static final int MAX_VALIDATION_ROWS = 50_000;

    /**
     * Size factors of {@link Options#scaledCopies()}: log-uniform in [1 / this, this]. On the
     * published tracebase's held-out devices 1.5 assigned the same energy correctly (0.520 vs 0.518)
     * but gave more of the loads the model does not know to known appliances (41 % vs 36 %).
     */
    static final double MAX_SIZE_FACTOR = 1.25;

    private final Options options;
    private final Consumer<String> progress;

    /** @param progress receives one line per step of a long run (e.g. printed to stderr) */
    public NilmTrainer(Options options, Consumer<String> progress) {
        this.options = options;
        this.progress = progress;
    }

    public NilmTrainer() {
        this(Options.defaults(), line -> {});
    }

    /**
     * Fits a model on {@code train}, which must carry sub-metered appliances. With a validation
     * share, a first model is fitted on the period without its end and scored on that end: an
     * appliance whose trees miss there by more than its typical level does (they fire on other
     * loads' look-alike steps on days they have not seen) gets that level in the final model, and
     * one for which half of each misses least gets that blend. The final model is fitted on the
     * whole period.
     */
    public NilmModel train(ApplianceDataset train, long toleranceMs, String source) {
        if (train.size() == 0) {
            throw new IllegalArgumentException("training period holds no data");
        }
        return fit(train, toleranceMs, source, treeSharesAfterValidation(train, toleranceMs, source));
    }

    /** @param treeShares appliances whose trees the check did not keep alone: 0 = typical level only, else a blend */
    private NilmModel fit(ApplianceDataset train, long toleranceMs, String source, Map<String, Double> treeShares) {
        StepEventDetector detector = StepEventDetector.DEFAULT;
        FeatureExtractor fx = new FeatureExtractor(train.stepMs(), options.pastSeconds(), options.lookaheadSeconds(),
                detector);
        ApplianceDataset fit = SizeAugmentation.withScaledCopies(train, options.scaledCopies(), MAX_SIZE_FACTOR,
                options.trees().seed());
        int[] rows = trainingRows(fit.size());
        progress.accept("nilm: extracting " + fx.size() + " features for " + rows.length + " rows"
                + (options.scaledCopies() > 0 ? " (the period and " + options.scaledCopies() + " copies scaled in size)" : ""));
        float[][] features = features(fit, fx, rows);
        List<ApplianceModel> models = new ArrayList<>();
        for (String name : modelledAppliances(train)) {
            double[] power = train.applianceW(name);
            double[] fitPower = fit.applianceW(name);
            double[] y = new double[rows.length];
            for (int r = 0; r < rows.length; r++) {
                y[r] = fitPower[rows[r]];
            }
            double[] states = PowerStates.cluster(power, 3);
            int runs = onRuns(power, onThreshold(states));
            double onShare = onShare(power, onThreshold(states));
            double medianW = HourlyLevels.median(power);
            HourlyLevels typical = options.typicalByHour() ? HourlyLevels.of(train.timestampsMs(), power)
                    : HourlyLevels.flat(medianW);
            GradientBoostedTrees regressor;
            double treeShare = treeShares.getOrDefault(name, 1.0);
            if (treeShare == 0) {
                progress.accept("nilm: " + name + ": " + describe(typical) + " (chosen on the held-back ticks)");
                regressor = GradientBoostedTrees.constant(fx.size(), medianW);
            } else if (runs < MIN_ON_RUNS && onShare < MAX_RARE_ON_SHARE) {
                // Too few examples to learn what its switching looks like in the aggregate: a tree
                // ensemble then assigns energy to look-alike steps of other loads. Predict its
                // typical level instead, leaving its rare runs unidentified.
                progress.accept("nilm: " + name + " ran " + runs + " times in training (< " + MIN_ON_RUNS
                        + String.format(Locale.ROOT, ", on %.1f %% of the time", 100 * onShare) + "): " + describe(typical));
                regressor = GradientBoostedTrees.constant(fx.size(), medianW);
            } else {
                progress.accept("nilm: fitting " + name + (treeShare < 1 ? ", to be blended half and half with "
                        + describe(typical) : ""));
                regressor = GradientBoostedTrees.fit(features, y, options.trees());
            }
            models.add(new ApplianceModel(name, onThreshold(states), mean(power), states,
                    SignatureClusterer.DEFAULT.cluster(detector.detect(power)), regressor, typical,
                    regressor.treeCount() == 0 ? 1 : treeShare));
        }
        long[] ts = train.timestampsMs();
        var settings = new NilmModel.Settings(train.stepMs(), toleranceMs, options.pastSeconds(),
                options.lookaheadSeconds(), ts[0], ts[ts.length - 1] + train.stepMs(), source, List.of());
        return new NilmModel(settings, detector, models);
    }

    /**
     * Fits the trees without the period's last {@link Options#validationShare()} and scores that
     * part three ways: the trees, the typical level ({@link HourlyLevels}) and the two half and half.
     * Returns the appliances for which the trees alone did not have the smallest mean absolute
     * error: 0 where the typical level did, or where the first part held too few runs for trees
     * (the rarely-seen rule), {@link ApplianceModel#BLEND_TREE_SHARE} where the blend did (ties go
     * to the trees, then to the level).
     */
    private Map<String, Double> treeSharesAfterValidation(ApplianceDataset train, long toleranceMs, String source) {
        double share = options.validationShare();
        long[] ts = train.timestampsMs();
        long splitMs = ts[Math.min(ts.length - 1, (int) (ts.length * (1 - share)))];
        if (share <= 0 || splitMs - ts[0] < DAY_MS || ts[ts.length - 1] - splitMs < DAY_MS / 4) {
            return Map.of(); // too short to hold a part back and still learn from the rest
        }
        ApplianceDataset early = train.slice(ts[0], splitMs);
        ApplianceDataset late = train.slice(splitMs, Long.MAX_VALUE);
        progress.accept(String.format(Locale.ROOT, "nilm: checking each appliance's trees on the last %.0f %% of the"
                + " training ticks (from %s), fitted on the rest", 100 * share, Instant.ofEpochMilli(splitMs)));
        NilmModel probe = fit(early, toleranceMs, source, Map.of());
        List<ApplianceModel> models = probe.appliances();
        double[] treeError = new double[models.size()];
        double[] typicalError = new double[models.size()];
        double[] blendError = new double[models.size()];
        double blend = ApplianceModel.BLEND_TREE_SHARE;
        int scored = 0;
        FeatureExtractor fx = probe.features();
        float[] row = new float[fx.size()];
        double[] x = late.aggregateW();
        int[] bounds = late.segmentBounds();
        int stride = Math.max(1, (late.size() + MAX_VALIDATION_ROWS - 1) / MAX_VALIDATION_ROWS);
        for (int s = 0; s + 1 < bounds.length; s++) {
            for (int i = bounds[s]; i < bounds[s + 1]; i += stride, scored++) {
                fx.extract(x, bounds[s], bounds[s + 1], i, row);
                long tickMs = late.timestampsMs()[i];
                double[] estimate = probe.estimateRow(row, x[i], tickMs);
                for (int a = 0; a < models.size(); a++) {
                    double truth = late.applianceW(models.get(a).name())[i];
                    double level = models.get(a).typicalW().at(tickMs);
                    treeError[a] += Math.abs(estimate[a] - truth);
                    typicalError[a] += Math.abs(level - truth);
                    blendError[a] += Math.abs(blend * estimate[a] + (1 - blend) * level - truth);
                }
            }
        }
        Map<String, Double> treeShares = new HashMap<>();
        for (int a = 0; a < models.size(); a++) {
            String name = models.get(a).name();
            // Rarely seen before the held-back part: trees that cannot be checked do not earn their place.
            boolean unchecked = models.get(a).typicalLevelOnly();
            String choice = "trees";
            if (unchecked || typicalError[a] < treeError[a] && typicalError[a] <= blendError[a]) {
                treeShares.put(name, 0.0);
                choice = unchecked ? "typical level (too few runs before this part to check trees)" : "typical level";
            } else if (blendError[a] < treeError[a]) {
                treeShares.put(name, blend);
                choice = "half and half";
            }
            progress.accept(String.format(Locale.ROOT, "nilm: %s on the held-back ticks: MAE trees %.1f W, typical "
                    + "level %.1f W, half and half %.1f W → %s", name, treeError[a] / scored, typicalError[a] / scored,
                    blendError[a] / scored, choice));
        }
        for (String name : modelledAppliances(train)) {
            if (models.stream().noneMatch(m -> m.name().equals(name))) { // too little energy before the held-back part
                treeShares.put(name, 0.0);
                progress.accept("nilm: " + name + " is not modelled before the held-back ticks → typical level (too few "
                        + "runs before this part to check trees)");
            }
        }
        return treeShares;
    }

    private String describe(HourlyLevels typical) {
        double[] w = typical.wattsByUtcHour();
        return options.typicalByHour()
                ? String.format(Locale.ROOT, "its typical level by hour of the day, %.0f–%.0f W",
                        Arrays.stream(w).min().orElse(0), Arrays.stream(w).max().orElse(0))
                : String.format(Locale.ROOT, "its typical level, %.0f W", w[0]);
    }

    /** Debounced runs above {@code onThresholdW} (as {@link OnOffDebouncer} would report them). */
    static int onRuns(double[] powerW, double onThresholdW) {
        OnOffDebouncer state = new OnOffDebouncer();
        int runs = 0;
        for (int i = 0; i < powerW.length; i++) {
            if (state.update(i, powerW[i], onThresholdW, true) >= 0 && state.isOn()) {
                runs++;
            }
        }
        return runs;
    }

    static double onShare(double[] powerW, double onThresholdW) {
        long on = Arrays.stream(powerW).filter(w -> w > onThresholdW).count();
        return powerW.length == 0 ? 0 : (double) on / powerW.length;
    }

    /** Appliances with enough energy, most energetic first. */
    List<String> modelledAppliances(ApplianceDataset train) {
        double total = Math.max(1e-9, sum(train.aggregateW()));
        return train.appliances().stream()
                .filter(a -> sum(train.applianceW(a)) / total >= options.minEnergyShare())
                .sorted(Comparator.comparingDouble((String a) -> -sum(train.applianceW(a))))
                .toList();
    }

    private int[] trainingRows(int size) {
        int stride = Math.max(1, (size + options.maxTrainingRows() - 1) / options.maxTrainingRows());
        int[] rows = new int[(size + stride - 1) / stride];
        for (int r = 0; r < rows.length; r++) {
            rows[r] = r * stride;
        }
        return rows;
    }

    static float[][] features(ApplianceDataset data, FeatureExtractor fx, int[] rows) {
        int[] bounds = data.segmentBounds();
        float[][] out = new float[rows.length][];
        int seg = 0;
        for (int r = 0; r < rows.length; r++) {
            while (rows[r] >= bounds[seg + 1]) {
                seg++;
            }
            out[r] = new float[fx.size()];
            fx.extract(data.aggregateW(), bounds[seg], bounds[seg + 1], rows[r], out[r]);
        }
        return out;
    }

    /** A power state this far above the off state, or more, is an on state. */
    static final double MIN_ON_STEP_W = 10;

    /**
     * Midway between the off state and the lowest on state; at least 10 W. Clustering a two-state
     * appliance into three states splits its off level (REDD house 5's fridge: 0.0 and 1.9 W beside
     * 175 W), and a threshold between those two would call every watt of an estimate "on".
     */
    static double onThreshold(double[] statesW) {
        for (int i = 1; i < statesW.length; i++) {
            if (statesW[i] - statesW[0] >= MIN_ON_STEP_W) {
                return Math.max(10, (statesW[0] + statesW[i]) / 2);
            }
        }
        return Math.max(10, statesW[0] + 10);
    }

    private static double sum(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s;
    }

    private static double mean(double[] v) {
        return v.length == 0 ? 0 : sum(v) / v.length;
    }
}
