package io.gridpulse.analytics.nilm.tree;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * A binary regression tree in flat arrays. Node {@code n} is a leaf when {@code feature[n] < 0};
 * otherwise a sample goes left when {@code x[feature[n]] <= threshold[n]}.
 */
public final class RegressionTree {
    private final int[] feature;
    private final float[] threshold;
    private final int[] left;
    private final int[] right;
    private final double[] value;

    RegressionTree(int[] feature, float[] threshold, int[] left, int[] right, double[] value) {
        this.feature = feature;
        this.threshold = threshold;
        this.left = left;
        this.right = right;
        this.value = value;
    }

    public double predict(float[] x) {
        int n = 0;
        while (feature[n] >= 0) {
            n = x[feature[n]] <= threshold[n] ? left[n] : right[n];
        }
        return value[n];
    }

    public int nodes() {
        return feature.length;
    }

    void write(DataOutputStream out) throws IOException {
        out.writeInt(feature.length);
        for (int n = 0; n < feature.length; n++) {
            out.writeInt(feature[n]);
            out.writeFloat(threshold[n]);
            out.writeInt(left[n]);
            out.writeInt(right[n]);
            out.writeDouble(value[n]);
        }
    }

    static RegressionTree read(DataInputStream in, int featureCount) throws IOException {
        int n = in.readInt();
        if (n < 1 || n > 1 << 20) {
            throw new IOException("corrupt tree: " + n + " nodes");
        }
        int[] feature = new int[n];
        float[] threshold = new float[n];
        int[] left = new int[n];
        int[] right = new int[n];
        double[] value = new double[n];
        for (int i = 0; i < n; i++) {
            feature[i] = in.readInt();
            threshold[i] = in.readFloat();
            left[i] = in.readInt();
            right[i] = in.readInt();
            value[i] = in.readDouble();
            if (feature[i] >= featureCount || (feature[i] >= 0 && (left[i] <= i || right[i] <= i
                    || left[i] >= n || right[i] >= n))) {
                throw new IOException("corrupt tree node " + i);
            }
        }
        return new RegressionTree(feature, threshold, left, right, value);
    }
}
