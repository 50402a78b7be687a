package io.gridpulse.ingest.sim;

import static io.gridpulse.ingest.sim.SimTestSupport.DAY_SECONDS;
import static io.gridpulse.ingest.sim.SimTestSupport.PARAMETRIC;
import static io.gridpulse.ingest.sim.SimTestSupport.SEOUL;
import static io.gridpulse.ingest.sim.SimTestSupport.day;
import static io.gridpulse.ingest.sim.SimTestSupport.midnightMs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HouseholdSimulatorTest {
    private static final LocalDate SPRING_DAY = LocalDate.of(2025, 4, 16);

    @Test
    void sameSeedGivesSameHomeAndSameReadings() {
        HouseholdSimulator a = new HouseholdSimulator(42, SEOUL, PARAMETRIC);
        HouseholdSimulator b = new HouseholdSimulator(42, SEOUL, PARAMETRIC);
        long[] pa = new long[DAY_SECONDS];
        long[] pb = new long[DAY_SECONDS];
        a.fill(midnightMs(SPRING_DAY), 1000, DAY_SECONDS, pa);
        b.fill(midnightMs(SPRING_DAY), 1000, DAY_SECONDS, pb);

        assertThat(a.describe()).isEqualTo(b.describe());
        assertThat(pa).isEqualTo(pb);
        assertThat(a.energyRegisterMilliwattHours()).isEqualTo(b.energyRegisterMilliwattHours());
    }

    @Test
    void differentSeedsGiveDifferentHomes() {
        Set<String> descriptions = new HashSet<>();
        Set<Long> dayEnergies = new HashSet<>();
        for (long seed = 1; seed <= 8; seed++) {
            descriptions.add(new HouseholdSimulator(seed, SEOUL, PARAMETRIC).describe());
            dayEnergies.add(Math.round(SimTestSupport.kilowattHours(day(seed, SPRING_DAY, PARAMETRIC)) * 1000));
        }
        assertThat(descriptions).hasSize(8);
        assertThat(dayEnergies).hasSize(8);
    }

    @Test
    void describeNamesPeopleAreaAndAppliances() {
        String description = new HouseholdSimulator(7, SEOUL, PARAMETRIC).describe();
        assertThat(description).containsPattern("^\\d (person|people), \\d+ m²").contains("fridge").contains("standby");
    }

    @Test
    void anyDayIsTheSameWhateverWasFilledBefore() {
        long[] direct = day(5, SPRING_DAY, PARAMETRIC);

        HouseholdSimulator sim = new HouseholdSimulator(5, SEOUL, PARAMETRIC);
        long[] earlier = new long[3 * DAY_SECONDS];
        sim.fill(midnightMs(SPRING_DAY.minusDays(3)), 1000, earlier.length, earlier);
        long[] after = new long[DAY_SECONDS];
        sim.fill(midnightMs(SPRING_DAY), 1000, DAY_SECONDS, after);

        assertThat(after).isEqualTo(direct);
    }

    @Test
    void fillInChunksEqualsOneFill() {
        long start = midnightMs(SPRING_DAY) + 12_345_000;
        HouseholdSimulator whole = new HouseholdSimulator(9, SEOUL, PARAMETRIC);
        long[] once = new long[2 * DAY_SECONDS];
        whole.fill(start, 1000, once.length, once);

        HouseholdSimulator chunked = new HouseholdSimulator(9, SEOUL, PARAMETRIC);
        long[] chunk = new long[997];
        for (int done = 0; done < once.length; done += chunk.length) {
            int n = Math.min(chunk.length, once.length - done);
            chunked.fill(start + done * 1000L, 1000, n, chunk);
            for (int i = 0; i < n; i++) {
                assertThat(chunk[i]).as("sample %d", done + i).isEqualTo(once[done + i]);
            }
        }
        assertThat(chunked.energyRegisterMilliwattHours()).isEqualTo(whole.energyRegisterMilliwattHours());
    }

    @Test
    void coarseStepSamplesTheSameSignal() {
        long[] perSecond = day(3, SPRING_DAY, PARAMETRIC);
        long[] perMinute = new long[1440];
        new HouseholdSimulator(3, SEOUL, PARAMETRIC).fill(midnightMs(SPRING_DAY), 60_000, perMinute.length, perMinute);
        for (int m = 0; m < perMinute.length; m++) {
            assertThat(perMinute[m]).isEqualTo(perSecond[m * 60]);
        }
    }

    @Test
    void energyRegisterIntegratesPowerAcrossCallsAndGaps() {
        HouseholdSimulator sim = new HouseholdSimulator(11, SEOUL, PARAMETRIC);
        long[] power = new long[DAY_SECONDS];
        long start = midnightMs(SPRING_DAY);
        sim.fill(start, 1000, 1, power);
        long before = sim.energyRegisterMilliwattHours();
        sim.fill(start + 1000, 1000, DAY_SECONDS - 1, power);
        sim.fill(start + DAY_SECONDS * 1000L, 1000, 1, new long[1]); // the day's last second now counted

        long[] whole = day(11, SPRING_DAY, PARAMETRIC);
        long expectedMilliwattHours = (long) (SimTestSupport.kilowattHours(whole) * 1e6);
        assertThat(sim.energyRegisterMilliwattHours() - before).isCloseTo(expectedMilliwattHours, org.assertj.core.data.Offset.offset(2L));

        long afterDay = sim.energyRegisterMilliwattHours();
        sim.fill(start + 3 * DAY_SECONDS * 1000L, 1000, 1, new long[1]); // two days skipped still count
        assertThat(sim.energyRegisterMilliwattHours() - afterDay).isGreaterThan(2 * 3_000_000L);
    }

    @Test
    void energyRegisterStartsAtASeededMeterReading() {
        long register = new HouseholdSimulator(1, SEOUL, PARAMETRIC).energyRegisterMilliwattHours();
        assertThat(register).isBetween(1_000_000_000L, 31_000_000_000L);
    }

    @Test
    void fillRejectsGoingBackInTime() {
        HouseholdSimulator sim = new HouseholdSimulator(1, SEOUL, PARAMETRIC);
        long[] power = new long[10];
        sim.fill(midnightMs(SPRING_DAY), 1000, 10, power);
        assertThatThrownBy(() -> sim.fill(midnightMs(SPRING_DAY), 1000, 10, power)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> sim.fill(midnightMs(SPRING_DAY) + 20_000, 0, 10, power)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> sim.fill(midnightMs(SPRING_DAY) + 20_000, 1000, 11, power)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void powerIsNeverNegativeNorAbsurd() {
        for (long seed = 1; seed <= 6; seed++) {
            HouseholdSimulator sim = new HouseholdSimulator(seed, SEOUL, PARAMETRIC);
            long[] week = new long[7 * DAY_SECONDS];
            sim.fill(midnightMs(LocalDate.of(2025, 1, 20)), 1000, week.length, week);
            assertThat(java.util.Arrays.stream(week).min().orElseThrow()).as("seed %d min", seed).isNotNegative();
            assertThat(java.util.Arrays.stream(week).max().orElseThrow()).as("seed %d max", seed).isLessThan(15_000_000L);
        }
    }

    @Test
    void fortyDayBackfillCompletes() {
        HouseholdSimulator sim = new HouseholdSimulator(2, SEOUL, PARAMETRIC);
        long[] chunk = new long[DAY_SECONDS];
        long start = midnightMs(SPRING_DAY) - 40L * DAY_SECONDS * 1000;
        long began = System.nanoTime();
        for (int d = 0; d < 40; d++) {
            sim.fill(start + d * DAY_SECONDS * 1000L, 1000, DAY_SECONDS, chunk);
        }
        double seconds = (System.nanoTime() - began) / 1e9;
        System.out.printf("40 days at 1 Hz: %.3f s, %.1f M samples/s (no bound asserted here; see HouseholdSimulatorBench)%n",
                seconds, 40.0 * DAY_SECONDS / seconds / 1e6);
        assertThat(sim.energyRegisterMilliwattHours()).isPositive();
    }
}
