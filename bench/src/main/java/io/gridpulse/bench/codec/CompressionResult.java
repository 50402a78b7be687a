package io.gridpulse.bench.codec;

import java.util.Locale;

/**
 * Totals of one compression run.
 *
 * @param readings readings encoded
 * @param chunks chunks (one per meter-hour with data)
 * @param packedChunks chunks the encoder stored with packed (fast) columns
 * @param blockChunks chunks stored in block columns (the store's sealed hours, fastest)
 * @param bytes GridPulse chunk bytes, headers and checksums included
 * @param gorillaBytes Gorilla reference bytes on the same chunks
 * @param lossless every chunk decoded back to exactly its input
 */
public record CompressionResult(long readings, long chunks, long packedChunks, long blockChunks, long bytes, long gorillaBytes,
                                boolean lossless) {
    public static final CompressionResult EMPTY = new CompressionResult(0, 0, 0, 0, 0, 0, true);

    public CompressionResult plus(CompressionResult other) {
        return new CompressionResult(readings + other.readings, chunks + other.chunks,
                packedChunks + other.packedChunks, blockChunks + other.blockChunks, bytes + other.bytes,
                gorillaBytes + other.gorillaBytes, lossless && other.lossless);
    }

    public double bytesPerReading() {
        return readings == 0 ? 0 : (double) bytes / readings;
    }

    public double gorillaBytesPerReading() {
        return readings == 0 ? 0 : (double) gorillaBytes / readings;
    }

    public String toJson() {
        return toJson(-1, -1);
    }

    /**
     * With {@code xzBytes ≥ 0}, also "xzBytesPerReading" (the integer-deltas + xz -9 bound on the
     * same files); with {@code storeBytes ≥ 0}, also "storeBytesPerReading" (the store's table files).
     */
    public String toJson(long xzBytes, long storeBytes) {
        String xz = xzBytes < 0 ? "" : String.format(Locale.ROOT, "\"xzBytesPerReading\":%.4f,", perReading(xzBytes));
        xz += storeBytes < 0 ? "" : String.format(Locale.ROOT, "\"storeBytesPerReading\":%.4f,", perReading(storeBytes));
        return String.format(Locale.ROOT,
                "{\"readings\":%d,\"bytes\":%d,\"bytesPerReading\":%.4f,\"gorillaBytesPerReading\":%.4f,"
                        + "%s\"chunks\":%d,\"packedChunks\":%d,\"blockChunks\":%d,\"lossless\":%b}",
                readings, bytes, bytesPerReading(), gorillaBytesPerReading(), xz, chunks, packedChunks, blockChunks, lossless);
    }

    private double perReading(long total) {
        return readings == 0 ? 0 : (double) total / readings;
    }

    public String toText() {
        return String.format(Locale.ROOT,
                "readings %d in %d chunks (%d packed, %d in blocks): %d bytes = %.4f B/reading (Gorilla %.4f B/reading, ratio %.3f), lossless: %b",
                readings, chunks, packedChunks, blockChunks, bytes, bytesPerReading(), gorillaBytesPerReading(),
                gorillaBytes == 0 ? 0 : (double) bytes / gorillaBytes, lossless);
    }
}
