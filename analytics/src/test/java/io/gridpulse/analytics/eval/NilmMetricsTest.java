package io.gridpulse.analytics.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class NilmMetricsTest {
    @Test
    void maeIsMeanOfAbsoluteDifferences() {
        assertThat(NilmMetrics.maeW(new double[] {0, 100, 50, 0}, new double[] {10, 80, 50, 0})).isEqualTo(7.5);
    }

    @Test
    void f1CountsStatesAboveThreshold() {
        // truth on at 1,2,3; predicted on at 2,3,4 → tp=2, fp=1, fn=1 → F1 = 4/6
        double[] truth = {0, 100, 100, 100, 0};
        double[] pred = {0, 5, 90, 90, 90};
        assertThat(NilmMetrics.f1(truth, pred, 10)).isCloseTo(2.0 / 3, within(1e-12));
    }

    @Test
    void f1IsUndefinedWhenNeverOnAnywhere() {
        assertThat(NilmMetrics.f1(new double[] {0, 1}, new double[] {2, 0}, 10)).isNaN();
    }

    @Test
    void energyAssignedAccuracyIsOneWhenPerfectAndHalfWhenAllOnTheWrongAppliance() {
        double[] aggregate = {100, 100};
        List<double[]> truth = List.of(new double[] {100, 100}, new double[] {0, 0});
        assertThat(NilmMetrics.energyAssignedAccuracy(truth, truth, aggregate)).isEqualTo(1.0);
        List<double[]> swapped = List.of(new double[] {0, 0}, new double[] {100, 100});
        assertThat(NilmMetrics.energyAssignedAccuracy(truth, swapped, aggregate)).isEqualTo(0.0);
        List<double[]> half = List.of(new double[] {50, 50}, new double[] {50, 50});
        assertThat(NilmMetrics.energyAssignedAccuracy(truth, half, aggregate)).isEqualTo(0.5);
    }

    @Test
    void energyOfOneKilowattForAnHourIsOneKwh() {
        double[] oneHourAt3s = new double[1200];
        java.util.Arrays.fill(oneHourAt3s, 1000);
        assertThat(NilmMetrics.energyKwh(oneHourAt3s, 3000)).isCloseTo(1.0, within(1e-12));
    }
}
