package io.gridpulse.analytics.standby;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.gridpulse.analytics.series.MinuteAverage;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;

class StandbyEstimatorTest {
    static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
    static final long DAY0_MS = LocalDate.of(2026, 3, 2).atStartOfDay(SEOUL).toInstant().toEpochMilli();

    /** Minute means for {@code days} days; {@code watts} gets the minute index since day 0. */
    static List<MinuteAverage> days(int days, IntToDoubleFunction watts) {
        List<MinuteAverage> out = new ArrayList<>();
        for (int i = 0; i < days * 1440; i++) {
            out.add(new MinuteAverage(DAY0_MS + i * 60_000L, watts.applyAsDouble(i), 1));
        }
        return out;
    }

    /** 80 W always on, a 120 W fridge on 20 of every 30 minutes, 2 kW cooking 18-19 h. */
    static double household(int minute) {
        int minuteOfDay = minute % 1440;
        double fridge = minute % 30 < 20 ? 120 : 0;
        double cooking = minuteOfDay >= 18 * 60 && minuteOfDay < 19 * 60 ? 2000 : 0;
        return 80 + fridge + cooking;
    }

    @Test
    void robustEstimateSeesThroughFridgeCyclesWhileLowestQuarterHourIncludesThem() {
        StandbyReport r = StandbyEstimator.estimate(days(3, StandbyEstimatorTest::household), SEOUL);
        assertThat(r.days()).hasSize(3);
        assertThat(r.days().get(0).nightLowPercentileWatts()).isCloseTo(80, within(0.01));
        assertThat(r.days().get(0).lowestQuarterHourWatts()).isCloseTo(80 + 120 * 5.0 / 15, within(0.01));
    }

    @Test
    void monthlyStandbyEnergyIsBaseloadTimesHoursOfCoveredDays() {
        StandbyReport r = StandbyEstimator.estimate(days(10, StandbyEstimatorTest::household), SEOUL);
        MonthlyStandby march = r.months().get(0);
        assertThat(march.days()).isEqualTo(10);
        assertThat(march.standbyEnergyWattHours()).isCloseTo(80 * 24 * 10, within(0.1));
        assertThat(march.projectedMonthEnergyWattHours()).isCloseTo(80 * 24 * 31, within(0.1));
    }

    @Test
    void lastingStepInBaseloadIsReportedAsJumpAndTrend() {
        StandbyReport r = StandbyEstimator.estimate(days(12, m -> household(m) + (m >= 6 * 1440 ? 100 : 0)), SEOUL);
        assertThat(r.jumps()).hasSize(1);
        BaseloadJumpDetector.Jump j = r.jumps().get(0);
        assertThat(j.firstDay()).isEqualTo(LocalDate.of(2026, 3, 8));
        assertThat(j.deltaWatts()).isCloseTo(100, within(0.5));
        assertThat(r.trendWattsPerMonth()).isPositive();
    }

    @Test
    void singleOddNightIsNotAJump() {
        StandbyReport r = StandbyEstimator.estimate(days(12, m -> household(m) + (m / 1440 == 6 ? 300 : 0)), SEOUL);
        assertThat(r.jumps()).isEmpty();
    }

    @Test
    void processorSnapshotRestoresTheSameReport() {
        var meter = io.gridpulse.core.MeterRef.of("t", "m");
        StandbyProcessor whole = new StandbyProcessor(meter, SEOUL, 3_600_000L);
        StandbyProcessor first = new StandbyProcessor(meter, SEOUL, 3_600_000L);
        List<io.gridpulse.core.Reading> readings = days(4, StandbyEstimatorTest::household).stream()
                .map(m -> io.gridpulse.core.Reading.ofPower(m.startMs(), Math.round(m.averageWatts() * 1000))).toList();
        whole.onReadings(readings, e -> {});
        first.onReadings(readings.subList(0, 3000), e -> {});
        StandbyProcessor restored = StandbyProcessor.restore(meter, SEOUL, first.snapshot());
        restored.onReadings(readings.subList(3000, readings.size()), e -> {});
        assertThat(restored.report()).isEqualTo(whole.report());
    }
}
