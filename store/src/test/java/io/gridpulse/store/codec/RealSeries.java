package io.gridpulse.store.codec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;

/**
 * Minimal readers for the shared GJW and REDD files (the store does not depend on ingest), with
 * the benchmark's normalisation: sorted, one reading per timestamp (last wins), optionally
 * forward-filled to 1 Hz, cut into one chunk per UTC hour.
 */
record RealSeries(long[] timestampsMs, long[] powerMilliwatts) {
    private static final DateTimeFormatter GJW_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final long HOUR_MS = 3_600_000;
    private static final DateTimeFormatter TRACEBASE_TIME = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm:ss");
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    static RealSeries gjw(Path file) {
        TreeMap<Long, Long> rows = new TreeMap<>();
        for (String line : lines(file)) {
            int comma = line.indexOf(',');
            long ts = LocalDateTime.parse(line.substring(0, comma), GJW_TIME).atZone(LONDON).toInstant().toEpochMilli();
            rows.put(ts, Long.parseLong(line.substring(comma + 1).trim()) * 1000);
        }
        return of(rows);
    }

    static RealSeries redd(Path file) {
        TreeMap<Long, Long> rows = new TreeMap<>();
        for (String line : lines(file)) {
            String[] parts = line.trim().split(" ");
            rows.put(Long.parseLong(parts[0]) * 1000, Math.round(Double.parseDouble(parts[1]) * 1000));
        }
        return of(rows);
    }

    /** tracebase: {@code dd/mm/yyyy hh:mm:ss;P_1s;P_8s}, watts, Berlin time. */
    static RealSeries tracebase(Path file) {
        TreeMap<Long, Long> rows = new TreeMap<>();
        for (String line : lines(file)) {
            String[] parts = line.trim().split(";");
            long ts = LocalDateTime.parse(parts[0], TRACEBASE_TIME).atZone(BERLIN).toInstant().toEpochMilli();
            rows.put(ts, Long.parseLong(parts[1].trim()) * 1000);
        }
        return of(rows);
    }

    /** Encodes hour by hour in the given layout; throws unless every chunk decodes to its input. */
    void assertRoundTripsPerHourChunk(ChunkCodec.Mode mode, String description) {
        forEachHourChunk(mode, description, (ts, chunk) -> { });
    }

    RealSeries filledToOneHertz() {
        long first = timestampsMs[0];
        int n = (int) ((timestampsMs[timestampsMs.length - 1] - first) / 1000 + 1);
        long[] ts = new long[n];
        long[] power = new long[n];
        int source = 0;
        for (int i = 0; i < n; i++) {
            ts[i] = first + i * 1000L;
            while (source + 1 < timestampsMs.length && timestampsMs[source + 1] <= ts[i]) {
                source++;
            }
            power[i] = powerMilliwatts[source];
        }
        return new RealSeries(ts, power);
    }

    /** Encodes hour by hour, checks each chunk decodes to its input, returns total bytes. */
    long encodedBytesPerHourChunk() {
        return encodedBytesPerChunk(HOUR_MS);
    }

    /** Same with chunks spanning {@code spanMs} (aligned to the epoch), e.g. a UTC day. */
    long encodedBytesPerChunk(long spanMs) {
        long[] bytes = {0};
        forEachChunk(ChunkCodec.MODE, spanMs, "series", (ts, chunk) -> bytes[0] += chunk.length);
        return bytes[0];
    }

    /**
     * Encodes hour by hour as the store seals hours ({@link ChunkCodec#encodeFast}), checks each
     * chunk decodes to its input and is in packed columns, returns total bytes.
     */
    long fastBytesPerHourChunk() {
        long[] bytes = {0};
        forEachChunk((ts, power, n) -> ChunkCodec.encodeFast(ts, power, null, n), HOUR_MS, "fast", (ts, chunk) -> {
            if (ChunkCodec.layoutOf(chunk) != ChunkCodec.Layout.BLOCKS) {
                throw new AssertionError("fast chunk at " + ts[0] + " is not in block columns");
            }
            bytes[0] += chunk.length;
        });
        return bytes[0];
    }

    /** Encodes each UTC hour in {@code mode}, checks it decodes to its input, hands it on. */
    private void forEachHourChunk(ChunkCodec.Mode mode, String description, java.util.function.BiConsumer<long[], byte[]> consumer) {
        forEachChunk(mode, HOUR_MS, description, consumer);
    }

    private interface Encoder {
        byte[] encode(long[] timestampsMs, long[] power, int count);
    }

    private void forEachChunk(ChunkCodec.Mode mode, long spanMs, String description,
            java.util.function.BiConsumer<long[], byte[]> consumer) {
        forEachChunk((ts, power, n) -> ChunkCodec.encode(ts, power, null, n, mode), spanMs, description + " " + mode,
                consumer);
    }

    private void forEachChunk(Encoder encoder, long spanMs, String description,
            java.util.function.BiConsumer<long[], byte[]> consumer) {
        DecodedChunk decoded = new DecodedChunk(); // reused, as the store's readers do
        int start = 0;
        while (start < timestampsMs.length) {
            long hour = Math.floorDiv(timestampsMs[start], spanMs);
            int end = start;
            while (end < timestampsMs.length && Math.floorDiv(timestampsMs[end], spanMs) == hour) {
                end++;
            }
            long[] ts = Arrays.copyOfRange(timestampsMs, start, end);
            long[] power = Arrays.copyOfRange(powerMilliwatts, start, end);
            byte[] chunk = encoder.encode(ts, power, end - start);
            ChunkCodec.decodeInto(chunk, decoded);
            if (decoded.count() != ts.length || !Arrays.equals(decoded.timestampsMs(), 0, ts.length, ts, 0, ts.length)
                    || !Arrays.equals(decoded.powerMilliwatts(), 0, ts.length, power, 0, ts.length)) {
                throw new AssertionError(description + ": chunk at " + ts[0] + " did not round-trip");
            }
            consumer.accept(ts, chunk);
            start = end;
        }
    }

    int count() {
        return timestampsMs.length;
    }

    private static RealSeries of(TreeMap<Long, Long> rows) {
        return new RealSeries(rows.keySet().stream().mapToLong(Long::longValue).toArray(),
                rows.values().stream().mapToLong(Long::longValue).toArray());
    }

    private static List<String> lines(Path file) {
        try {
            List<String> out = new ArrayList<>();
            for (String line : Files.readAllLines(file)) {
                if (!line.isBlank()) {
                    out.add(line);
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
