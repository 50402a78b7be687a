package io.gridpulse.analytics.nilm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Scaled training copies of REDD house 5's first two days. */
class SizeAugmentationTest {
    private static final long DAY_MS = 86_400_000L;

    @Test
    void copiesScaleEachApplianceByOneFactorPerDayAndKeepTheRestOfTheAggregate() {
        Path dir = ReddHouse.house5().orElse(null);
        assumeTrue(dir != null, "../shared/data/redd-house5 absent");
        ApplianceDataset all = ReddHouse.load(dir);
        long t0 = all.timestampsMs()[0];
        ApplianceDataset twoDays = all.slice(t0, t0 + 2 * DAY_MS);
        // Lighting left unlabelled: the part of the aggregate that no appliance explains.
        Map<String, double[]> labelled = new LinkedHashMap<>();
        twoDays.appliances().stream().filter(a -> !a.equals("lighting"))
                .forEach(a -> labelled.put(a, twoDays.applianceW(a)));
        ApplianceDataset data = new ApplianceDataset(twoDays.stepMs(), twoDays.timestampsMs(), twoDays.aggregateW(),
                labelled);
        int n = data.size();

        ApplianceDataset out = SizeAugmentation.withScaledCopies(data, 2, 1.5, 7);

        assertThat(out.size()).isEqualTo(3 * n);
        assertThat(out.segmentBounds().length - 1)
                .as("copies never touch: windows stay inside one copy")
                .isEqualTo(3 * (data.segmentBounds().length - 1));
        for (int i = 0; i < n; i++) {
            assertThat(out.aggregateW()[i]).isEqualTo(data.aggregateW()[i]);
        }
        Set<Double> factors = new HashSet<>();
        for (String a : data.appliances()) {
            double[] in = data.applianceW(a);
            for (int c = 1; c <= 2; c++) {
                double[] scaled = out.applianceW(a);
                double[] dayFactor = {Double.NaN, Double.NaN};
                for (int i = 0; i < n; i++) {
                    if (in[i] < 1) {
                        continue;
                    }
                    double f = scaled[c * n + i] / in[i];
                    int day = (int) ((data.timestampsMs()[i] - t0) / DAY_MS);
                    if (Double.isNaN(dayFactor[day])) {
                        dayFactor[day] = f;
                        factors.add(f);
                    }
                    assertThat(f).as(a + " copy " + c + " tick " + i).isCloseTo(dayFactor[day], within(1e-9))
                            .isBetween(1 / 1.5 - 1e-9, 1.5 + 1e-9);
                }
            }
        }
        assertThat(factors).as("the factors vary").hasSizeGreaterThan(10);
        for (int c = 0; c <= 2; c++) {
            for (int i = 0; i < n; i += 97) {
                assertThat(rest(out, c * n + i)).as("the unlabelled lighting stays as it was")
                        .isCloseTo(rest(data, i), within(1e-6));
            }
        }
    }

    private static double rest(ApplianceDataset d, int i) {
        double rest = d.aggregateW()[i];
        for (String a : d.appliances()) {
            rest -= d.applianceW(a)[i];
        }
        return rest;
    }

    @Test
    void noCopiesIsTheDataItself() {
        Path dir = ReddHouse.house5().orElse(null);
        assumeTrue(dir != null, "../shared/data/redd-house5 absent");
        ApplianceDataset data = ReddHouse.load(dir);
        assertThat(SizeAugmentation.withScaledCopies(data, 0, 1.5, 7)).isSameAs(data);
    }
}
