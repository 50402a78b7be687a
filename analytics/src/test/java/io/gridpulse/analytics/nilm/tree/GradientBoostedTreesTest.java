package io.gridpulse.analytics.nilm.tree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GradientBoostedTreesTest {
    private static final TreeParams PARAMS = new TreeParams(60, 4, 0.2, 5, 0.8, 32, false, 7);

    /** y = 100 when x0 > 0.5 (an appliance on), plus 20·x1, plus noise. */
    private static float[][] rows(int n, long seed, double[] y) {
        SplittableRandom r = new SplittableRandom(seed);
        float[][] x = new float[n][2];
        for (int i = 0; i < n; i++) {
            x[i][0] = (float) r.nextDouble();
            x[i][1] = (float) r.nextDouble();
            y[i] = (x[i][0] > 0.5 ? 100 : 0) + 20 * x[i][1] + r.nextDouble() - 0.5;
        }
        return x;
    }

    @Test
    void learnsAStepFunctionPlusALinearTerm() {
        double[] y = new double[2000];
        GradientBoostedTrees model = GradientBoostedTrees.fit(rows(2000, 1, y), y, PARAMS);
        assertThat(model.predict(new float[] {0.9f, 0.5f})).isCloseTo(110, within(3.0));
        assertThat(model.predict(new float[] {0.1f, 0.5f})).isCloseTo(10, within(3.0));
    }

    @Test
    void sameSeedGivesTheSameModel() {
        double[] y = new double[500];
        float[][] x = rows(500, 2, y);
        float[] probe = {0.3f, 0.7f};
        assertThat(GradientBoostedTrees.fit(x, y, PARAMS).predict(probe))
                .isEqualTo(GradientBoostedTrees.fit(x, y, PARAMS).predict(probe));
    }

    @Test
    void absoluteLossIgnoresRareHugeOutliers() {
        double[] y = new double[1000];
        float[][] x = rows(1000, 3, y);
        for (int i = 0; i < y.length; i += 50) {
            y[i] = 1e5;
        }
        var l1 = new TreeParams(80, 3, 0.3, 5, 1.0, 32, true, 7);
        assertThat(GradientBoostedTrees.fit(x, y, l1).predict(new float[] {0.1f, 0.5f})).isCloseTo(10, within(5.0));
    }

    @Test
    void writtenModelReadsBackIdentically() throws Exception {
        double[] y = new double[300];
        GradientBoostedTrees model = GradientBoostedTrees.fit(rows(300, 4, y), y, PARAMS);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        model.write(new DataOutputStream(bytes));
        GradientBoostedTrees back = GradientBoostedTrees.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        float[] probe = {0.6f, 0.2f};
        assertThat(back.predict(probe)).isEqualTo(model.predict(probe));
        assertThat(back.treeCount()).isEqualTo(60);
    }
}
