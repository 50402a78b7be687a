package io.gridpulse.analytics.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.gridpulse.analytics.series.MinuteAverage;
import io.gridpulse.core.Reading;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;

class PeriodEndForecasterTest {
    static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
    static final LocalDate MONDAY = LocalDate.of(2026, 3, 2);
    static final long DAY0_MS = MONDAY.atStartOfDay(SEOUL).toInstant().toEpochMilli();

    static EnergyLedger ledger(int days, IntToDoubleFunction wattsByDay) {
        List<MinuteAverage> out = new ArrayList<>();
        for (int i = 0; i < days * 1440; i++) {
            out.add(new MinuteAverage(DAY0_MS + i * 60_000L, wattsByDay.applyAsDouble(i / 1440), 1));
        }
        return EnergyLedger.of(out, SEOUL);
    }

    @Test
    void ledgerOfGivenMinutesKeepsEveryDaySoABacktestCanSpanMonths() {
        EnergyLedger months = ledger(200, d -> 500);
        assertThat(months.firstDay()).isEqualTo(MONDAY);
        assertThat(months.daysBefore(MONDAY.plusDays(200))).hasSize(200);
    }

    @Test
    void steadyHouseholdIsProjectedExactly() {
        PeriodForecast f = PeriodEndForecaster.forecast(ledger(10, d -> 500), MONDAY, MONDAY.plusDays(30), MONDAY.plusDays(10));
        assertThat(f.energySoFarWattHours()).isCloseTo(120_000, within(1e-6));
        assertThat(f.expectedEnergyWattHours()).isCloseTo(360_000, within(1e-6));
        assertThat(f.naiveEnergyWattHours()).isCloseTo(360_000, within(1e-6));
    }

    @Test
    void weekendHeavyHouseholdBeatsNaiveWhenThePeriodSoFarHoldsNoWeekend() {
        IntToDoubleFunction watts = d -> (d % 7 == 5 || d % 7 == 6) ? 1000 : 400;
        EnergyLedger history = ledger(28, watts);
        LocalDate start = MONDAY.plusDays(14);
        double actual = 0;
        for (int d = 14; d < 28; d++) {
            actual += watts.applyAsDouble(d) * 24;
        }
        PeriodForecast f = PeriodEndForecaster.forecast(history, start, start.plusDays(14), start.plusDays(5));
        assertThat(Math.abs(f.expectedEnergyWattHours() - actual)).isLessThan(Math.abs(f.naiveEnergyWattHours() - actual));
        assertThat(f.weekendDailyWattHours()).isGreaterThan(f.weekdayDailyWattHours());
    }

    @Test
    void monthBeforeThePeriodSteadiesAnEarlyProjection() {
        // 28 days at 500 W, then a period whose first 5 days run at 650 W and the rest at 500 W again
        IntToDoubleFunction watts = d -> d >= 28 && d < 33 ? 650 : 500;
        EnergyLedger ledger = ledger(58, watts);
        LocalDate start = MONDAY.plusDays(28);
        PeriodForecast f = PeriodEndForecaster.forecast(ledger, start, start.plusDays(30), start.plusDays(5));

        double actual = 5 * 650 * 24 + 25 * 500 * 24;
        double level = (5 * 650 * 24 + PeriodEndForecaster.PRIOR_WEIGHT_DAYS * 500 * 24) / (5 + PeriodEndForecaster.PRIOR_WEIGHT_DAYS);
        assertThat(f.naiveEnergyWattHours()).isCloseTo(30 * 650 * 24, within(1e-6));
        assertThat(f.expectedEnergyWattHours()).isCloseTo(5 * 650 * 24 + 25 * level, within(0.01 * actual));
        assertThat(Math.abs(f.expectedEnergyWattHours() - actual)).isLessThan(0.4 * Math.abs(f.naiveEnergyWattHours() - actual));
    }

    @Test
    void aShortRunBeforeThePeriodWeighsLessThanAFullMonth() {
        IntToDoubleFunction watts = d -> d >= 10 ? 650 : 500; // a meter 10 days old when the period starts
        EnergyLedger ledger = ledger(15, watts);
        LocalDate start = MONDAY.plusDays(10);
        PeriodForecast f = PeriodEndForecaster.forecast(ledger, start, start.plusDays(30), start.plusDays(5));

        double tenDaysWeigh = 1 / (1.0 / 10 + PeriodEndForecaster.PRIOR_DRIFT);
        double expected = 5 * 650 * 24 + 25 * (5 * 650 * 24 + tenDaysWeigh * 500 * 24) / (5 + tenDaysWeigh);
        double asAFullMonth = 5 * 650 * 24 + 25 * (5 * 650 * 24 + PeriodEndForecaster.PRIOR_WEIGHT_DAYS * 500 * 24)
                / (5 + PeriodEndForecaster.PRIOR_WEIGHT_DAYS);
        assertThat(tenDaysWeigh).isLessThan(PeriodEndForecaster.PRIOR_WEIGHT_DAYS).isGreaterThan(5);
        // within 0.5 %: the weekday/weekend ratios of these 15 days are not exactly 1
        assertThat(f.expectedEnergyWattHours()).isCloseTo(expected, within(0.005 * expected));
        assertThat(Math.abs(f.expectedEnergyWattHours() - asAFullMonth)).isGreaterThan(0.01 * expected);
        assertThat(f.naiveEnergyWattHours() - f.expectedEnergyWattHours()).isGreaterThan(0.05 * expected);
    }

