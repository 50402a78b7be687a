package io.gridpulse.store.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridpulse.core.Reading;
import io.gridpulse.store.codec.ChunkCodec.Mode;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The packed (prefix-coded) body layout on its own, and the encoder's choice between layouts. */
class PackedLayoutTest {
    private static final long BASE_SEED = Long.getLong("codec.seed", System.nanoTime());

    @ParameterizedTest
    @EnumSource(ChunkCodecRoundTripTest.Shape.class)
    void everyShapeRoundTripsInEachForcedLayout(ChunkCodecRoundTripTest.Shape shape) {
        System.out.println("PackedLayoutTest " + shape + " base seed " + BASE_SEED);
        for (int c = 0; c < 150; c++) {
            long seed = BASE_SEED + 31L * c + shape.ordinal();
            ChunkCodecRoundTripTest.Columns in = ChunkCodecRoundTripTest.generate(shape, new SplittableRandom(seed));
            for (Mode mode : Mode.values()) {
                assertRoundTrip(in, mode, "shape " + shape + " seed " + seed + " " + mode);
            }
        }
    }

    @Test
    void extremeValuesRoundTripPacked() {
        long[] ts = {Long.MIN_VALUE, -1, 0, 1, Long.MAX_VALUE - 1, Long.MAX_VALUE};
        long[] power = {Long.MAX_VALUE, Long.MIN_VALUE, 0, Long.MIN_VALUE, Long.MAX_VALUE, -1};
        long[] energy = {Reading.NO_ENERGY, Long.MAX_VALUE, 0, Reading.NO_ENERGY, 1, Long.MAX_VALUE};
        assertRoundTrip(new ChunkCodecRoundTripTest.Columns(ts, power, energy), Mode.PACKED, "extremes");
    }

    @Test
    void aConstantOneHertzHourCostsAFewBytesPacked() {
        // header 14 bytes + 2 columns of (precision, single-symbol code, one run) + CRC
        assertThat(constantOneHertzHour(Mode.PACKED)).isLessThanOrEqualTo(26);
    }

    /** Bytes of one hour at 1 Hz of a constant 230 W in {@code mode}, after checking it decodes. */
    static int constantOneHertzHour(Mode mode) {
        long[] ts = new long[3600];
        long[] power = new long[3600];
        for (int i = 0; i < ts.length; i++) {
            ts[i] = 1_700_000_000_000L + 1000L * i;
            power[i] = 230_000;
        }
        byte[] chunk = ChunkCodec.encode(ts, power, null, ts.length, mode);
        assertThat(ChunkCodec.decode(chunk).powerMilliwatts()).isEqualTo(power);
        return chunk.length;
    }

    @Test
    void theEncoderKeepsPackedColumnsUnlessTheRangeCoderIsClearlySmaller() {
        SplittableRandom random = new SplittableRandom(BASE_SEED);
        for (int c = 0; c < 200; c++) {
            ChunkCodecRoundTripTest.Columns in = ChunkCodecRoundTripTest.generate(
                    ChunkCodecRoundTripTest.Shape.values()[c % 7], random);
            int n = in.timestamps().length;
            int auto = ChunkCodec.encode(in.timestamps(), in.power(), in.energy(), n, Mode.AUTO).length;
            int packed = ChunkCodec.encode(in.timestamps(), in.power(), in.energy(), n, Mode.PACKED).length;
            int adaptive = ChunkCodec.encode(in.timestamps(), in.power(), in.energy(), n, Mode.ADAPTIVE).length;
            int checksum = 4; // the rule compares bodies and headers, before the CRC32C is appended
            boolean rangeCoderClearlySmaller = (adaptive - checksum) * ChunkCodec.PACKED_TOLERANCE < packed - checksum;
            // a dense chunk tries the range coder only if a sample of it promises to win, by the dense tolerance
            long changes = java.util.stream.IntStream.range(1, n).filter(i -> in.power()[i] != in.power()[i - 1]).count();
            double hours = n == 0 ? 1 : Math.max(1, (in.timestamps()[n - 1] - in.timestamps()[0]) / 3_600_000.0);
            if (changes > ChunkCodec.DENSE_CHANGES * hours) {
                double sampled = ChunkCodec.sampledRangeCoderBytes(new ChunkCodec.Scratch(), in.timestamps(), in.power(), in.energy(), n);
                rangeCoderClearlySmaller = sampled * ChunkCodec.DENSE_PACKED_TOLERANCE < packed - checksum
                        && (adaptive - checksum) * ChunkCodec.DENSE_PACKED_TOLERANCE < packed - checksum;
            }
            assertThat(auto).as("case " + c).isEqualTo(rangeCoderClearlySmaller ? adaptive : packed);
        }
    }

    @Test
    void flippedBitsAndTruncationOfPackedChunksAreDetected() {
        for (int c = 0; c < 10; c++) {
            byte[] chunk = sample(new SplittableRandom(BASE_SEED + c), Mode.PACKED);
            for (int i = 0; i < chunk.length; i++) {
                for (int bit = 0; bit < 8; bit++) {
                    byte[] damaged = chunk.clone();
                    damaged[i] ^= (byte) (1 << bit);
                    assertThatThrownBy(() -> ChunkCodec.decode(damaged)).isInstanceOf(CorruptChunkException.class);
                }
            }
            for (int length = 0; length < chunk.length; length++) {
                byte[] truncated = Arrays.copyOf(chunk, length);
                assertThatThrownBy(() -> ChunkCodec.decode(truncated)).isInstanceOf(CorruptChunkException.class);
            }
        }
    }

    /**
     * A damaged body behind a valid checksum (a bug, not a disk fault) must still fail only
     * with CorruptChunkException or decode to something: never another exception or a hang.
     */
    @Test
    void damagedBodiesWithFreshChecksumsFailCleanly() {
        SplittableRandom random = new SplittableRandom(BASE_SEED);
        assertThat(ChunkCodecCorruptionTest.rejectedDamagedBodies(random, 3000, 12, () -> sample(random, Mode.PACKED))).isPositive();
    }

    @Test
    void trailingBytesAfterPackedColumnsAreRejected() {
        assertTrailingByteRejected(Mode.PACKED);
    }

    /** A zero byte appended to a bit-stream body (checksum renewed) must be rejected. */
    static void assertTrailingByteRejected(Mode layout) {
        byte[] chunk = ChunkCodec.encode(new long[] {1000, 2000, 4000}, new long[] {5, 6, 9}, null, 3, layout);
        byte[] longer = Arrays.copyOf(chunk, chunk.length + 1);
        System.arraycopy(chunk, chunk.length - 4, longer, longer.length - 4, 4);
        longer[chunk.length - 4] = 0;
        assertThatThrownBy(() -> ChunkCodec.decode(ChunkCodecCorruptionTest.withFreshChecksum(longer))).isInstanceOf(CorruptChunkException.class);
    }

    /** A random chunk of 2 to 300 readings in {@code layout}. */
    static byte[] sample(SplittableRandom random, Mode layout) {
        ChunkCodecRoundTripTest.Columns in;
        do {
            in = ChunkCodecRoundTripTest.generate(ChunkCodecRoundTripTest.Shape.values()[random.nextInt(7)], random);
        } while (in.timestamps().length < 2 || in.timestamps().length > 300);
        return ChunkCodec.encode(in.timestamps(), in.power(), in.energy(), in.timestamps().length, layout);
    }

    static void assertRoundTrip(ChunkCodecRoundTripTest.Columns in, Mode mode, String description) {
        ChunkCodecRoundTripTest.assertRoundTrip(in, mode, description);
    }

}
