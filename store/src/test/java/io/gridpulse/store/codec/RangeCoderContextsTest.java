package io.gridpulse.store.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Format version 5's range coder: symbols with adaptive third and lowest bits decode to what was
 * coded, and a chunk falls back to the version-3 layout where version 5 would be larger; version
 * 7's mixed run histories are written where they pay and decode, and version 6's chunks still decode.
 */
class RangeCoderContextsTest {

    @Test
    void aSamplerWithAFractionalPeriodIsWrittenInVersion7AndDecodes() {
        int n = 20_000;
        long[] ts = new long[n];
        long[] power = new long[n];
        fractionalPeriodSampler(ts, power, n);

        byte[] chunk = ChunkCodec.encode(ts, power, null, n, ChunkCodec.Mode.ADAPTIVE);

        assertThat(chunk[0]).isEqualTo((byte) 7);
        assertDecodesTo(chunk, ts, power);
    }

    @Test
    void version6ChunksStillDecode() {
        // the first 2,000 readings of the sampler below, encoded by commit e8dc8ee (version 6's run-history contexts)
        byte[] chunk = Base64.getDecoder().decode("BtAPAdTz3doJ6AcAaxXnLa5l+gfKYFQ5WtHQhC4C63ta+vqF8ZRioADlYsgFXZhhSmodWz5W6U7ZxQpP2I4ImYjL3Vi23S1LZd7fz1c2"
                + "BLv/IJI4HjVoE24k4hK6e1QHujRtn5vkTsxuc8mD7oJZ7a56Vn6WpDqf6NGXIUtAfTVNTp0cy16ofBWtOj9Xgcp7Zg6/b75KeolRyt7i1po7XWrj"
                + "cey7F2MMmO04KE6YGsb7vY2aud/2wOUYBrA=");
        int n = 2_000;
        long[] ts = new long[n];
        long[] power = new long[n];
        fractionalPeriodSampler(ts, power, n);

        assertThat(chunk[0]).isEqualTo((byte) 6);
        assertDecodesTo(chunk, ts, power);
    }

    /**
     * A damaged body behind a valid checksum (a bug, not a disk fault) must fail only with
     * CorruptChunkException or decode to something: the mixer's tables and history must not
     * turn garbage into another exception or a hang.
     */
    @Test
    void damagedVersion7BodiesWithFreshChecksumsFailCleanly() {
        int n = 20_000; // at 2,000 readings version 6 is still cheaper: the mixer has less to learn from
        long[] ts = new long[n];
        long[] power = new long[n];
        fractionalPeriodSampler(ts, power, n);
        byte[] chunk = ChunkCodec.encode(ts, power, null, n, ChunkCodec.Mode.ADAPTIVE);
        assertThat(chunk[0]).isEqualTo((byte) 7);
        assertThat(ChunkCodecCorruptionTest.rejectedDamagedBodies(new SplittableRandom(7), 500, 12, chunk::clone)).isPositive();
    }

    private static void assertDecodesTo(byte[] chunk, long[] ts, long[] power) {
        DecodedChunk back = ChunkCodec.decode(chunk);
        assertThat(back.timestampsMs()).isEqualTo(ts);
        assertThat(back.powerMilliwatts()).isEqualTo(power);
    }

    /**
     * A ≈ 3.5 s sampler logged in whole seconds (deltas of 3 and 4 s), with jitter, a missed
     * sample now and then, and a circuit that is mostly off: REDD's quiet channels.
     */
    private static void fractionalPeriodSampler(long[] ts, long[] power, int n) {
        SplittableRandom random = new SplittableRandom(6);
        double seconds = 1_303_100_647.0;
        for (int i = 0; i < n; i++) {
            seconds += 3.52 + (random.nextDouble() - 0.5) * 0.2 + (random.nextInt(30) == 0 ? 3.52 : 0);
            ts[i] = (long) Math.floor(seconds) * 1000;
            power[i] = random.nextInt(500) == 0 ? 1000L * random.nextInt(1, 6) : 0;
        }
    }

