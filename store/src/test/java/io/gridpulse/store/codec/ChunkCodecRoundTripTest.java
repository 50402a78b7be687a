package io.gridpulse.store.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridpulse.core.Reading;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Property tests: whatever goes in comes out. Each failure message carries its seed. */
class ChunkCodecRoundTripTest {
    private static final int CASES_PER_SHAPE = 300;
    private static final long BASE_SEED = Long.getLong("codec.seed", System.nanoTime());

    /** Shapes of generated series; each stresses a different path of the codec. */
    enum Shape { METER_1HZ, CHANGE_ONLY, SPIKES, NEGATIVE_EXPORT, EXTREMES, WATT_RESOLUTION, ENERGY_MIXED }

    @ParameterizedTest
    @EnumSource(Shape.class)
    void randomSeriesRoundTripLosslessly(Shape shape) {
        System.out.println("ChunkCodecRoundTripTest " + shape + " base seed " + BASE_SEED + " (replay with -Dcodec.seed=" + BASE_SEED + ")");
        for (int c = 0; c < CASES_PER_SHAPE; c++) {
            long seed = BASE_SEED + 31L * c + shape.ordinal();
            assertRoundTrip(generate(shape, new SplittableRandom(seed)), "shape " + shape + " seed " + seed);
        }
    }

    @Test
    void emptyChunkRoundTrips() {
        byte[] chunk = ChunkCodec.encode(new long[0], new long[0], null, 0);
        DecodedChunk decoded = ChunkCodec.decode(chunk);
        assertThat(decoded.count()).isZero();
        assertThat(decoded.timestampsMs()).isEmpty();
        assertThat(decoded.energyMilliwattHours()).isNull();
        assertThat(chunk).hasSizeLessThanOrEqualTo(6);
    }

    @Test
    void singleReadingRoundTrips() {
        assertRoundTrip(new Columns(new long[] {1_700_000_000_123L}, new long[] {-42}, new long[] {7}), "single");
    }

    @Test
    void extremeValuesRoundTrip() {
        long[] ts = {Long.MIN_VALUE, -1, 0, 1, Long.MAX_VALUE - 1, Long.MAX_VALUE};
        long[] power = {Long.MAX_VALUE, Long.MIN_VALUE, 0, Long.MIN_VALUE, Long.MAX_VALUE, -1};
        long[] energy = {Reading.NO_ENERGY, Long.MAX_VALUE, 0, Reading.NO_ENERGY, 1, Long.MAX_VALUE};
        assertRoundTrip(new Columns(ts, power, energy), "extremes");
    }

    @Test
    void onlyFirstCountEntriesAreEncoded() {
        long[] ts = {1000, 2000, 3000, 0};
        long[] power = {5, 6, 7, 99};
        DecodedChunk decoded = ChunkCodec.decode(ChunkCodec.encode(ts, power, null, 3));
        assertThat(decoded.count()).isEqualTo(3);
        assertThat(decoded.powerMilliwatts()).containsExactly(5, 6, 7);
    }

    @Test
    void energyWithoutAnyRegisterDecodesAsNull() {
        long[] energy = {Reading.NO_ENERGY, Reading.NO_ENERGY};
        DecodedChunk decoded = ChunkCodec.decode(ChunkCodec.encode(new long[] {1, 2}, new long[] {3, 4}, energy, 2));
        assertThat(decoded.energyMilliwattHours()).isNull();
    }

    @Test
    void regularCadenceWithConstantPowerCostsAlmostNothing() {
        int n = 3600;
        long[] ts = new long[n];
        long[] power = new long[n];
        Arrays.setAll(ts, i -> 1_700_000_000_000L + i * 1000L);
        Arrays.fill(power, 230_000);
        assertThat(ChunkCodec.encode(ts, power, null, n)).hasSizeLessThan(24);
    }

