package io.gridpulse.analytics.nilm.tree;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Gradient-boosted regression trees, pure Java: quantile-binned features (histogram split
 * search), depth-limited trees, row subsampling, squared or absolute loss. Training is
 * deterministic for a given {@link TreeParams#seed()}; the fitted model is immutable and
 * thread-safe.
 */
public final class GradientBoostedTrees {
    private final int featureCount;
    private final double base;
    private final List<RegressionTree> trees;

    private GradientBoostedTrees(int featureCount, double base, List<RegressionTree> trees) {
        this.featureCount = featureCount;
        this.base = base;
        this.trees = List.copyOf(trees);
    }

    /**
     * Fits {@code y ≈ f(rows)}.
     *
     * @param rows n feature vectors of equal length
     * @param y n targets
     */
    public static GradientBoostedTrees fit(float[][] rows, double[] y, TreeParams params) {
        if (rows.length != y.length || rows.length == 0) {
            throw new IllegalArgumentException("need as many targets as rows, at least one");
        }
        return new Trainer(rows, y, params).train();
    }

    /** An ensemble without trees that always predicts {@code value}. */
    public static GradientBoostedTrees constant(int featureCount, double value) {
        return new GradientBoostedTrees(featureCount, value, List.of());
    }

    public double predict(float[] x) {
        double sum = base;
        for (RegressionTree tree : trees) {
            sum += tree.predict(x);
        }
        return sum;
    }

    public int featureCount() {
        return featureCount;
    }

    public int treeCount() {
        return trees.size();
    }

    public void write(DataOutputStream out) throws IOException {
        out.writeInt(featureCount);
        out.writeDouble(base);
        out.writeInt(trees.size());
        for (RegressionTree tree : trees) {
            tree.write(out);
        }
    }

    public static GradientBoostedTrees read(DataInputStream in) throws IOException {
        int featureCount = in.readInt();
        double base = in.readDouble();
        int count = in.readInt();
        if (featureCount < 1 || count < 0 || count > 100_000) {
            throw new IOException("corrupt tree ensemble header");
        }
        List<RegressionTree> trees = new ArrayList<>(count);
        for (int t = 0; t < count; t++) {
            trees.add(RegressionTree.read(in, featureCount));
        }
        return new GradientBoostedTrees(featureCount, base, trees);
    }

    /** Mutable training state; one per fit. */
    private static final class Trainer {
        private final int n;
        private final int features;
        private final TreeParams params;
        private final double[] y;
        private final float[][] edges;
        private final byte[][] binned; // [feature][row]
        private final double[] residual;
        private final double[] prediction;
        private final SplittableRandom random;
        private final double[] histSum;
        private final int[] histCount;

        Trainer(float[][] rows, double[] y, TreeParams params) {
            this.n = rows.length;
            this.features = rows[0].length;
            this.params = params;
            this.y = y;
            this.edges = new float[features][];
            this.binned = new byte[features][n];
            this.residual = new double[n];
            this.prediction = new double[n];
            this.random = new SplittableRandom(params.seed());
            this.histSum = new double[params.bins()];
            this.histCount = new int[params.bins()];
            for (int f = 0; f < features; f++) {
                edges[f] = quantileEdges(rows, f, params.bins());
                for (int r = 0; r < n; r++) {
                    binned[f][r] = (byte) bin(edges[f], rows[r][f]);
                }
            }
        }

        GradientBoostedTrees train() {
            double base = params.absoluteLoss() ? median(y.clone(), 0, n) : Arrays.stream(y).average().orElse(0);
            Arrays.fill(prediction, base);
            List<RegressionTree> trees = new ArrayList<>();
            int[] all = new int[n];
            for (int t = 0; t < params.trees(); t++) {
                for (int r = 0; r < n; r++) {
                    double diff = y[r] - prediction[r];
                    residual[r] = params.absoluteLoss() ? Math.signum(diff) : diff;
                }
                int m = sampleRows(all);
                Built tree = new TreeBuilder().build(all, m);
                for (int r = 0; r < n; r++) {
                    prediction[r] += tree.predictBinned(r);
                }
                trees.add(tree.tree());
            }
            return new GradientBoostedTrees(features, base, trees);
        }

        private int sampleRows(int[] out) {
            int m = 0;
            for (int r = 0; r < n; r++) {
                if (params.subsample() >= 1 || random.nextDouble() < params.subsample()) {
                    out[m++] = r;
                }
            }
            return m;
        }

        /** Builds one tree over the sampled rows; remembers split bins to update predictions. */
        private final class TreeBuilder {
            private final List<int[]> splits = new ArrayList<>(); // {feature, bin, left, right}
            private final List<Double> values = new ArrayList<>();

            Built build(int[] rows, int m) {
                grow(rows, 0, m, 0);
                int size = splits.size();
                int[] feature = new int[size];
                float[] threshold = new float[size];
                int[] left = new int[size];
                int[] right = new int[size];
                double[] value = new double[size];
                int[] bins = new int[size];
                for (int i = 0; i < size; i++) {
                    int[] s = splits.get(i);
                    feature[i] = s[0];
                    bins[i] = s[1];
                    threshold[i] = s[0] >= 0 ? edges[s[0]][s[1]] : 0;
                    left[i] = s[2];
                    right[i] = s[3];
                    value[i] = values.get(i);
                }
                return new Built(new RegressionTree(feature, threshold, left, right, value), feature, bins, left, right,
                        value);
            }

            private int grow(int[] rows, int from, int to, int depth) {
                int node = splits.size();
                splits.add(new int[] {-1, 0, -1, -1});
                values.add(0.0);
                int count = to - from;
                double[] best = depth >= params.maxDepth() || count < 2 * params.minLeafSamples()
                        ? null : bestSplit(rows, from, to);
                if (best == null) {
                    values.set(node, params.learningRate() * leafValue(rows, from, to));
                    return node;
                }
                int f = (int) best[0];
                int b = (int) best[1];
                int mid = partition(rows, from, to, f, b);
                splits.get(node)[0] = f;
                splits.get(node)[1] = b;
                splits.get(node)[2] = grow(rows, from, mid, depth + 1);
                splits.get(node)[3] = grow(rows, mid, to, depth + 1);
                return node;
            }

            private double leafValue(int[] rows, int from, int to) {
                double[] r = new double[to - from];
                for (int i = from; i < to; i++) {
                    r[i - from] = y[rows[i]] - prediction[rows[i]];
                }
                if (params.absoluteLoss()) {
                    return median(r, 0, r.length);
                }
                return Arrays.stream(r).average().orElse(0);
            }

            private double[] bestSplit(int[] rows, int from, int to) {
                double total = 0;
                for (int i = from; i < to; i++) {
                    total += residual[rows[i]];
                }
                int count = to - from;
                double parentScore = total * total / count;
                double bestGain = 1e-9;
                double[] best = null;
                for (int f = 0; f < features; f++) {
                    Arrays.fill(histSum, 0);
                    Arrays.fill(histCount, 0);
                    byte[] col = binned[f];
                    for (int i = from; i < to; i++) {
                        int b = col[rows[i]] & 0xFF;
                        histSum[b] += residual[rows[i]];
                        histCount[b]++;
                    }
                    double sumLeft = 0;
                    int countLeft = 0;
                    for (int b = 0; b < edges[f].length; b++) {
                        sumLeft += histSum[b];
                        countLeft += histCount[b];
                        int countRight = count - countLeft;
                        if (countLeft < params.minLeafSamples()) {
                            continue;
                        }
                        if (countRight < params.minLeafSamples()) {
                            break;
                        }
                        double sumRight = total - sumLeft;
                        double gain = sumLeft * sumLeft / countLeft + sumRight * sumRight / countRight - parentScore;
                        if (gain > bestGain) {
                            bestGain = gain;
                            best = new double[] {f, b};
                        }
                    }
                }
                return best;
            }

            private int partition(int[] rows, int from, int to, int f, int b) {
                byte[] col = binned[f];
                int i = from;
                int j = to - 1;
                while (i <= j) {
                    if ((col[rows[i]] & 0xFF) <= b) {
                        i++;
                    } else {
                        int tmp = rows[i];
                        rows[i] = rows[j];
                        rows[j--] = tmp;
                    }
                }
                return i;
            }
        }

        /** A tree plus its split bins, to score training rows without re-binning. */
        private final class Built {
            private final RegressionTree tree;
            private final int[] feature;
            private final int[] bins;
            private final int[] left;
            private final int[] right;
            private final double[] value;

            Built(RegressionTree tree, int[] feature, int[] bins, int[] left, int[] right, double[] value) {
                this.tree = tree;
                this.feature = feature;
                this.bins = bins;
                this.left = left;
                this.right = right;
                this.value = value;
            }

            RegressionTree tree() {
                return tree;
            }

            double predictBinned(int row) {
                int node = 0;
                while (feature[node] >= 0) {
                    node = (binned[feature[node]][row] & 0xFF) <= bins[node] ? left[node] : right[node];
                }
                return value[node];
            }
        }
    }

    static float[] quantileEdges(float[][] rows, int f, int bins) {
        int n = rows.length;
        int stride = Math.max(1, n / 20_000);
        float[] sample = new float[(n + stride - 1) / stride];
        for (int i = 0, k = 0; i < n; i += stride) {
            sample[k++] = rows[i][f];
        }
        Arrays.sort(sample);
        float[] edges = new float[bins];
        int count = 0;
        for (int b = 1; b < bins; b++) {
            float e = sample[(int) ((long) b * (sample.length - 1) / bins)];
            if (count == 0 || e > edges[count - 1]) {
                edges[count++] = e;
            }
        }
        if (count == 0 || edges[count - 1] < sample[sample.length - 1]) {
            edges[count++] = sample[sample.length - 1];
        }
        return Arrays.copyOf(edges, count);
    }

    /** Index of the first edge ≥ value, capped at the last bin. */
    static int bin(float[] edges, float value) {
        int lo = 0;
        int hi = edges.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (edges[mid] < value) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    static double median(double[] values, int from, int to) {
        if (to <= from) {
            return 0;
        }
        double[] copy = Arrays.copyOfRange(values, from, to);
        Arrays.sort(copy);
        int mid = copy.length / 2;
        return copy.length % 2 == 1 ? copy[mid] : 0.5 * (copy[mid - 1] + copy[mid]);
    }
}
