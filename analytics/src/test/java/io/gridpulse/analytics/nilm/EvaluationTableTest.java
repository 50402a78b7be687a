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
        }
    }
}