    @Test
    void nonIncreasingTimestampsAreRejected() {
        assertThatThrownBy(() -> ChunkCodec.encode(new long[] {5, 5}, new long[] {1, 2}, null, 2))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ChunkCodec.encode(new long[] {5, 4}, new long[] {1, 2}, null, 2))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shortArraysAndBadCountsAreRejected() {
        assertThatThrownBy(() -> ChunkCodec.encode(new long[] {1}, new long[] {1}, null, 2))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ChunkCodec.encode(new long[] {1}, new long[] {1}, null, -1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ChunkCodec.encode(new long[] {1, 2}, new long[] {1, 2}, new long[] {1}, 2))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * Reused by every case of a thread, as a reader of many chunks reuses one: each decode lands
     * on the previous case's readings (other lengths, with or without energy), so a decoder that
     * relied on fresh zeroed arrays fails here.
     */
    private static final ThreadLocal<DecodedChunk> REUSED = ThreadLocal.withInitial(DecodedChunk::new);

    static void assertRoundTrip(Columns in, String description) {
        assertRoundTrip(in, ChunkCodec.MODE, description);
    }

    static void assertRoundTrip(Columns in, ChunkCodec.Mode mode, String description) {
        int n = in.timestamps.length;
        byte[] chunk = ChunkCodec.encode(in.timestamps, in.power, in.energy, n, mode);
        assertDecoded(ChunkCodec.decode(chunk), in, description);
        assertDecoded(ChunkCodec.decodeInto(chunk, REUSED.get()), in, description + " (into a reused chunk)");
    }

    private static void assertDecoded(DecodedChunk out, Columns in, String description) {
        int n = in.timestamps.length;
        assertThat(out.count()).as(description).isEqualTo(n);
        assertThat(Arrays.copyOf(out.timestampsMs(), n)).as(description).isEqualTo(in.timestamps);
        assertThat(Arrays.copyOf(out.powerMilliwatts(), n)).as(description).isEqualTo(in.power);
        if (in.energy == null || Arrays.stream(in.energy).allMatch(e -> e == Reading.NO_ENERGY)) {
            assertThat(out.energyMilliwattHours()).as(description).isNull();
        } else {
            assertThat(Arrays.copyOf(out.energyMilliwattHours(), n)).as(description).isEqualTo(in.energy);
        }
    }

    record Columns(long[] timestamps, long[] power, long[] energy) {}

    static Columns generate(Shape shape, SplittableRandom random) {
        int n = random.nextInt(10) == 0 ? random.nextInt(3) : random.nextInt(1, 4000);
        long[] ts = timestamps(shape, random, n);
        n = ts.length;
        long[] power = new long[n];
        long[] energy = shape == Shape.ENERGY_MIXED || random.nextBoolean() ? new long[n] : null;
        long level = random.nextLong(-5_000_000, 10_000_000);
        long register = random.nextLong(0, 1L << 40);
        for (int i = 0; i < n; i++) {
            level = nextPower(shape, random, level);
            power[i] = level;
            if (energy != null) {
                register += random.nextInt(4) == 0 ? 0 : random.nextLong(0, 2_000);
                energy[i] = shape == Shape.ENERGY_MIXED && random.nextInt(7) == 0 ? Reading.NO_ENERGY : register;
            }
        }
        return new Columns(ts, power, energy);
    }

    private static long[] timestamps(Shape shape, SplittableRandom random, int n) {
        long[] ts = new long[n];
        long t = shape == Shape.EXTREMES ? random.nextLong(Long.MIN_VALUE / 2, 0) : random.nextLong(0, 2_000_000_000_000L);
        boolean wholeSeconds = random.nextBoolean();
        for (int i = 0; i < n; i++) {
            ts[i] = t;
            long step = switch (random.nextInt(20)) {
                case 0 -> random.nextLong(1, 10_000_000);
                case 1 -> shape == Shape.EXTREMES ? random.nextLong(1, Long.MAX_VALUE / 8) : random.nextLong(1, 100);
                default -> shape == Shape.CHANGE_ONLY ? random.nextLong(1, 40) * 1000 : 1000;
            };
            long next = t + (wholeSeconds ? Math.max(1, step / 1000) * 1000 : step);
            if (next < t) {
                return Arrays.copyOf(ts, i + 1); // would overflow: end the series at the top of time
            }
            t = next;
        }
        return ts;
    }

    private static long nextPower(Shape shape, SplittableRandom random, long level) {
        return switch (shape) {
            case METER_1HZ, ENERGY_MIXED -> random.nextInt(5) == 0 ? level + random.nextLong(-2_000, 2_000) : level;
            case CHANGE_ONLY -> level + random.nextLong(-50_000, 50_000);
            case SPIKES -> random.nextInt(50) == 0 ? random.nextLong(0, 20_000_000) : level;
            case NEGATIVE_EXPORT -> -Math.abs(level) + random.nextLong(-3_000, 3_000);
            case EXTREMES -> switch (random.nextInt(4)) {
                case 0 -> Long.MIN_VALUE;
                case 1 -> Long.MAX_VALUE;
                case 2 -> random.nextLong();
                default -> level;
            };
            case WATT_RESOLUTION -> (level / 1000 + random.nextInt(-3, 4)) * 1000;
        };
    }
}
