package io.gridpulse.bench.codec;

import io.gridpulse.store.codec.ChunkCodec;
import io.gridpulse.store.codec.DecodedChunk;
import java.util.Arrays;

/**
 * Measures the chunk codec on a series: cuts it into chunks of a span (one UTC hour as the store
 * seals them, or one day as it compacts them), encodes each as the store would
 * ({@link #encodeAsTheStore}) and with the {@link Gorilla} reference, and decodes both back to
 * check that nothing was lost.
 */
public final class CompressionBench {
    /** Chunk span: one hour, as the store seals chunks. */
    public static final long CHUNK_SPAN_MS = 3_600_000;

    private CompressionBench() {}

    public static CompressionResult measure(Series series) {
        return measure(series, CHUNK_SPAN_MS);
    }

    /** Same with another chunk span (whole multiples of an hour), to measure what chunking costs. */
    public static CompressionResult measure(Series series, long chunkSpanMs) {
        CompressionResult total = CompressionResult.EMPTY;
        int start = 0;
        while (start < series.count()) {
            int end = chunkEnd(series.timestampsMs(), start, series.count(), chunkSpanMs);
            total = total.plus(measureChunk(series, start, end, chunkSpanMs));
            start = end;
        }
        return total;
    }

    /** First index after {@code start} that falls in a later hour. */
    static int chunkEnd(long[] timestampsMs, int start, int count) {
        return chunkEnd(timestampsMs, start, count, CHUNK_SPAN_MS);
    }

    /** First index after {@code start} that falls in a later span (spans aligned to the epoch). */
    static int chunkEnd(long[] timestampsMs, int start, int count, long spanMs) {
        long span = Math.floorDiv(timestampsMs[start], spanMs);
        int end = start + 1;
        while (end < count && Math.floorDiv(timestampsMs[end], spanMs) == span) {
            end++;
        }
        return end;
    }

    /**
     * A chunk as the store writes one of that span: spans shorter than a day are its sealed hours
     * ({@link ChunkCodec#encodeFast}), a day or more its compacted days ({@link ChunkCodec#encode}).
     */
    public static byte[] encodeAsTheStore(long[] timestampsMs, long[] power, long[] energy, int count, long chunkSpanMs) {
        return chunkSpanMs < DAY_MS ? ChunkCodec.encodeFast(timestampsMs, power, energy, count)
                : ChunkCodec.encode(timestampsMs, power, energy, count);
    }

    private static final long DAY_MS = 24 * CHUNK_SPAN_MS;

    private static CompressionResult measureChunk(Series series, int start, int end, long chunkSpanMs) {
        int n = end - start;
        long[] ts = Arrays.copyOfRange(series.timestampsMs(), start, end);
        long[] power = Arrays.copyOfRange(series.powerMilliwatts(), start, end);
        byte[] chunk = encodeAsTheStore(ts, power, null, n, chunkSpanMs);
        DecodedChunk decoded = ChunkCodec.decode(chunk);
        boolean lossless = decoded.count() == n && Arrays.equals(decoded.timestampsMs(), ts)
                && Arrays.equals(decoded.powerMilliwatts(), power) && decoded.energyMilliwattHours() == null;
        BitWriter gorilla = Gorilla.encode(ts, power, n);
        ChunkCodec.Layout layout = ChunkCodec.layoutOf(chunk);
        return new CompressionResult(n, 1, layout == ChunkCodec.Layout.PACKED ? 1 : 0,
                layout == ChunkCodec.Layout.BLOCKS ? 1 : 0, chunk.length, (gorilla.bitCount() + 7) / 8,
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
