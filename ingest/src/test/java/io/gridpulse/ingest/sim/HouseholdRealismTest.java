package io.gridpulse.ingest.sim;

import static io.gridpulse.ingest.sim.SimTestSupport.DAY_SECONDS;
import static io.gridpulse.ingest.sim.SimTestSupport.PARAMETRIC;
import static io.gridpulse.ingest.sim.SimTestSupport.SEOUL;
import static io.gridpulse.ingest.sim.SimTestSupport.day;
import static io.gridpulse.ingest.sim.SimTestSupport.kilowattHours;
import static io.gridpulse.ingest.sim.SimTestSupport.meanWatts;
import static io.gridpulse.ingest.sim.SimTestSupport.midnightMs;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The simulated homes look like Korean homes on a meter: energy, standby, fridge, daily shape. */
class HouseholdRealismTest {
    private static final int HOMES = 8;

    @Test
    void dailyEnergyStaysInAKoreanHouseholdBandAcrossTheYear() {
        double[] monthKwh = new double[12];
        for (int month = 1; month <= 12; month++) {
            double sum = 0;
            int days = 0;
            for (long seed = 1; seed <= HOMES; seed++) {
                HouseholdSimulator sim = new HouseholdSimulator(seed, SEOUL, PARAMETRIC);
                long[] power = new long[DAY_SECONDS];
                for (int dom = 3; dom <= 27; dom += 6) {
                    sim.fill(midnightMs(LocalDate.of(2025, month, dom)), 1000, DAY_SECONDS, power);
                    double kwh = kilowattHours(power);
                    assertThat(kwh).as("seed %d, %d-%d", seed, month, dom).isBetween(2.0, 40.0);
                    sum += kwh;
                    days++;
                }
            }
            monthKwh[month - 1] = sum / days;
            assertThat(monthKwh[month - 1]).as("month %d", month).isBetween(5.0, 25.0);
        }
        double spring = (monthKwh[3] + monthKwh[4]) / 2;
        double summer = (monthKwh[6] + monthKwh[7]) / 2;
        assertThat(summer).isGreaterThan(spring * 1.2);
    }

    @Test
    void standbyFloorAtNightIsThirtyToEightyWatts() {
        for (long seed = 1; seed <= HOMES; seed++) {
            long[] power = day(seed, LocalDate.of(2025, 4, 22), PARAMETRIC);
            long floor = Long.MAX_VALUE;
            for (int s = 3600; s < 5 * 3600; s++) {
                floor = Math.min(floor, power[s]);
            }
            assertThat(floor / 1000.0).as("seed %d", seed).isBetween(30.0, 80.0);
        }
    }

    @Test
    void fridgeCompressorCyclesAreVisibleAtNight() {
        for (long seed = 1; seed <= HOMES; seed++) {
            long[] power = day(seed, LocalDate.of(2025, 5, 7), PARAMETRIC);
            List<Integer> starts = compressorStarts(power, 0, 5 * 3600);
            assertThat(starts).as("seed %d", seed).hasSizeGreaterThanOrEqualTo(3);
            List<Integer> gaps = new ArrayList<>();
            for (int i = 1; i < starts.size(); i++) {
                gaps.add(starts.get(i) - starts.get(i - 1));
            }
            Collections.sort(gaps);
            assertThat(gaps.get(gaps.size() / 2) / 60.0).as("median minutes between starts, seed %d", seed).isBetween(38.0, 80.0);
        }
    }

    /**
     * Seconds where the mains steps up (an edge of > 50 W) and its floor over the next four minutes
     * stands 112–260 W above its floor over the previous three: a main-fridge compressor start.
     * Floors ignore short thermostat pulses (rice keep-warm, bidet); a kimchi fridge adds < 110 W.
     */
    private static List<Integer> compressorStarts(long[] power, int from, int to) {
        List<Integer> starts = new ArrayList<>();
        for (int s = Math.max(from, 180); s + 240 < to; s++) {
            if (power[s] - power[s - 1] <= 50_000 || (!starts.isEmpty() && s - starts.get(starts.size() - 1) < 600)) {
                continue;
            }
            long rise = floor(power, s + 5, s + 240) - floor(power, s - 180, s);
            if (rise >= 112_000 && rise <= 260_000) {
                starts.add(s);
            }
        }
        return starts;
    }

    private static long floor(long[] power, int from, int to) {
        long min = Long.MAX_VALUE;
        for (int s = from; s < to; s++) {
            min = Math.min(min, power[s]);
        }
        return min;
    }

    @Test
    void eveningPeakExceedsFourInTheMorning() {
        double evening = 0;
        double night = 0;
        for (long seed = 1; seed <= HOMES; seed++) {
            for (int d = 0; d < 14; d++) {
                long[] power = day(seed, LocalDate.of(2025, 10, 1).plusDays(d), PARAMETRIC);
                evening += meanWatts(power, 19 * 3600, 22 * 3600);
                night += meanWatts(power, 4 * 3600, 5 * 3600);
            }
        }
        assertThat(evening).isGreaterThan(2 * night);
    }

    @Test
    void summerHomesCoolAndWinterHomesHeat() {
        double august = 0;
        double may = 0;
        for (long seed = 1; seed <= HOMES; seed++) {
            for (int d = 0; d < 7; d++) {
                august += meanWatts(day(seed, LocalDate.of(2025, 8, 4).plusDays(d), PARAMETRIC), 19 * 3600, 23 * 3600);
                may += meanWatts(day(seed, LocalDate.of(2025, 5, 12).plusDays(d), PARAMETRIC), 19 * 3600, 23 * 3600);
            }
        }
        assertThat(august).isGreaterThan(may * 1.3);
    }
}
