package io.gridpulse.analytics.nilm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.gridpulse.analytics.eval.ApplianceScore;
import io.gridpulse.analytics.eval.EvaluationReport;
import io.gridpulse.analytics.eval.NilmEvaluation;
import io.gridpulse.analytics.eval.StepAttribution;
import io.gridpulse.analytics.nilm.event.StepEventDetector;
import io.gridpulse.core.Reading;
import io.gridpulse.core.SharedData;
import io.gridpulse.ingest.dataset.DatasetFormat;
import io.gridpulse.ingest.dataset.DatasetReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Trains on the first 60 % of REDD house 5's data days (April) and tests on the rest (May):
 * disjoint periods, the default split of {@code gridpulse nilm train|eval}.
 */
class ReddHouse5EndToEndTest {
    private static NilmModel model;
    private static ApplianceDataset test;
    private static EvaluationReport report;

    @BeforeAll
    static void trainOnAprilAndTestOnMay() {
        Path dir = ReddHouse.house5().orElse(null);
        assumeTrue(dir != null, "../shared/data/redd-house5 absent: skipping REDD end-to-end NILM test");
        ApplianceDataset all = ReddHouse.load(dir);
        LocalDate testFrom = TimeSplit.defaultTestFrom(all, ZoneOffset.UTC).orElseThrow();
        long split = TimeSplit.startMs(testFrom, ZoneOffset.UTC);
        ApplianceDataset train = all.slice(Long.MIN_VALUE, split);
        test = all.slice(split, Long.MAX_VALUE);
        long t0 = System.nanoTime();
        model = new NilmTrainer(NilmTrainer.Options.defaults(), System.err::println)
                .train(train, ChannelAligner.DEFAULT_TOLERANCE_MS, "redd-house5");
        System.err.printf("trained in %.1f s on %d ticks; test from %s, %d ticks%n", (System.nanoTime() - t0) / 1e9,
                train.size(), testFrom, test.size());
        report = NilmEvaluation.evaluate(model, test);
        System.err.println(report.toTable());
    }

    @Test
    void trainingAndTestPeriodsDoNotOverlap() {
        assertThat(model.settings().trainedUntilMs()).isLessThanOrEqualTo(test.timestampsMs()[0]);
    }

    @Test
    void fridgeErrorIsBelowHalfTheMeanBaselineAndBelowCo() {
        assertBeatsBaselines(report.score("refrigerator"));
    }

    @Test
    void fridgeOnOffF1IsAtLeast085() {
        assertThat(report.score("refrigerator").f1()).isGreaterThanOrEqualTo(0.85);
    }

    @Test
    void lightingErrorIsBelowHalfTheMeanBaselineAndBelowCo() {
        assertBeatsBaselines(report.score("lighting"));
    }

    @Test
    void furnaceErrorIsBelowHalfTheMeanBaselineAndBelowCo() {
        assertBeatsBaselines(report.score("furance")); // REDD's spelling
    }

    @Test
    void dishwasherIdleInTestGetsAlmostNoEnergy() {
        ApplianceScore dishwasher = report.score("dishwaser");
        assertThat(dishwasher.trueEnergyShare()).isLessThan(0.01);
        assertThat(dishwasher.energyShare()).isLessThan(0.01);
    }

    /** Guards the rarely-seen rule (11.0 W before it, 8.1 W with it; the 0.5 × Mean target is not met, docs/analytics.md). */
    @Test
    void microwaveErrorStaysBelowMeanAndCo() {
        ApplianceScore microwave = report.score("microwave");
        assertThat(microwave.maeW()).isLessThan(microwave.meanBaselineMaeW()).isLessThan(microwave.coMaeW());
    }

    /**
     * Why the microwave's one test run is not found: in the test period nearly every aggregate step of
     * its size (70-115 W) is made by another appliance (`gridpulse nilm steps`).
     */
    @Test
    void stepsOfTheMicrowavesSizeAreMostlyOtherAppliances() {
        var summary = StepAttribution.summary(StepAttribution.steps(test, StepEventDetector.DEFAULT, 70, 115));
        int microwaveUps = summary.stream().filter(s -> s.appliance().equals("microwave"))
                .mapToInt(StepAttribution.ApplianceSteps::ups).sum();
        int otherUps = summary.stream().filter(s -> !s.appliance().equals("microwave"))
                .mapToInt(StepAttribution.ApplianceSteps::ups).sum();
        assertThat(microwaveUps).isEqualTo(1);
        assertThat(otherUps).isGreaterThanOrEqualTo(40);
    }

    @Test
    void oursAssignsEnergyMoreAccuratelyThanBothBaselines() {
        var o = report.overall();
        assertThat(o.energyAssignedAccuracy()).isGreaterThan(o.coAccuracy()).isGreaterThan(o.meanBaselineAccuracy());
    }

    @Test
    void unseenLoadMostlyStaysUnidentified() throws IOException {
        Path stove = SharedData.resolve("tracebase/Cookingstove").orElse(null);
        assumeTrue(stove != null, "tracebase absent: skipping unseen-load test");
        double[] added = unseenLoadOnSecondTestDay(stove);
        double[] withHeater = test.aggregateW().clone();
        double addedSum = 0;
        for (int i = 0; i < added.length; i++) {
            withHeater[i] += added[i];
            addedSum += added[i];
        }
        var injected = new ApplianceDataset(test.stepMs(), test.timestampsMs(), withHeater, Map.of());
        double knownBefore = knownTotal(model.estimate(test));
        double knownAfter = knownTotal(model.estimate(injected));
        double absorbed = (knownAfter - knownBefore) / addedSum;
        System.err.printf("unseen stove: %.2f kWh injected, %.1f %% assigned to known appliances%n",
                addedSum * test.stepMs() / 3.6e9, 100 * absorbed);
        assertThat(absorbed).isLessThan(0.5);
    }

    private static void assertBeatsBaselines(ApplianceScore s) {
        assertThat(s.maeW()).as(s.appliance() + " MAE vs 0.5 × Mean").isLessThanOrEqualTo(0.5 * s.meanBaselineMaeW());
        assertThat(s.maeW()).as(s.appliance() + " MAE vs CO").isLessThan(s.coMaeW());
    }

    private static double knownTotal(Map<String, double[]> estimates) {
        return estimates.values().stream().flatMapToDouble(java.util.Arrays::stream).sum();
    }

    /** The tracebase stove trace laid onto the second test day at its time of day, W per test tick. */
    private static double[] unseenLoadOnSecondTestDay(Path dir) throws IOException {
        Path file;
        try (Stream<Path> files = Files.list(dir)) {
            file = files.filter(f -> f.toString().endsWith(".csv")).sorted().findFirst().orElseThrow();
        }
        List<Reading> trace = new DatasetReader(DatasetFormat.TRACEBASE, ZoneOffset.UTC).readAll(file);
        Map<Long, Double> bySecondOfDay = new LinkedHashMap<>();
        for (Reading r : trace) {
            bySecondOfDay.put(Math.floorMod(r.timestampMs(), 86_400_000L) / test.stepMs(), r.powerMilliwatts() / 1000.0);
        }
        LocalDate day = test.days(ZoneOffset.UTC).get(1);
        long dayStart = TimeSplit.startMs(day, ZoneOffset.UTC);
        double[] out = new double[test.size()];
        for (int i = 0; i < out.length; i++) {
            long t = test.timestampsMs()[i];
            if (t >= dayStart && t < dayStart + 86_400_000L) {
                out[i] = Math.max(0, bySecondOfDay.getOrDefault((t - dayStart) / test.stepMs(), 0.0));
            }
        }
        return out;
    }
}
