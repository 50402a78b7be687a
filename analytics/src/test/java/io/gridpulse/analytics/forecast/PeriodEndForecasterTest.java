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