    @Test
    void aFullRunOfDaysBeforeThePeriodWeighsAsPriorWeightDays() {
        assertThat(1 / (1.0 / PeriodEndForecaster.PRIOR_DAYS + PeriodEndForecaster.PRIOR_DRIFT))
                .isCloseTo(PeriodEndForecaster.PRIOR_WEIGHT_DAYS, within(1e-9));
    }

    @Test
    void daysBeforeAShortGapAreNotTheLevelAfterIt() {
        List<MinuteAverage> minutes = new ArrayList<>();
        for (int day = 0; day < 35; day++) {
            if (day >= 20 && day < 23) {
                continue; // three days without data, inside the four weeks before the period
            }
            for (int m = 0; m < 1440; m++) {
                minutes.add(new MinuteAverage(DAY0_MS + (day * 1440L + m) * 60_000L, day < 20 ? 500 : 650, 1));
            }
        }
        EnergyLedger ledger = EnergyLedger.of(minutes, SEOUL);
        LocalDate start = MONDAY.plusDays(25);
        assertThat(PeriodEndForecaster.coveredRunBefore(ledger, start)).containsExactly(new double[] {650 * 24, 650 * 24},
                within(1e-6));

        // the 20 days at 500 W before the gap would pull the projection ≈ 10 % below naive; the
        // weekday/weekend ratios, which do see them, move it by < 0.1 %
        PeriodForecast f = PeriodEndForecaster.forecast(ledger, start, start.plusDays(30), start.plusDays(5));
        assertThat(f.expectedEnergyWattHours()).isCloseTo(f.naiveEnergyWattHours(), within(0.002 * f.naiveEnergyWattHours()));
    }

    @Test
    void daysBeforeALongGapAreNotTakenAsTheMonthBeforeThePeriod() {
        List<MinuteAverage> minutes = new ArrayList<>();
        for (int day = 0; day < 75; day++) {
            if (day >= 28 && day < 68) {
                continue; // 40 days without data: the month before the period is empty
            }
            for (int m = 0; m < 1440; m++) {
                minutes.add(new MinuteAverage(DAY0_MS + (day * 1440L + m) * 60_000L, day < 28 ? 500 : 650, 1));
            }
        }
        LocalDate start = MONDAY.plusDays(68);
        PeriodForecast f = PeriodEndForecaster.forecast(EnergyLedger.of(minutes, SEOUL), start, start.plusDays(30),
                start.plusDays(5));

        assertThat(f.expectedEnergyWattHours()).isCloseTo(f.naiveEnergyWattHours(), within(0.02 * f.naiveEnergyWattHours()));
    }

    @Test
    void nextDayHourlyFollowsTheDailyShape() {
        List<MinuteAverage> out = new ArrayList<>();
        for (int i = 0; i < 7 * 1440; i++) {
            out.add(new MinuteAverage(DAY0_MS + i * 60_000L, (i % 1440) / 60 == 19 ? 2000 : 100, 1));
        }
        double[] hourly = HourlyForecaster.forecast(EnergyLedger.of(out, SEOUL), MONDAY.plusDays(7));
        assertThat(hourly[19]).isCloseTo(2000, within(1e-6));
        assertThat(hourly[3]).isCloseTo(100, within(1e-6));
    }

    @Test
    void processorSnapshotKeepsTheLedger() {
        ForecastProcessor p = new ForecastProcessor(SEOUL, 3_600_000L);
        List<Reading> readings = new ArrayList<>();
        for (int i = 0; i <= 3 * 1440; i++) {
            readings.add(Reading.ofPower(DAY0_MS + i * 60_000L, 250_000));
        }
        p.onReadings(readings, e -> {});
        ForecastProcessor restored = ForecastProcessor.restore(p.snapshot());
        PeriodForecast f = restored.periodEnd(MONDAY, MONDAY.plusDays(10), MONDAY.plusDays(3));
        assertThat(f).isEqualTo(p.periodEnd(MONDAY, MONDAY.plusDays(10), MONDAY.plusDays(3)));
        assertThat(f.expectedEnergyWattHours()).isCloseTo(60_000, within(1e-6));
    }
}
