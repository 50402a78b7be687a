package io.gridpulse.analytics.nilm;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridpulse.analytics.eval.ApplianceScore;
import io.gridpulse.analytics.eval.EvaluationReport;
import io.gridpulse.analytics.eval.NilmEvaluation;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class EvaluationTableTest {
    @Test
    void eachRowShowsOursOverTheMeanBaselineTheTargetIsStatedIn() {
        NilmModel model = SyntheticHome.smallModel(SyntheticHome.days(1, 7, 0));
        EvaluationReport report = NilmEvaluation.evaluate(model, SyntheticHome.days(1, 8, 86_400_000L));

        String table = report.toTable();

        assertThat(table.lines().findFirst().orElseThrow()).contains("÷mean");
        for (ApplianceScore s : report.appliances()) {
            String row = table.lines().filter(l -> l.startsWith(s.appliance() + " ")).findFirst().orElseThrow();
            assertThat(row.split("\\s+")[4]).isEqualTo(String.format(Locale.ROOT, "%.2f", s.maeW() / s.meanBaselineMaeW()));
            assertThat(row).endsWith(s.typicalLevel() ? "level" : "trees");
        }
    }

    @Test
    void eachApplianceSaysWhetherItsRunsAreRecognisedOrItsTypicalLevelIsUsed() {
        ApplianceDataset frequent = SyntheticHome.days(1, 7, 0);
        NilmModel learned = SyntheticHome.smallModel(frequent);
        ApplianceDataset twice = NilmTrainerTest.keepFirstKettleRuns(frequent, 2); // the rarely-seen rule's case
        NilmModel rare = SyntheticHome.smallModel(twice);
        ApplianceDataset test = SyntheticHome.days(1, 8, 86_400_000L);

        EvaluationReport seen = NilmEvaluation.evaluate(learned, test);
        EvaluationReport seldom = NilmEvaluation.evaluate(rare, test);

        assertThat(NilmTrainer.onRuns(twice.applianceW("kettle"), 10)).isLessThan(NilmTrainer.MIN_ON_RUNS);
        assertThat(seen.score("kettle").typicalLevel()).isFalse();
        assertThat(seldom.score("kettle").typicalLevel()).isTrue();
        assertThat(seldom.score("refrigerator").typicalLevel()).isFalse();
        assertThat(seldom.toJson()).contains("\"appliance\":\"kettle\"").containsPattern(
                "\"appliance\":\"kettle\"[^}]*\"estimate\":\"typicalLevel\"");
        assertThat(seldom.toTable()).contains("level = the appliance's typical level");
        assertThat(seen.toTable()).doesNotContain("level = the appliance's typical level");
    }
}
