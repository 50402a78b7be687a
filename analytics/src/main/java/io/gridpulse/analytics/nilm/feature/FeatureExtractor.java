package io.gridpulse.analytics.nilm.feature;

import io.gridpulse.analytics.nilm.event.PowerStep;
import io.gridpulse.analytics.nilm.event.StepEventDetector;
import java.util.List;

/**
 * Turns the aggregate around one grid sample into a fixed-length feature vector: the level,
 * window statistics at several scales (steady-state features), and step-event features (last
 * switch-on, next switch-off, on/off pairs of similar magnitude spanning the sample — Hart's
 * pairing). Only samples in {@code [i - pastSamples, i + lookaheadSamples]} within the sample's
 * contiguous segment are used, so the online processor, which holds exactly that window, computes
 * identical features to batch.
 */
public final class FeatureExtractor {
    /** Names of the features, index-aligned with {@link #extract}'s output. */
    public static final List<String> NAMES = List.of(
            "levelW",
            "mean6sW", "min6sW", "max6sW", "std6sW",
            "mean30sW", "min30sW", "max30sW", "std30sW",
            "mean150sW", "min150sW", "max150sW", "std150sW",
            "pastMin10mW", "pastMean10mW", "pastMinW", "pastMeanW", "futureMinW", "futureMeanW",
            "aboveMin150sW", "aboveMinW", "abovePastMinW",
            "diffPrevW", "diffNextW",
            "lastUpW", "lastUpAgeS", "lastStepW", "lastStepAgeS", "nextDownW", "nextDownInS",
            "pairRecentW", "pairRecentDurS", "pairLargestW", "stepsPast10m");

    private final long stepMs;
    private final int pastSamples;
    private final int lookaheadSamples;
    private final StepEventDetector detector;

    /**
     * @param stepMs grid step (ms)
     * @param pastSeconds how far back the features look
     * @param lookaheadSeconds how far ahead they look (the online delay)
     */
    public FeatureExtractor(long stepMs, int pastSeconds, int lookaheadSeconds, StepEventDetector detector) {
        this.stepMs = stepMs;
        this.pastSamples = samples(pastSeconds);
        this.lookaheadSamples = samples(lookaheadSeconds);
        this.detector = detector;
    }

    public int size() {
        return NAMES.size();
    }

    public int pastSamples() {
        return pastSamples;
    }

    public int lookaheadSamples() {
        return lookaheadSamples;
    }

    private int samples(double seconds) {
        return (int) Math.max(1, Math.round(seconds * 1000.0 / stepMs));
    }

    /**
     * Features of sample {@code i} of {@code x}, whose contiguous segment is
     * {@code [segStart, segEnd)}; written to {@code out} (length {@link #size()}).
     */
    public void extract(double[] x, int segStart, int segEnd, int i, float[] out) {
        int lo = Math.max(segStart, i - pastSamples);
        int hi = Math.min(segEnd - 1, i + lookaheadSamples);
        int k = 0;
        out[k++] = (float) x[i];
        k = window(x, Math.max(lo, i - samples(3)), Math.min(hi, i + samples(3)), out, k);
        k = window(x, Math.max(lo, i - samples(15)), Math.min(hi, i + samples(15)), out, k);
        k = window(x, Math.max(lo, i - samples(75)), Math.min(hi, i + samples(75)), out, k);
        int lo10 = Math.max(lo, i - samples(600));
        out[k++] = (float) min(x, lo10, i);
        out[k++] = (float) mean(x, lo10, i);
        double pastMin = min(x, lo, i);
        out[k++] = (float) pastMin;
        out[k++] = (float) mean(x, lo, i);
        out[k++] = (float) min(x, i, hi);
        out[k++] = (float) mean(x, i, hi);
        out[k++] = (float) (x[i] - min(x, Math.max(lo, i - samples(75)), Math.min(hi, i + samples(75))));
        out[k++] = (float) (x[i] - min(x, lo, hi));
        out[k++] = (float) (x[i] - pastMin);
        out[k++] = (float) (i > segStart ? x[i] - x[i - 1] : 0);
        out[k++] = (float) (i + 1 < segEnd ? x[i + 1] - x[i] : 0);
        stepFeatures(detector.detect(x, lo, hi + 1), i, out, k);
    }

    private void stepFeatures(List<PowerStep> steps, int i, float[] out, int k) {
        double secondsPerSample = stepMs / 1000.0;
        double horizonS = (pastSamples + lookaheadSamples) * secondsPerSample;
        PowerStep lastUp = null;
        PowerStep last = null;
        PowerStep nextDown = null;
        int recentSteps = 0;
        int firstAfter = steps.size();
        for (int s = 0; s < steps.size(); s++) {
            PowerStep step = steps.get(s);
            if (step.index() <= i) {
                last = step;
                if (step.isUp()) {
                    lastUp = step;
                }
                if (i - step.index() <= samples(600)) {
                    recentSteps++;
                }
            } else {
                if (firstAfter == steps.size()) {
                    firstAfter = s;
                }
                if (nextDown == null && !step.isUp()) {
                    nextDown = step;
                }
            }
        }
        out[k++] = lastUp == null ? 0 : (float) lastUp.deltaW();
        out[k++] = (float) (lastUp == null ? horizonS : (i - lastUp.index()) * secondsPerSample);
        out[k++] = last == null ? 0 : (float) last.deltaW();
        out[k++] = (float) (last == null ? horizonS : (i - last.index()) * secondsPerSample);
        out[k++] = nextDown == null ? 0 : (float) nextDown.deltaW();
        out[k++] = (float) (nextDown == null ? horizonS : (nextDown.index() - i) * secondsPerSample);
        double recentW = 0;
        double recentDurS = 0;
        double largestW = 0;
        for (int s = firstAfter - 1; s >= 0; s--) {
            PowerStep up = steps.get(s);
            if (!up.isUp()) {
                continue;
            }
            for (int d = firstAfter; d < steps.size(); d++) {
                PowerStep down = steps.get(d);
                if (!down.isUp() && Math.abs(down.deltaW() + up.deltaW()) <= Math.max(30, 0.2 * up.deltaW())) {
                    if (recentW == 0) {
                        recentW = up.deltaW();
                        recentDurS = (down.index() - up.index()) * secondsPerSample;
                    }
                    largestW = Math.max(largestW, up.deltaW());
                    break;
                }
            }
        }
        out[k++] = (float) recentW;
        out[k++] = (float) recentDurS;
        out[k++] = (float) largestW;
        out[k] = recentSteps;
    }

    private static int window(double[] x, int from, int to, float[] out, int k) {
        double sum = 0;
        double sumSq = 0;
        double mn = Double.MAX_VALUE;
        double mx = -Double.MAX_VALUE;
        for (int j = from; j <= to; j++) {
            sum += x[j];
            sumSq += x[j] * x[j];
            mn = Math.min(mn, x[j]);
            mx = Math.max(mx, x[j]);
        }
        int n = to - from + 1;
        double mean = sum / n;
        out[k++] = (float) mean;
        out[k++] = (float) mn;
        out[k++] = (float) mx;
        out[k++] = (float) Math.sqrt(Math.max(0, sumSq / n - mean * mean));
        return k;
    }

    private static double min(double[] x, int from, int to) {
        double mn = Double.MAX_VALUE;
        for (int j = from; j <= to; j++) {
            mn = Math.min(mn, x[j]);
        }
        return mn;
    }

    private static double mean(double[] x, int from, int to) {
        double sum = 0;
        for (int j = from; j <= to; j++) {
            sum += x[j];
        }
        return sum / (to - from + 1);
    }
}
