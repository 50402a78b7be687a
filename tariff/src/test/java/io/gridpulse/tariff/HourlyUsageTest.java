package io.gridpulse.tariff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridpulse.core.InvalidInputException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HourlyUsageTest {
    private static final long H = 3_600_000L;

    @Test
    void betweenIsTheBucketsStartingInTheRangeAndViewsOfViewsStayInside() {
        HourlyUsage usage = HourlyUsage.of(new long[] {0, H, 2 * H, 5 * H}, new long[] {1, 2, 3, 4});
        assertThat(hours(usage.between(Instant.ofEpochMilli(H), Instant.ofEpochMilli(5 * H)))).containsExactly(H, 2 * H);
        assertThat(usage.between(Instant.ofEpochMilli(H / 2), Instant.ofEpochMilli(5 * H + 1)).totalMicrowattHours()).isEqualTo(9);
        HourlyUsage inner = usage.between(Instant.ofEpochMilli(H), Instant.ofEpochMilli(6 * H));
        assertThat(hours(inner.between(Instant.EPOCH, Instant.ofEpochMilli(3 * H)))).containsExactly(H, 2 * H);
        assertThat(inner.hourStartMs(0)).isEqualTo(H);
        assertThat(inner.microwattHours(2)).isEqualTo(4);
        assertThatThrownBy(() -> inner.hourStartMs(3)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThat(usage.between(Instant.ofEpochMilli(3 * H), Instant.ofEpochMilli(3 * H)).isEmpty()).isTrue();
    }

    @Test
    void plusAddsBucketsOfTheSameHourAndKeepsTheOthersInOrder() {
        HourlyUsage a = HourlyUsage.of(Map.of(0L, 1L, 2 * H, 5L));
        HourlyUsage b = HourlyUsage.of(Map.of(H, 10L, 2 * H, 7L, 4 * H, 1L));
        HourlyUsage sum = a.plus(b);
        assertThat(hours(sum)).containsExactly(0L, H, 2 * H, 4 * H);
        assertThat(sum.microwattHours(2)).isEqualTo(12);
        assertThat(sum.totalMicrowattHours()).isEqualTo(24);
    }

    @Test
    void refusesBucketsOffTheHourOutOfOrderOrNegative() {
        assertThatThrownBy(() -> HourlyUsage.of(new long[] {H, 0}, new long[] {1, 1})).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("out of order");
        assertThatThrownBy(() -> HourlyUsage.of(new long[] {0, 0}, new long[] {1, 1})).hasMessageContaining("repeated");
        assertThatThrownBy(() -> HourlyUsage.of(Map.of(1L, 1L))).hasMessageContaining("whole hour");
        assertThatThrownBy(() -> HourlyUsage.of(Map.of(0L, -1L))).hasMessageContaining("negative");
        assertThatThrownBy(() -> HourlyUsage.of(Map.of(0L, 4L)).mapEnergy(e -> -e)).hasMessageContaining("negative");
        assertThat(HourlyUsage.of(Map.of(0L, 4L, H, 6L)).mapEnergy(e -> e / 2).totalMicrowattHours()).isEqualTo(5);
    }

    private static List<Long> hours(HourlyUsage usage) {
        List<Long> out = new ArrayList<>();
        usage.forEach((hour, energy) -> out.add(hour));
        return out;
    }
}
