package io.gridpulse.analytics.nilm;

import io.gridpulse.analytics.nilm.event.SignatureClusterer.Signature;
import io.gridpulse.analytics.nilm.event.StepEventDetector;
import io.gridpulse.analytics.nilm.feature.FeatureExtractor;
import io.gridpulse.analytics.nilm.tree.GradientBoostedTrees;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A trained disaggregation model: the grid it works on, the feature window, and one
 * {@link ApplianceModel} per known appliance. Immutable and thread-safe.
 *
 * <p>File format (big-endian, {@link DataOutputStream}): magic {@code "GPNILM"}, int version
 * ({@link #FORMAT_VERSION}), long stepMs, long toleranceMs, int pastSeconds, int lookaheadSeconds,
 * double detector minStepW, toleranceW, relativeTolerance, int minSteadySamples, long
 * trainedFromMs, long trainedUntilMs, UTF source, [version 2: int n + n UTF training files], int appliance count, then per appliance: UTF
 * name, double onThresholdW, double meanW, int n + n doubles statesW, int m + m × (double medianW,
 * minW, maxW, int members) signatures, then the tree ensemble (int featureCount, double base, int
 * trees, per tree int nodes + nodes × (int feature, float threshold, int left, int right, double
 * value)); [version 3: per appliance, in the same order, a boolean and, if true, 24 doubles: its
 * typical level by UTC hour, and a double: the trees' share of the estimate]. Readers reject other
 * magics and versions.
 */
public final class NilmModel {
    public static final int FORMAT_VERSION = 3;
    private static final String MAGIC = "GPNILM";

    /**
     * Where and how the model was trained.
     *
     * @param stepMs grid step
     * @param toleranceMs nearest-reading tolerance of the resampler
     * @param pastSeconds feature look-back
     * @param lookaheadSeconds feature look-ahead = online output delay
     * @param trainedFromMs first training tick (UTC ms)
     * @param trainedUntilMs end of the training period (exclusive, UTC ms)
     * @param source human-readable description of the training data
     * @param trainingFiles the day files of a synthetic (tracebase) training household, as
     *     {@code <type folder>/<file name>}, so an evaluation on another folder can leave them
     *     out; empty for a time-split (REDD) model and for models of format version 1
     */
    public record Settings(long stepMs, long toleranceMs, int pastSeconds, int lookaheadSeconds,
                           long trainedFromMs, long trainedUntilMs, String source, List<String> trainingFiles) {
        public Settings {
            trainingFiles = List.copyOf(trainingFiles);
        }
    }

    private final Settings settings;
    private final StepEventDetector detector;
    private final List<ApplianceModel> appliances;

    public NilmModel(Settings settings, StepEventDetector detector, List<ApplianceModel> appliances) {
        this.settings = settings;
        this.detector = detector;
        this.appliances = List.copyOf(appliances);
    }

    public Settings settings() {
        return settings;
    }

    /** This model with the files its training household was built from recorded. */
    public NilmModel withTrainingFiles(List<String> files) {
        Settings s = settings;
        return new NilmModel(new Settings(s.stepMs(), s.toleranceMs(), s.pastSeconds(), s.lookaheadSeconds(),
                s.trainedFromMs(), s.trainedUntilMs(), s.source(), files), detector, appliances);
    }

    public StepEventDetector detector() {
        return detector;
    }

    public List<ApplianceModel> appliances() {
        return appliances;
    }

    public List<String> applianceNames() {
        return appliances.stream().map(ApplianceModel::name).toList();
    }

    /** The feature extractor matching this model. */
    public FeatureExtractor features() {
        return new FeatureExtractor(settings.stepMs(), settings.pastSeconds(), settings.lookaheadSeconds(), detector);
    }

    /**
     * Per known appliance, estimated power (W) at each tick of {@code data}'s aggregate. Estimates
     * are non-negative and, summed over appliances, never exceed the aggregate.
     */
    public Map<String, double[]> estimate(ApplianceDataset data) {
        double[] x = data.aggregateW();
        int n = x.length;
        double[][] out = new double[appliances.size()][n];
        FeatureExtractor fx = features();
        float[] row = new float[fx.size()];
        int[] bounds = data.segmentBounds();
        for (int s = 0; s + 1 < bounds.length; s++) {
            for (int i = bounds[s]; i < bounds[s + 1]; i++) {
                fx.extract(x, bounds[s], bounds[s + 1], i, row);
                double[] estimate = estimateRow(row, x[i], data.timestampsMs()[i]);
                for (int a = 0; a < estimate.length; a++) {
                    out[a][i] = estimate[a];
                }
            }
        }
        Map<String, double[]> result = new LinkedHashMap<>();
        for (int a = 0; a < appliances.size(); a++) {
            result.put(appliances.get(a).name(), out[a]);
        }
        return result;
    }

    /** Appliance powers (W, model order) for one feature row and the aggregate at that tick. */
    double[] estimateRow(float[] features, double aggregateW, long tickMs) {
        double[] est = new double[appliances.size()];
        double sum = 0;
        for (int a = 0; a < est.length; a++) {
            est[a] = Math.max(0, appliances.get(a).estimateW(features, tickMs));
            sum += est[a];
        }
        double cap = Math.max(0, aggregateW);
        if (sum > cap) {
            double scale = sum == 0 ? 0 : cap / sum;
            for (int a = 0; a < est.length; a++) {
                est[a] *= scale;
            }
        }
        return est;
    }

    public void write(Path file) throws IOException {
        try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(file))) {
            write(os);
        }
    }

    public void write(OutputStream os) throws IOException {
        DataOutputStream out = new DataOutputStream(os);
        out.writeBytes(MAGIC);
        out.writeInt(FORMAT_VERSION);
        out.writeLong(settings.stepMs());
        out.writeLong(settings.toleranceMs());
        out.writeInt(settings.pastSeconds());
        out.writeInt(settings.lookaheadSeconds());
        out.writeDouble(detector.minStepW());
        out.writeDouble(detector.toleranceW());
        out.writeDouble(detector.relativeTolerance());
        out.writeInt(detector.minSteadySamples());
        out.writeLong(settings.trainedFromMs());
        out.writeLong(settings.trainedUntilMs());
        out.writeUTF(settings.source());
        out.writeInt(settings.trainingFiles().size());
        for (String file : settings.trainingFiles()) {
            out.writeUTF(file);
        }
        out.writeInt(appliances.size());
        for (ApplianceModel a : appliances) {
            out.writeUTF(a.name());
            out.writeDouble(a.onThresholdW());
            out.writeDouble(a.meanW());
            out.writeInt(a.statesW().length);
            for (double s : a.statesW()) {
                out.writeDouble(s);
            }
            out.writeInt(a.signatures().size());
            for (Signature s : a.signatures()) {
                out.writeDouble(s.medianW());
                out.writeDouble(s.minW());
                out.writeDouble(s.maxW());
                out.writeInt(s.members());
            }
            a.regressor().write(out);
        }
        for (ApplianceModel a : appliances) { // version 3, after what older readers read
            out.writeBoolean(a.typicalW() != null);
            if (a.typicalW() != null) {
                for (double w : a.typicalW().wattsByUtcHour()) {
                    out.writeDouble(w);
                }
                out.writeDouble(a.treeShare());
            }
        }
        out.flush();
    }

    public static NilmModel read(Path file) throws IOException {
        try (InputStream is = new BufferedInputStream(Files.newInputStream(file))) {
            return read(is);
        }
    }

    public static NilmModel read(InputStream is) throws IOException {
        DataInputStream in = new DataInputStream(is);
        byte[] magic = in.readNBytes(MAGIC.length());
        if (!MAGIC.equals(new String(magic, java.nio.charset.StandardCharsets.US_ASCII))) {
            throw new IOException("not a GridPulse NILM model (bad magic)");
        }
        int version = in.readInt();
        if (version < 1 || version > FORMAT_VERSION) {
            throw new IOException("unsupported NILM model version " + version + " (expected 1 to " + FORMAT_VERSION + ")");
        }
        long stepMs = in.readLong();
        long toleranceMs = in.readLong();
        int past = in.readInt();
        int ahead = in.readInt();
        StepEventDetector detector = new StepEventDetector(in.readDouble(), in.readDouble(), in.readDouble(),
                in.readInt());
        long trainedFromMs = in.readLong();
        long trainedUntilMs = in.readLong();
        String source = in.readUTF();
        List<String> trainingFiles = new ArrayList<>();
        for (int i = version >= 2 ? in.readInt() : 0; i > 0; i--) {
            trainingFiles.add(in.readUTF());
        }
        Settings settings = new Settings(stepMs, toleranceMs, past, ahead, trainedFromMs, trainedUntilMs, source,
                trainingFiles);
        int count = in.readInt();
        List<ApplianceModel> appliances = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String name = in.readUTF();
            double on = in.readDouble();
            double mean = in.readDouble();
            double[] states = new double[in.readInt()];
            for (int s = 0; s < states.length; s++) {
                states[s] = in.readDouble();
            }
            int sigCount = in.readInt();
            List<Signature> sigs = new ArrayList<>();
            for (int s = 0; s < sigCount; s++) {
                sigs.add(new Signature(in.readDouble(), in.readDouble(), in.readDouble(), in.readInt()));
            }
            appliances.add(new ApplianceModel(name, on, mean, states, sigs, GradientBoostedTrees.read(in)));
        }
        for (int i = 0; i < count && version >= 3; i++) {
            if (in.readBoolean()) {
                double[] levels = new double[24];
                for (int h = 0; h < levels.length; h++) {
                    levels[h] = in.readDouble();
                }
                ApplianceModel a = appliances.get(i);
                appliances.set(i, new ApplianceModel(a.name(), a.onThresholdW(), a.meanW(), a.statesW(), a.signatures(),
                        a.regressor(), new HourlyLevels(levels), in.readDouble()));
            }
        }
        return new NilmModel(settings, detector, appliances);
    }
}
