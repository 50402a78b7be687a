package io.gridpulse.analytics.nilm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HourlyLevelsTest {
    private static final long HOUR_MS = 3_600_000L;

    @Test
    void eachHourIsTheMedianOfItselfAndTheHoursEitherSide() {
        // Two days at one sample per minute: lights at 300 W from 18:00 to 23:00 UTC, 20 W otherwise,
        // and one stray 2 kW minute at 03:10 on the first day.
        int n = 2 * 24 * 60;
        long[] ts = new long[n];
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            ts[i] = i * 60_000L;
            long hour = (ts[i] / HOUR_MS) % 24;
            w[i] = hour >= 18 && hour < 23 ? 300 : 20;
        }
        w[3 * 60 + 10] = 2000;

        HourlyLevels levels = HourlyLevels.of(ts, w);

        assertThat(levels.at(20 * HOUR_MS)).isEqualTo(300);
        assertThat(levels.at(18 * HOUR_MS)).isEqualTo(300); // 17:00 is dark, 18:00 and 19:00 lit: 2 of 3 hours
        assertThat(levels.at(17 * HOUR_MS)).isEqualTo(20); // only 18:00 of its window is lit
        assertThat(levels.at(3 * HOUR_MS + 600_000L)).isEqualTo(20); // the stray minute is not a habit
        assertThat(levels.at(2 * 86_400_000L + 20 * HOUR_MS)).isEqualTo(300); // any day, by UTC hour
        assertThat(levels.at(-4 * HOUR_MS)).isEqualTo(300); // 20:00 the day before the epoch
    }

    @Test
    void hoursWithoutSamplesGetTheOverallMedian() {
        long[] ts = {9 * HOUR_MS, 9 * HOUR_MS + 1000, 10 * HOUR_MS};
        double[] w = {5, 7, 100};

        HourlyLevels levels = HourlyLevels.of(ts, w);

        assertThat(levels.at(0)).isEqualTo(7);
        assertThat(levels.at(9 * HOUR_MS)).isEqualTo(7);
        assertThat(levels.at(11 * HOUR_MS)).isEqualTo(100);
    }

    @Test
    void twentyFourLevelsAreRequired() {
        assertThatThrownBy(() -> new HourlyLevels(new double[23])).isInstanceOf(IllegalArgumentException.class);
    }
}
