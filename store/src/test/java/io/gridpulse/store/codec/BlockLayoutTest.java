package io.gridpulse.store.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridpulse.core.Reading;
import io.gridpulse.store.codec.ChunkCodec.Mode;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The block (frame-of-reference) body layout of sealed hours on its own; random shapes: {@link PackedLayoutTest}. */
class BlockLayoutTest {
    private static final long BASE_SEED = Long.getLong("codec.seed", System.nanoTime());

    @Test
    void sealedHoursAreWrittenInBlocks() {
        byte[] chunk = ChunkCodec.encodeFast(new long[] {1000, 2000, 4000}, new long[] {5, 6, 9}, null, 3);
        assertThat(chunk[0]).isEqualTo((byte) 8);
        assertThat(ChunkCodec.layoutOf(chunk)).isEqualTo(ChunkCodec.Layout.BLOCKS);
        assertThat(ChunkCodec.decode(chunk).timestampsMs()).containsExactly(1000, 2000, 4000);
    }

    @Test
    void extremeValuesRoundTrip() {
        long[] ts = {Long.MIN_VALUE, -1, 0, 1, Long.MAX_VALUE - 1, Long.MAX_VALUE};
        long[] power = {Long.MAX_VALUE, Long.MIN_VALUE, 0, Long.MIN_VALUE, Long.MAX_VALUE, -1};
        long[] energy = {Reading.NO_ENERGY, Long.MAX_VALUE, 0, Reading.NO_ENERGY, 1, Long.MAX_VALUE};
        PackedLayoutTest.assertRoundTrip(new ChunkCodecRoundTripTest.Columns(ts, power, energy), Mode.BLOCKS, "extremes");
    }

    @Test
    void runsLongerThanABlockAndEveryBlockKindRoundTrip() {
        int n = 500;
        long[] ts = new long[n];
        long[] power = new long[n];
        SplittableRandom random = new SplittableRandom(BASE_SEED);
        for (int i = 1; i < n; i++) {
            ts[i] = ts[i - 1] + (i < 100 ? 1000 : 1000 * (1 + random.nextInt(i < 300 ? 3 : 400)));
            // 0-99: one level (a repeat run); 100-199: every reading a change; then changes at random
            power[i] = i < 100 ? 0 : i < 200 ? power[i - 1] + 1 + random.nextInt(50) : random.nextInt(4) == 0 ? random.nextLong() : power[i - 1];
        }
        PackedLayoutTest.assertRoundTrip(new ChunkCodecRoundTripTest.Columns(ts, power, null), Mode.BLOCKS, "seed " + BASE_SEED);
    }

    @Test
    void aConstantOneHertzHourCostsAFewBytes() {
        // header 14 bytes + timestamps (width, base, run length) + power (kind, run length) + CRC
        assertThat(PackedLayoutTest.constantOneHertzHour(Mode.BLOCKS)).isLessThanOrEqualTo(26);
    }

    @Test
    void damagedBodiesWithFreshChecksumsFailCleanly() {
        SplittableRandom random = new SplittableRandom(BASE_SEED);
        assertThat(ChunkCodecCorruptionTest.rejectedDamagedBodies(random, 3000, 12, () -> PackedLayoutTest.sample(random, Mode.BLOCKS)))
                .isPositive();
    }

    @Test
    void trailingBytesAreRejected() {
        PackedLayoutTest.assertTrailingByteRejected(Mode.BLOCKS);
    }

    @Test
    void versionSevenChunksCannotClaimBlocks() {
        byte[] chunk = ChunkCodec.encode(new long[] {1000, 2000, 4000}, new long[] {5, 6, 9}, null, 3, Mode.BLOCKS);
        chunk[0] = 7;
        assertThatThrownBy(() -> ChunkCodec.decode(ChunkCodecCorruptionTest.withFreshChecksum(chunk)))
                .isInstanceOf(CorruptChunkException.class).hasMessageContaining("flags");
    }
}
