package io.gridpulse.analytics.nilm;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridpulse.core.MeterRef;
import io.gridpulse.core.Reading;
import io.gridpulse.core.event.MeterEvent;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class NilmProcessorTest {
    private static final MeterRef METER = MeterRef.of("home", "mains");
    private static NilmModel model;
    private static List<Reading> oneHertz;

    @BeforeAll
    static void trainSmallModelAndMakeA1HzStream() {
        model = SyntheticHome.smallModel(SyntheticHome.days(1, 11, 0));
        ApplianceDataset test = SyntheticHome.days(1, 12, 86_400_000L * 3);
        oneHertz = new ArrayList<>();
        for (int i = 0; i < test.size(); i++) {
            for (int s = 0; s < 3; s++) {
                long ts = test.timestampsMs()[i] + s * 1000;
                if (ts < 86_400_000L * 3 + 10 * 3_600_000L || ts > 86_400_000L * 3 + 11 * 3_600_000L) { // 1 h gap
                    oneHertz.add(Reading.ofPower(ts, Math.round(test.aggregateW()[i] * 1000)));
                }
            }
        }
    }

    private static Map<Long, Map<String, Long>> runOnline(List<List<Reading>> batches, boolean snapshotBetween) {
        Map<Long, Map<String, Long>> out = new TreeMap<>();
        NilmProcessor.EstimateListener listener = (t, mw) -> out.put(t, mw);
        NilmProcessor p = new NilmProcessor(METER, model, listener);
        for (List<Reading> batch : batches) {
            p.onReadings(batch, e -> {});
            if (snapshotBetween) {
                p = NilmProcessor.restore(METER, model, listener, p.snapshot());
            }
        }
        p.flush(e -> {});
        return out;
    }

    @Test
    void onlineEstimatesEqualBatchDisaggregationTickForTick() {
        Disaggregation batch = Nilm.disaggregate(oneHertz, model, ZoneOffset.UTC);
        Map<Long, Map<String, Long>> online = runOnline(chunks(oneHertz, 997), false);
        assertThat(online).hasSize(batch.timestampsMs().length);
        for (ApplianceEstimate a : batch.appliances().subList(0, model.appliances().size())) {
            for (int i = 0; i < batch.timestampsMs().length; i++) {
                assertThat(online.get(batch.timestampsMs()[i]).get(a.appliance())).isEqualTo(a.powerMilliwatts()[i]);
            }
        }
    }

    @Test
    void snapshotAndRestoreBetweenBatchesChangesNothing() {
        assertThat(runOnline(chunks(oneHertz, 501), true)).isEqualTo(runOnline(chunks(oneHertz, 501), false));
    }

    @Test
    void emitsOnAndOffEventsForTheFridge() {
        List<MeterEvent> events = new ArrayList<>();
        NilmProcessor p = new NilmProcessor(METER, model, null);
        p.onReadings(oneHertz, events::add);
        long fridgeOn = events.stream().filter(e -> e.type().equals("appliance-on")
                && e.details().get("appliance").equals("refrigerator")).count();
        assertThat(fridgeOn).as("fridge cycles every 30 min for ~23 h").isBetween(35L, 60L);
    }

    @Test
    void batchResultCarriesEnergyPerDayAndOnPeriods() {
        Disaggregation d = Nilm.disaggregate(oneHertz, model, ZoneOffset.UTC);
        ApplianceEstimate fridge = d.appliance("refrigerator").orElseThrow();
        // true fridge: 130 W for 250 of every 600 ticks ≈ 54 W mean over ~23 h ≈ 1.25 kWh
        assertThat(fridge.energyMilliwattHours()).isBetween(1_000_000L, 1_500_000L);
        assertThat(fridge.onPeriods()).hasSizeBetween(35, 60);
        assertThat(d.appliance(Disaggregation.UNIDENTIFIED)).isPresent();
    }

    @Test
    void anApplianceKnownOnlyByItsTypicalLevelIsNeverReportedOn() {
        // The fridge's trees swapped for a level by hour well above its on threshold in the morning:
        // that level follows the clock, not the signal, so it carries energy but no on-periods or events.
        double[] byHour = new double[24];
        java.util.Arrays.fill(byHour, 6, 12, 200);
        NilmModel levelOnly = new NilmModel(model.settings(), model.detector(), model.appliances().stream()
                .map(a -> !a.name().equals("refrigerator") ? a : new ApplianceModel(a.name(), a.onThresholdW(), a.meanW(),
                        a.statesW(), a.signatures(), io.gridpulse.analytics.nilm.tree.GradientBoostedTrees.constant(
                                model.features().size(), 0), new HourlyLevels(byHour), 1))
                .toList());
        List<MeterEvent> events = new ArrayList<>();

        ApplianceEstimate fridge = Nilm.disaggregate(oneHertz, levelOnly, ZoneOffset.UTC).appliance("refrigerator")
                .orElseThrow();
        new NilmProcessor(METER, levelOnly, null).onReadings(oneHertz, events::add);

        assertThat(fridge.energyMilliwattHours()).isPositive();
        assertThat(fridge.onPeriods()).isEmpty();
        assertThat(events).noneMatch(e -> e.details().get("appliance").equals("refrigerator"));
        assertThat(events).anyMatch(e -> e.details().get("appliance").equals("kettle")); // others still report
    }

    @Test
    void aBlendIsOnWhenItsTreesAreNotWhenItsTypicalLevelIsHigh() {
        // Half the fridge's trees plus half a flat 200 W: every estimate is ≥ 100 W, above the fridge's
        // on threshold, yet only the trees' part says when it runs.
        NilmModel blended = new NilmModel(model.settings(), model.detector(), model.appliances().stream()
                .map(a -> !a.name().equals("refrigerator") ? a : new ApplianceModel(a.name(), a.onThresholdW(), a.meanW(),
                        a.statesW(), a.signatures(), a.regressor(), HourlyLevels.flat(200), ApplianceModel.BLEND_TREE_SHARE))
                .toList());
        List<MeterEvent> events = new ArrayList<>();

        ApplianceEstimate fridge = Nilm.disaggregate(oneHertz, blended, ZoneOffset.UTC).appliance("refrigerator")
                .orElseThrow();
        new NilmProcessor(METER, blended, null).onReadings(oneHertz, events::add);

        assertThat(blended.appliances().stream().filter(ApplianceModel::blended).map(ApplianceModel::name))
                .containsExactly("refrigerator");
        assertThat(fridge.onPeriods()).hasSizeBetween(35, 60); // as the trees alone (fridge cycles every 30 min)
        assertThat(events.stream().filter(e -> e.type().equals("appliance-on")
                && e.details().get("appliance").equals("refrigerator")).count()).isBetween(35L, 60L);
    }

    private static List<List<Reading>> chunks(List<Reading> all, int size) {
        List<List<Reading>> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i += size) {
            out.add(all.subList(i, Math.min(all.size(), i + size)));
        }
        return out;
    }
}
