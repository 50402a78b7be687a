package io.gridpulse.analytics.nilm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.gridpulse.analytics.eval.EvaluationReport;
import io.gridpulse.analytics.eval.NilmEvaluation;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ReddHouse5EndToEndTest {
    private static EvaluationReport report;

    @BeforeAll
    static void trainOnAprilAndTestOnMay() {
        Path dir = ReddHouse.house5().orElse(null);
        assumeTrue(dir != null, "../shared/data/redd-house5 absent: skipping REDD end-to-end NILM test");
        ApplianceDataset all = ReddHouse.load(dir);
        LocalDate testFrom = TimeSplit.defaultTestFrom(all, ZoneOffset.UTC).orElseThrow();
        long split = TimeSplit.startMs(testFrom, ZoneOffset.UTC);
        ApplianceDataset train = all.slice(Long.MIN_VALUE, split);
        ApplianceDataset test = all.slice(split, Long.MAX_VALUE);
        long t0 = System.nanoTime();
        NilmModel model = new NilmTrainer(NilmTrainer.Options.defaults(), System.err::println)
                .train(train, ChannelAligner.DEFAULT_TOLERANCE_MS, "redd-house5");
        System.err.printf("trained in %.1f s on %d ticks; test from %s, %d ticks%n", (System.nanoTime() - t0) / 1e9,
                train.size(), testFrom, test.size());
        report = NilmEvaluation.evaluate(model, test);
        System.err.println(report.toTable());
    }

    @Test
    void fridgeBeatsHalfTheMeanBaseline() {
        var s = report.score("refrigerator");
        assertThat(s.maeW()).isLessThan(0.5 * s.meanBaselineMaeW()).isLessThan(s.coMaeW());
    }
}
