package io.gridpulse.ingest.sim;

import static io.gridpulse.ingest.sim.SimTestSupport.DAY_SECONDS;
import static io.gridpulse.ingest.sim.SimTestSupport.PARAMETRIC;
import static io.gridpulse.ingest.sim.SimTestSupport.SEOUL;
import static io.gridpulse.ingest.sim.SimTestSupport.midnightMs;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HouseholdSubMeteringTest {
    private static final LocalDate SUMMER_DAY = LocalDate.of(2025, 7, 30);

    @Test
    void appliancesSumToTheAggregateEverySecond() {
        for (long seed = 1; seed <= 3; seed++) {
            long[] aggregate = new long[DAY_SECONDS];
            Map<String, long[]> channels = new LinkedHashMap<>();
            new HouseholdSimulator(seed, SEOUL, PARAMETRIC)
                    .fillAppliances(midnightMs(SUMMER_DAY), 1000, DAY_SECONDS, aggregate, channels);
            for (int s = 0; s < DAY_SECONDS; s++) {
                long sum = 0;
                for (long[] c : channels.values()) {
                    sum += c[s];
                }
                assertThat(sum).as("seed %d second %d", seed, s).isEqualTo(aggregate[s]);
            }
        }
    }

    @Test
    void aggregateEqualsFillAcrossMidnightAtAnyStep() {
        long start = midnightMs(SUMMER_DAY) - 3 * 3600_000L + 500;
        int count = 6 * 3600 / 3;
        long[] fromFill = new long[count];
        new HouseholdSimulator(4, SEOUL, PARAMETRIC).fill(start, 3000, count, fromFill);
        long[] subMetered = new long[count];
        Map<String, long[]> channels = new LinkedHashMap<>();
        new HouseholdSimulator(4, SEOUL, PARAMETRIC).fillAppliances(start, 3000, count, subMetered, channels);

        assertThat(subMetered).isEqualTo(fromFill);
        assertThat(channels.values()).allSatisfy(c -> assertThat(c).hasSize(count));
    }

    @Test
    void channelsAreNamedByApplianceKindWithoutSizes() {
        long[] aggregate = new long[3600];
        Map<String, long[]> channels = new LinkedHashMap<>();
        new HouseholdSimulator(2, SEOUL, PARAMETRIC).fillAppliances(midnightMs(SUMMER_DAY), 1000, 3600, aggregate, channels);

        assertThat(channels).containsKeys("fridge", "TV", "washer", "lights", "standby");
        assertThat(channels.keySet()).noneMatch(name -> name.matches(".*\\d.*"));
    }

    @Test
    void fridgeChannelCyclesAndStandbyNeverGoesNegative() {
        long[] aggregate = new long[DAY_SECONDS];
        Map<String, long[]> channels = new LinkedHashMap<>();
        new HouseholdSimulator(3, SEOUL, PARAMETRIC).fillAppliances(midnightMs(SUMMER_DAY), 1000, DAY_SECONDS, aggregate, channels);

        long fridgeOnSeconds = java.util.Arrays.stream(channels.get("fridge")).filter(p -> p > 50_000).count();
        assertThat(fridgeOnSeconds).isBetween(DAY_SECONDS / 10L, DAY_SECONDS * 8L / 10);
        assertThat(java.util.Arrays.stream(channels.get("standby")).min().orElseThrow()).isPositive();
    }
}
