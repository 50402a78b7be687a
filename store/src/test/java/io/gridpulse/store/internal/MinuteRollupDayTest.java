package io.gridpulse.store.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridpulse.core.Rollup;
import io.gridpulse.store.codec.CorruptChunkException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Any minute rows round-trip through a folded day; damage is refused, not decoded into wrong rows. */
class MinuteRollupDayTest {
    private static final long DAY = 1_700_006_400_000L; // a UTC midnight

    @Test
    void everyRowRoundTripsIncludingExtremesAndMinutesWithoutSamples() {
        Random random = new Random(5);
        for (int day = 0; day < 200; day++) {
            List<Rollup> rows = new ArrayList<>();
            for (int minute = 0; minute < 1_440; minute++) {
                if (random.nextInt(4) != 0 || day % 50 == 0) {
                    rows.add(row(random, DAY + minute * 60_000L, day % 10 == 0));
                }
            }
            assertThat(MinuteRollupDay.decode(MinuteRollupDay.encode(rows))).isEqualTo(rows);
        }
    }

    @Test
    void aSteadyOneHertzMeterCostsAFewBytesAMinute() {
        Random random = new Random(9);
        List<Rollup> rows = new ArrayList<>();
        for (int minute = 0; minute < 1_440; minute++) {
            long sum = 0;
            long min = Long.MAX_VALUE;
            long max = Long.MIN_VALUE;
            for (int s = 0; s < 60; s++) {
                long p = 300_000 + random.nextInt(21) * 1_000;
                sum += p;
                min = Math.min(min, p);
                max = Math.max(max, p);
            }
            rows.add(new Rollup(DAY + minute * 60_000L, Math.round(sum * 1000 / 3.6), min, max, sum, 60, 60_000));
        }
        byte[] folded = MinuteRollupDay.encode(rows);
        assertThat(MinuteRollupDay.decode(folded)).isEqualTo(rows);
        assertThat(folded.length).as("bytes for 1,440 minutes (48-byte rows: 69,120)").isLessThan(1_440 * 6);
    }

    @Test
    void damageIsRefused() {
        List<Rollup> rows = List.of(new Rollup(DAY, 1_000, 5, 9, 14, 2, 60_000), new Rollup(DAY + 60_000, 2_000, 7, 7, 7, 1, 60_000));
        byte[] folded = MinuteRollupDay.encode(rows);
        for (int i = 0; i < folded.length; i++) {
            byte[] damaged = folded.clone();
            damaged[i] ^= 0x10;
            assertThatThrownBy(() -> MinuteRollupDay.decode(damaged)).as("byte %d flipped", i)
                    .isInstanceOf(CorruptChunkException.class);
        }
        assertThatThrownBy(() -> MinuteRollupDay.decode(Arrays.copyOf(folded, folded.length - 3)))
                .isInstanceOf(CorruptChunkException.class);
    }

    private static Rollup row(Random random, long start, boolean extreme) {
        if (extreme && random.nextInt(3) == 0) {
            long a = random.nextLong();
            return new Rollup(start, random.nextLong(), Math.min(a, Long.MIN_VALUE + 1), Long.MAX_VALUE, a, random.nextLong(),
                    random.nextLong());
        }
        long samples = random.nextInt(5) == 0 ? 0 : 1 + random.nextInt(60);
        if (samples == 0) {
            return new Rollup(start, random.nextInt(50_000_000), Long.MAX_VALUE, Long.MIN_VALUE, 0, 0, 1 + random.nextInt(60_000));
        }
        long min = random.nextInt(3_000_000);
        long max = min + random.nextInt(2_000_000);
        long sum = samples * min + (max - min) * random.nextInt((int) samples + 1);
        return new Rollup(start, random.nextInt(60_000_000), min, max, sum, samples, random.nextInt(60_001));
    }
}
