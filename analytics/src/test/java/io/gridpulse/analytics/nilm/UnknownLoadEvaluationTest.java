package io.gridpulse.analytics.nilm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.gridpulse.analytics.eval.EvaluationReport;
import io.gridpulse.analytics.eval.NilmEvaluation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The evaluation's figure for sub-metered test loads the model never learned (a heater switched on later). */
class UnknownLoadEvaluationTest {
    static final long DAY_MS = 86_400_000L;
    static final NilmModel MODEL = SyntheticHome.smallModel(SyntheticHome.days(1, 7, 0));

    @Test
    void aHeaterNeverSeenInTrainingIsMeasuredAndMostlyLeftUnidentified() {
        ApplianceDataset test = withHeater(SyntheticHome.days(1, 8, DAY_MS), 1200);

        EvaluationReport.UnknownLoads unknown = NilmEvaluation.evaluate(MODEL, test).unknownLoads();

        assertThat(unknown.appliances()).containsExactly("heater");
        assertThat(unknown.kwhWhileOn()).isCloseTo(1.2 * 2, within(0.01));
        assertThat(unknown.absorbedShare()).isBetween(-0.2, 0.3);
        // CO has to explain the whole aggregate with known states, so it gives the heater away.
        assertThat(unknown.coAbsorbedShare()).isGreaterThan(unknown.absorbedShare() + 0.3);
    }

    @Test
    void noUnknownLoadMeansNoFigure() {
        EvaluationReport report = NilmEvaluation.evaluate(MODEL, SyntheticHome.days(1, 8, DAY_MS));

        assertThat(report.unknownLoads()).isEqualTo(EvaluationReport.UnknownLoads.NONE);
        assertThat(report.toTable()).doesNotContain("does not know");
        assertThat(report.toJson()).contains("\"unknownLoads\":{\"appliances\":[],");
    }

    /** Adds a sub-metered "heater" of {@code watts} from 18:00 to 20:00 to the day. */
    private static ApplianceDataset withHeater(ApplianceDataset day, double watts) {
        long start = day.timestampsMs()[0];
        double[] heater = new double[day.size()];
        double[] aggregate = day.aggregateW().clone();
        for (int i = 0; i < heater.length; i++) {
            long t = day.timestampsMs()[i] - start;
            if (t >= 18 * 3_600_000L && t < 20 * 3_600_000L) {
                heater[i] = watts;
                aggregate[i] += watts;
            }
        }
        Map<String, double[]> appliances = new LinkedHashMap<>();
        for (String a : List.of("refrigerator", "kettle")) {
            appliances.put(a, day.applianceW(a));
        }
        appliances.put("heater", heater);
        return new ApplianceDataset(day.stepMs(), day.timestampsMs(), aggregate, appliances);
    }
}