    @Test
    void refinedSymbolsOfEveryBitLengthDecodeToTheirValue() {
        List<Long> values = new ArrayList<>();
        for (long v = 0; v < 300; v++) {
            values.add(v);
        }
        for (int bit = 2; bit < 64; bit++) {
            values.add((1L << bit) - 1);
            values.add(1L << bit);
            values.add((1L << bit) | 1);
        }
        values.addAll(List.of(Long.MAX_VALUE, -1L, Long.MIN_VALUE, 0x5555_5555_5555_5555L));
        int[] models = new int[4 * SymbolCoder.SLOTS_PER_CONTEXT];
        int third = 2 * SymbolCoder.SLOTS_PER_CONTEXT;
        int low = third + SymbolCoder.THIRD_BIT_SLOTS;
        ByteSink sink = new ByteSink();
        RangeEncoder encoder = new RangeEncoder(sink);
        AdaptiveBits.reset(models);
        encoder.start();
        for (int i = 0; i < values.size(); i++) {
            // every combination of optional third and lowest bits, in one stream
            SymbolCoder.encode(encoder, models, 0, SymbolCoder.SLOTS_PER_CONTEXT, i % 2 == 0 ? third : SymbolCoder.NONE, i % 3 == 0 ? SymbolCoder.NONE : low,
                    values.get(i));
        }
        encoder.finish(0);

        RangeDecoder decoder = new RangeDecoder();
        AdaptiveBits.reset(models);
        decoder.start(sink.buffer(), 0, sink.size());
        for (int i = 0; i < values.size(); i++) {
            long decoded = SymbolCoder.decode(decoder, models, 0, SymbolCoder.SLOTS_PER_CONTEXT, i % 2 == 0 ? third : SymbolCoder.NONE,
                    i % 3 == 0 ? SymbolCoder.NONE : low);
            assertThat(decoded).as("symbol %d", i).isEqualTo(values.get(i));
        }
    }

    @Test
    void gjwLikeStepsCostLessThanInVersion3() {
        // change-only meter like GJW's: a reading 1 s after a gap, steps of >= 21 W, even steps more frequent
        SplittableRandom random = new SplittableRandom(20131120);
        int n = 3000;
        long[] ts = new long[n];
        long[] power = new long[n];
        long t = 1_384_905_600_000L;
        long watts = 700;
        for (int i = 0; i < n; i++) {
            t += i % 2 == 1 ? 1000 : 1000L * (3 + 4 * random.nextInt(12));
            long step = i % 2 == 1 ? 21 + 2 * random.nextInt(20) : random.nextInt(11);
            watts = Math.max(0, watts + (random.nextBoolean() ? step : -step));
            ts[i] = t;
            power[i] = watts * 1000;
        }
        byte[] chunk = ChunkCodec.encode(ts, power, null, n, ChunkCodec.Mode.ADAPTIVE);
        assertThat(chunk[0]).isEqualTo((byte) 5);
        assertThat(ChunkCodec.decode(chunk).powerMilliwatts()).isEqualTo(power);
        // measured 0.908 B/reading; the version-3 layout of the same chunk 1.048
        assertThat((double) chunk.length / n).isLessThan(0.95);
    }

    @Test
    void aChunkWhereTheExtraAdaptiveBitsDoNotPayKeepsTheVersion3Layout() {
        // few readings, uniformly random steps: learning the extra models costs more than it saves
        SplittableRandom random = new SplittableRandom(7);
        int n = 60;
        long[] ts = new long[n];
        long[] power = new long[n];
        for (int i = 0; i < n; i++) {
            ts[i] = 1_700_000_000_000L + 1000L * (i * 40 + random.nextInt(40));
            power[i] = 1000L * random.nextLong(1 << 20);
        }
        byte[] chunk = ChunkCodec.encode(ts, power, null, n, ChunkCodec.Mode.ADAPTIVE);
        assertThat(chunk[0]).isEqualTo((byte) ChunkCodec.PLAIN_RANGE_CODED_VERSION);
        DecodedChunk decoded = ChunkCodec.decode(chunk);
        assertThat(decoded.timestampsMs()).isEqualTo(ts);
        assertThat(decoded.powerMilliwatts()).isEqualTo(power);
    }
}
