package io.gridpulse.analytics.nilm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NearestResamplerTest {
    private static List<double[]> run(long[][] readings) {
        NearestResampler r = new NearestResampler(3000, 2000);
        List<double[]> out = new ArrayList<>();
        for (long[] reading : readings) {
            r.accept(reading[0], reading[1], (t, w) -> out.add(new double[] {t, w}));
        }
        return out;
    }

    @Test
    void eachTickTakesTheNearestReading() {
        List<double[]> out = run(new long[][] {{2_900, 10}, {4_100, 20}, {7_000, 30}});
        // tick 0 is 2.9 s from the first reading: beyond the 2 s tolerance, a gap
        assertThat(out).extracting(t -> t[0]).containsExactly(3_000.0, 6_000.0);
        assertThat(out).extracting(t -> t[1]).containsExactly(10.0, 30.0);
    }

    @Test
    void ticksFarFromAnyReadingAreGaps() {
        List<double[]> out = run(new long[][] {{0, 10}, {60_000, 20}});
        assertThat(out).extracting(t -> t[0]).containsExactly(0.0, 60_000.0);
    }

    @Test
    void backwardClockStepsAreDroppedNotReordered() {
        NearestResampler r = new NearestResampler(3000, 6000);
        r.accept(9_000, 1, (t, w) -> {});
        r.accept(8_000, 2, (t, w) -> {});
        assertThat(r.droppedLate()).isEqualTo(1);
    }
}
