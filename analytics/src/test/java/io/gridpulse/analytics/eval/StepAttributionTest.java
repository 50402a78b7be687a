package io.gridpulse.analytics.eval;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridpulse.analytics.nilm.ApplianceDataset;
import io.gridpulse.analytics.nilm.event.StepEventDetector;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StepAttributionTest {
    private static final long STEP_MS = 3000;

    @Test
    void eachStepIsNamedAfterTheApplianceThatChangedAndTheBandFiltersBySize() {
        int n = 200;
        double[] lamp = new double[n];
        double[] heater = new double[n];
        double[] fridge = new double[n];
        for (int i = 0; i < n; i++) {
            lamp[i] = i >= 40 && i < 120 ? 90 : 0; // +90 W at 40, -90 W at 120
            heater[i] = i >= 80 ? 1500 : 0; // +1500 W at 80: outside the band
            fridge[i] = i >= 60 && i < 160 ? 100 : 2; // +98 W at 60, -98 W at 160
        }
        ApplianceDataset data = dataset(Map.of("lamp", lamp, "heater", heater, "fridge", fridge));

        List<StepAttribution.AttributedStep> steps = StepAttribution.steps(data, StepEventDetector.DEFAULT, 70, 115);

        assertThat(steps).extracting(StepAttribution.AttributedStep::index).containsExactly(40, 60, 120, 160);
        assertThat(steps).extracting(StepAttribution.AttributedStep::appliance).containsExactly("lamp", "fridge", "lamp", "fridge");
        assertThat(StepAttribution.summary(steps)).containsExactly(
                new StepAttribution.ApplianceSteps("fridge", 1, 1, 98, 98),
                new StepAttribution.ApplianceSteps("lamp", 1, 1, 90, 90));
    }

    private static ApplianceDataset dataset(Map<String, double[]> appliances) {
        int n = appliances.values().iterator().next().length;
        long[] ts = new long[n];
        double[] aggregate = new double[n];
        for (int i = 0; i < n; i++) {
            ts[i] = i * STEP_MS;
            for (double[] p : appliances.values()) {
                aggregate[i] += p[i];
            }
        }
        return new ApplianceDataset(STEP_MS, ts, aggregate, new LinkedHashMap<>(appliances));
    }
}
