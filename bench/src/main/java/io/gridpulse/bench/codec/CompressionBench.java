package io.gridpulse.bench.codec;

import io.gridpulse.store.codec.ChunkCodec;
import io.gridpulse.store.codec.DecodedChunk;
import java.util.Arrays;

/**
 * Measures the chunk codec on a series: cuts it into one chunk per UTC hour (as the store
 * seals them), encodes each with {@link ChunkCodec} and with the {@link Gorilla} reference,
 * and decodes both back to check that nothing was lost.
 */
public final class CompressionBench {
    /** Chunk span: one hour, as the store seals chunks. */
    public static final long CHUNK_SPAN_MS = 3_600_000;

    private CompressionBench() {}

    public static CompressionResult measure(Series series) {
        CompressionResult total = CompressionResult.EMPTY;
        int start = 0;
        while (start < series.count()) {
            int end = chunkEnd(series.timestampsMs(), start, series.count());
            total = total.plus(measureChunk(series, start, end));
            start = end;
        }
        return total;
    }

    /** First index after {@code start} that falls in a later hour. */
    static int chunkEnd(long[] timestampsMs, int start, int count) {
        long hour = Math.floorDiv(timestampsMs[start], CHUNK_SPAN_MS);
        int end = start + 1;
        while (end < count && Math.floorDiv(timestampsMs[end], CHUNK_SPAN_MS) == hour) {
            end++;
        }
        return end;
    }

    private static CompressionResult measureChunk(Series series, int start, int end) {
        int n = end - start;
        long[] ts = Arrays.copyOfRange(series.timestampsMs(), start, end);
        long[] power = Arrays.copyOfRange(series.powerMilliwatts(), start, end);
        byte[] chunk = ChunkCodec.encode(ts, power, null, n);
        DecodedChunk decoded = ChunkCodec.decode(chunk);
        boolean lossless = decoded.count() == n && Arrays.equals(decoded.timestampsMs(), ts)
                && Arrays.equals(decoded.powerMilliwatts(), power) && decoded.energyMilliwattHours() == null;
        BitWriter gorilla = Gorilla.encode(ts, power, n);
        return new CompressionResult(n, 1, chunk.length, (gorilla.bitCount() + 7) / 8,
                lossless && gorillaRoundTrips(gorilla, ts, power));
    }

    private static boolean gorillaRoundTrips(BitWriter block, long[] ts, long[] power) {
        long[] decodedTs = new long[ts.length];
        double[] watts = new double[ts.length];
        Gorilla.decode(block, ts.length, decodedTs, watts);
        for (int i = 0; i < ts.length; i++) {
            if (Double.compare(watts[i], power[i] / 1000.0) != 0) {
                return false;
            }
        }
        return Arrays.equals(decodedTs, ts);
    }
}
