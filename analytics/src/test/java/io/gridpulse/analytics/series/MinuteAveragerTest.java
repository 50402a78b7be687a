package io.gridpulse.analytics.series;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridpulse.core.Reading;
import java.util.List;
import org.junit.jupiter.api.Test;

class MinuteAveragerTest {
    @Test
    void heldPowerIsTimeWeightedWithinAMinute() {
        List<MinuteAverage> minutes = MinuteSeries.fromReadings(List.of(
                Reading.ofPower(0, 100_000), Reading.ofPower(30_000, 300_000), Reading.ofPower(60_000, 300_000)), 3_600_000L);
        assertThat(minutes.get(0).averageWatts()).isEqualTo(200.0);
        assertThat(minutes.get(0).samples()).isEqualTo(2);
    }

    @Test
    void silenceLongerThanTheHoldLimitLeavesMinutesUncovered() {
        List<MinuteAverage> minutes = MinuteSeries.fromReadings(List.of(
                Reading.ofPower(0, 100_000), Reading.ofPower(10 * 60_000, 100_000)), 2 * 60_000L);
        assertThat(minutes).hasSize(11);
        assertThat(minutes.subList(0, 2)).allMatch(MinuteAverage::covered);
        assertThat(minutes.subList(2, 10)).noneMatch(MinuteAverage::covered);
        assertThat(minutes.subList(1, 10)).allMatch(m -> m.samples() == 0);
    }

    @Test
    void outOfOrderReadingIsIgnoredAndCounted() {
        MinuteAverager a = new MinuteAverager(60_000);
        a.add(Reading.ofPower(5_000, 1), m -> {});
        a.add(Reading.ofPower(4_000, 1), m -> {});
        assertThat(a.ignoredOutOfOrder()).isEqualTo(1);
    }

    @Test
    void missingMinuteRollupsBecomeUncoveredMinutes() {
        List<MinuteAverage> minutes = MinuteSeries.fromMinuteRollups(List.of(
                new io.gridpulse.core.Rollup(0, 1_666_666_667L, 100_000, 100_000, 100_000, 1, 60_000),
                new io.gridpulse.core.Rollup(180_000, 0, 5, 5, 5, 1, 0)));
        assertThat(minutes).extracting(MinuteAverage::startMs).containsExactly(0L, 60_000L, 120_000L, 180_000L);
        assertThat(minutes.get(0).averageWatts()).isCloseTo(100.0, org.assertj.core.api.Assertions.within(1e-6));
        assertThat(minutes.subList(1, 3)).noneMatch(MinuteAverage::covered);
        assertThat(minutes.get(3).averageWatts()).isEqualTo(0.005);
    }
}
