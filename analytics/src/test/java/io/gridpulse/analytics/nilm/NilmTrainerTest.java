package io.gridpulse.analytics.nilm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NilmTrainerTest {
    static final long DAY_MS = 86_400_000L;

    @Test
    void kettleSeenTwiceInTrainingGetsNoEnergyFromLookAlikeSteps() {
        ApplianceDataset frequent = SyntheticHome.days(1, 7, 0);
        ApplianceDataset train = keepFirstKettleRuns(frequent, 2);
        NilmModel model = SyntheticHome.smallModel(train);
        ApplianceDataset test = SyntheticHome.days(1, 8, DAY_MS);

        double[] kettle = model.estimate(test).get("kettle");

        assertThat(NilmTrainer.onRuns(train.applianceW("kettle"), 10)).isEqualTo(2);
        assertThat(Arrays.stream(kettle).max().orElseThrow()).isLessThan(10);
        assertThat(model.appliances().stream().filter(a -> a.name().equals("kettle")).findFirst().orElseThrow()
                .regressor().treeCount()).isZero();
    }

    @Test
    void kettleSeenOftenIsLearnedAndFoundInTheTestDay() {
        NilmModel model = SyntheticHome.smallModel(SyntheticHome.days(1, 7, 0));
        ApplianceDataset test = SyntheticHome.days(1, 8, DAY_MS);

        double[] estimate = model.estimate(test).get("kettle");
        double[] truth = test.applianceW("kettle");

        assertThat(NilmTrainer.onRuns(SyntheticHome.days(1, 7, 0).applianceW("kettle"), 10)).isGreaterThan(20);
        assertThat(Arrays.stream(estimate).sum()).isCloseTo(Arrays.stream(truth).sum(),
                org.assertj.core.api.Assertions.withinPercentage(25));
    }

    @Test
    void treesThatFireOnAnotherLoadOnTheHeldBackDayGiveWayToItsTypicalLevel() {
        // Three days with a kettle, then a day on which its runs in the aggregate are another
        // 1.9 kW load's (a toaster nobody sub-metered, say; the kettle's own series reads 0): the
        // trees fitted on the first three days call that load the kettle.
        ApplianceDataset home = SyntheticHome.days(4, 7, 0);
        double[] kettle = home.applianceW("kettle").clone();
        double[] aggregate = home.aggregateW().clone();
        int lastDay = (int) (3 * DAY_MS / SyntheticHome.STEP_MS);
        for (int i = lastDay; i < kettle.length; i++) {
            kettle[i] = 0;
        }
        ApplianceDataset train = withKettle(home, kettle, aggregate);
        List<String> lines = new ArrayList<>();

        NilmModel checked = SyntheticHome.trainer(0.25, lines::add).train(train, 6000, "synthetic");
        NilmModel unchecked = SyntheticHome.trainer(0, line -> {}).train(train, 6000, "synthetic");

        assertThat(treeCount(checked, "kettle")).isZero();
        assertThat(treeCount(checked, "refrigerator")).isPositive(); // it cycles the same on every day
        assertThat(treeCount(unchecked, "kettle")).isPositive();
        assertThat(lines).anyMatch(l -> l.startsWith("nilm: kettle on the held-back ticks") && l.endsWith("→ typical level"));
        double[] onTestDay = checked.estimate(SyntheticHome.days(1, 8, 4 * DAY_MS)).get("kettle");
        assertThat(Arrays.stream(onTestDay).max().orElseThrow()).isLessThan(10);
    }

    @Test
    void aKettleFirstUsedOnTheHeldBackDayGetsItsTypicalLevel() {
        // No kettle in the first three days (not in the aggregate either), then its usual runs on
        // the fourth: enough runs over the whole period for trees, none to check them on.
        ApplianceDataset home = SyntheticHome.days(4, 7, 0);
        double[] kettle = home.applianceW("kettle").clone();
        double[] aggregate = home.aggregateW().clone();
        for (int i = 0; i < (int) (3 * DAY_MS / SyntheticHome.STEP_MS); i++) {
            aggregate[i] -= kettle[i];
            kettle[i] = 0;
        }
        ApplianceDataset train = withKettle(home, kettle, aggregate);
        List<String> lines = new ArrayList<>();

        NilmModel model = SyntheticHome.trainer(0.25, lines::add).train(train, 6000, "synthetic");

        assertThat(NilmTrainer.onRuns(kettle, 10)).isGreaterThanOrEqualTo(NilmTrainer.MIN_ON_RUNS);
        assertThat(treeCount(model, "kettle")).isZero();
        assertThat(lines).anyMatch(l -> l.startsWith("nilm: kettle ")
                && l.endsWith("→ typical level (too few runs before this part to check trees)"));
    }

    @Test
    void aKettleThatRunsOnTheHeldBackDayKeepsItsTrees() {
        List<String> lines = new ArrayList<>();
        NilmModel model = SyntheticHome.trainer(0.25, lines::add).train(SyntheticHome.days(4, 7, 0), 6000, "synthetic");

        assertThat(treeCount(model, "kettle")).isPositive();
        assertThat(lines).anyMatch(l -> l.startsWith("nilm: kettle on the held-back ticks") && l.endsWith("→ trees"));
    }

    /** The home's fridge beside this kettle series and aggregate. */
    private static ApplianceDataset withKettle(ApplianceDataset home, double[] kettle, double[] aggregate) {
        Map<String, double[]> appliances = new LinkedHashMap<>();
        appliances.put("refrigerator", home.applianceW("refrigerator"));
        appliances.put("kettle", kettle);
        return new ApplianceDataset(SyntheticHome.STEP_MS, home.timestampsMs(), aggregate, appliances);
    }

    private static int treeCount(NilmModel model, String appliance) {
        return model.appliances().stream().filter(a -> a.name().equals(appliance)).findFirst().orElseThrow()
                .regressor().treeCount();
    }

    @Test
    void onThresholdLiesBetweenTheOffLevelAndTheFirstStateThatIsReallyOn() {
        assertThat(NilmTrainer.onThreshold(new double[] {0.0, 1.9, 174.6})).isCloseTo(87.3,
                org.assertj.core.api.Assertions.within(1e-9)); // a split off level is still off
        assertThat(NilmTrainer.onThreshold(new double[] {7.7, 26.6, 65.8})).isCloseTo(17.15,
                org.assertj.core.api.Assertions.within(1e-9));
        assertThat(NilmTrainer.onThreshold(new double[] {0.0, 2.0, 4.0})).isEqualTo(10); // never on
        assertThat(NilmTrainer.onThreshold(new double[] {30})).isEqualTo(40);
    }

    @Test
    void reddFridgeIsOnWhenItsCompressorRuns() {
        var dir = ReddHouse.house5();
        org.junit.jupiter.api.Assumptions.assumeTrue(dir.isPresent(), "../shared/data/redd-house5 absent");
        double[] fridge = ReddHouse.load(dir.get()).applianceW("refrigerator");
        double threshold = NilmTrainer.onThreshold(io.gridpulse.analytics.nilm.baseline.PowerStates.cluster(fridge, 3));
        // Its compressor draws 150-250 W and it idles at 0-3 W: both sides of the threshold by far.
        assertThat(threshold).isBetween(40.0, 120.0);
        assertThat(NilmTrainer.onShare(fridge, threshold)).isBetween(0.2, 0.6);
    }

    /** The same day with all but the first {@code keep} kettle runs removed from kettle and aggregate. */
    static ApplianceDataset keepFirstKettleRuns(ApplianceDataset data, int keep) {
        double[] kettle = data.applianceW("kettle").clone();
        double[] agg = data.aggregateW().clone();
        int runs = 0;
        for (int i = 0; i < kettle.length; i++) {
            if (kettle[i] > 0 && (i == 0 || data.applianceW("kettle")[i - 1] == 0)) {
                runs++;
            }
            if (kettle[i] > 0 && runs > keep) {
                agg[i] -= kettle[i];
                kettle[i] = 0;
            }
        }
        Map<String, double[]> appliances = new LinkedHashMap<>();
        appliances.put("refrigerator", data.applianceW("refrigerator"));
        appliances.put("kettle", kettle);
        return new ApplianceDataset(data.stepMs(), data.timestampsMs(), agg, appliances);
    }
}
