package io.gridpulse.analytics.anomaly;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridpulse.analytics.series.MinuteAverage;
import io.gridpulse.core.MeterRef;
import io.gridpulse.core.Reading;
import io.gridpulse.core.event.MeterEvent;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;

class AnomalyDetectorTest {
    static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
    static final MeterRef METER = MeterRef.of("t", "m");
    static final long DAY0_MS = LocalDate.of(2026, 3, 2).atStartOfDay(SEOUL).toInstant().toEpochMilli();

    static List<MinuteAverage> days(int days, IntToDoubleFunction watts) {
        List<MinuteAverage> out = new ArrayList<>();
        for (int i = 0; i < days * 1440; i++) {
            double w = watts.applyAsDouble(i);
            out.add(new MinuteAverage(DAY0_MS + i * 60_000L, w, Double.isNaN(w) ? 0 : 1));
        }
        return out;
    }

    /** 100 W always on, a fridge cycling, a 1.5 kW kettle for 5 min at 07:00 and 2 kW for 1 h at 18:00. */
    static double household(int minute) {
        int m = minute % 1440;
        double fridge = minute % 40 < 15 ? 120 : 0;
        double kettle = m >= 7 * 60 && m < 7 * 60 + 5 ? 1500 : 0;
        double cooking = m >= 18 * 60 && m < 19 * 60 ? 2000 : 0;
        return 100 + fridge + kettle + cooking;
    }

    static List<MeterEvent> detect(List<MinuteAverage> minutes, String type) {
        return AnomalyDetector.detect(METER, SEOUL, minutes).stream().filter(e -> e.type().equals(type)).toList();
    }

    @Test
    void ordinaryWeeksRaiseNoAnomaly() {
        assertThat(AnomalyDetector.detect(METER, SEOUL, days(14, AnomalyDetectorTest::household))).isEmpty();
    }

    @Test
    void heaterLeftOnOvernightIsReportedOnceWithItsPower() {
        int start = 9 * 1440 + 22 * 60;
        List<MeterEvent> events = detect(days(11, m -> household(m) + (m >= start && m < start + 7 * 60 ? 1200 : 0)),
                AnomalyTypes.APPLIANCE_LEFT_ON);
        assertThat(events).hasSize(1);
        assertThat(events.get(0).message()).contains("1200 W").contains("3 h");
        assertThat(events.get(0).timestampMs()).isEqualTo(DAY0_MS + (start + 180) * 60_000L);
    }

    @Test
    void hourFarAboveTheUsualProfileIsReported() {
        int start = 10 * 1440 + 14 * 60;
        List<MeterEvent> events = detect(days(11, m -> household(m) + (m >= start && m < start + 60 ? 3000 : 0)),
                AnomalyTypes.USAGE_HIGH);
        assertThat(events).hasSize(1);
        assertThat(events.get(0).message()).startsWith("Between 14:00 and 15:00 you used 3.")
                .contains("usual 0.13 kWh for a weekday");
        // what a translated UI needs to say the same: the numbers as printed
        assertThat(events.get(0).details()).containsEntry("hour", 14).containsEntry("expectedEnergyWh", 130L)
                .containsEntry("dayType", "weekday").containsKeys("energyWh", "timesUsual");
        assertThat(events.get(0).message()).contains(events.get(0).details().get("timesUsual") + " times");
    }

    @Test
    void newAlwaysOnLoadIsReportedAsBaseloadJump() {
        List<MeterEvent> events = detect(days(12, m -> household(m) + (m >= 7 * 1440 ? 150 : 0)), AnomalyTypes.BASELOAD_JUMP);
        assertThat(events).hasSize(1);
        assertThat(events.get(0).message()).contains("from about 100 W to 250 W").contains("+150 W, about +108.0 kWh a month");
        assertThat(events.get(0).details()).containsEntry("deltaW", 150L).containsEntry("monthlyEnergyWh", 108_000L);
    }

    @Test
    void silentMeterIsReportedOnTickAndOnlyOnce() {
        AnomalyProcessor p = new AnomalyProcessor(METER, SEOUL, 3_600_000L);
        List<MeterEvent> events = new ArrayList<>();
        List<Reading> readings = new ArrayList<>();
        for (long t = 0; t < 6 * 3_600_000L; t += 1000) {
            readings.add(Reading.ofPower(DAY0_MS + t, 200_000));
        }
        p.onReadings(readings, events::add);
        long last = DAY0_MS + 6 * 3_600_000L;
        for (long now = last; now < last + 4 * 3_600_000L; now += 60_000) {
            p.onTick(now, events::add);
        }
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(AnomalyTypes.METER_SILENT);
            assertThat(e.message()).startsWith("No readings from this meter for 1 h 0 min").contains("was 1 min");
            assertThat(e.details()).containsEntry("silentMs", 3_600_000L).containsEntry("longestNormalPauseMs", 60_000L);
        });
    }

    @Test
    void restoredProcessorEmitsTheSameEventsAsAnUninterruptedOne() {
        int start = 9 * 1440 + 22 * 60;
        List<MeterEvent> whole = wholeAndSplitAt(days(11, m -> household(m) + (m >= start && m < start + 7 * 60 ? 1200 : 0)),
                9 * 1440 + 23 * 60);
        assertThat(whole).isNotEmpty();
    }

    @Test
    void restoredProcessorKeepsTheLearnedHabits() {
        int spike = 13 * 1440 + 14 * 60;
        List<MeterEvent> whole = wholeAndSplitAt(days(14, m -> SustainedLoadDetectorTest.eveningHome(m)
                + (m / 1440 % 3 == 0 && m % 1440 >= 21 * 60 && m % 1440 < 22 * 60 ? 2500 : 0)
                + (m >= spike && m < spike + 60 ? 2500 : 0)), 11 * 1440 + 12 * 60);
        assertThat(whole).extracting(MeterEvent::timestampMs)
                .contains(UsageSpikeDetectorTest.hourStartMs(13, 14)).doesNotContain(UsageSpikeDetectorTest.hourStartMs(12, 21));
    }

    /** The events of one processor fed all minutes; asserts a processor restored at {@code splitMinute} emits the same. */
    static List<MeterEvent> wholeAndSplitAt(List<MinuteAverage> minutes, int splitMinute) {
        List<Reading> readings = minutes.stream().map(m -> Reading.ofPower(m.startMs(), Math.round(m.averageWatts() * 1000))).toList();
        List<MeterEvent> whole = new ArrayList<>();
        new AnomalyProcessor(METER, SEOUL, 3_600_000L).onReadings(readings, whole::add);
        List<MeterEvent> split = new ArrayList<>();
        AnomalyProcessor first = new AnomalyProcessor(METER, SEOUL, 3_600_000L);
        first.onReadings(readings.subList(0, splitMinute), split::add);
        AnomalyProcessor.restore(METER, SEOUL, first.snapshot()).onReadings(readings.subList(splitMinute, readings.size()), split::add);
        assertThat(split).isEqualTo(whole);
        return whole;
    }
}
