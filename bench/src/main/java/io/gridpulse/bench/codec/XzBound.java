package io.gridpulse.bench.codec;

import io.gridpulse.ingest.dataset.DatasetFormat;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The "integer deltas, then xz -9" bound: a slow, general-purpose compressor given the whole
 * file at once (no chunking, so stricter than the per-hour chunks the codec is held to).
 * Deltas are of time (seconds) and power (in the series' resolution, i.e. divided by the gcd).
 * Two layouts: decimal text, one column after the other; and little-endian int64 rows.
 *
 * <p>Usage: {@code java -cp ... io.gridpulse.bench.codec.XzBound <format> <logged|filled> <file>...}
 * (needs {@code xz} on the PATH).
 */
public final class XzBound {
    private XzBound() {}

    public static void main(String[] args) throws IOException, InterruptedException {
        DatasetFormat format = DatasetFormat.parse(args[0]);
        boolean fill = args[1].equals("filled");
        for (int i = 2; i < args.length; i++) {
            Series series = Series.read(Path.of(args[i]), format);
            series = fill ? series.filledToOneHertz() : series;
            long text = textColumnBytes(series);
            long binary = xzBytes(int64Rows(series));
            long perHour = xzTextColumnsPerHourChunk(series);
            System.out.printf(Locale.ROOT, "%s %s readings=%d xzTextColumns=%.4f xzInt64Rows=%.4f xzTextColumnsPerHourChunk=%.4f B/reading%n",
                    Path.of(args[i]).getFileName(), args[1], series.count(), (double) text / series.count(),
                    (double) binary / series.count(), (double) perHour / series.count());
        }
    }

    /** Same text layout, but one xz stream per UTC hour: the chunking the codec is held to. */
    static long xzTextColumnsPerHourChunk(Series s) throws IOException, InterruptedException {
        long total = 0;
        int start = 0;
        while (start < s.count()) {
            int end = CompressionBench.chunkEnd(s.timestampsMs(), start, s.count());
            Series chunk = new Series(java.util.Arrays.copyOfRange(s.timestampsMs(), start, end),
                    java.util.Arrays.copyOfRange(s.powerMilliwatts(), start, end), end - start);
            total += xzBytes(textColumns(chunk));
            start = end;
        }
        return total;
    }

    /** Whether the {@code xz} command runs here ({@link #textColumnBytes} needs it). */
    public static boolean available() {
        try {
            return new ProcessBuilder("xz", "--version").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * "Integer deltas + xz -9" on the whole series: decimal deltas, time column then power column
     * (power in its resolution), one xz stream.
     *
     * @throws IllegalStateException if the {@code xz} command is missing or fails
     */
    public static long textColumnBytes(Series s) {
        try {
            return xzBytes(textColumns(s));
        } catch (IOException e) {
            throw new IllegalStateException("the xz bound needs the xz command (Debian: apt-get install xz-utils): "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running xz", e);
        }
    }

    static byte[] textColumns(Series s) {
        long scale = powerScale(s);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.count(); i++) {
            out.append(i == 0 ? s.timestampsMs()[0] / 1000 : (s.timestampsMs()[i] - s.timestampsMs()[i - 1]) / 1000).append('\n');
        }
        for (int i = 0; i < s.count(); i++) {
            out.append(i == 0 ? s.powerMilliwatts()[0] / scale : (s.powerMilliwatts()[i] - s.powerMilliwatts()[i - 1]) / scale).append('\n');
        }
        return out.toString().getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] int64Rows(Series s) {
        long scale = powerScale(s);
        ByteBuffer out = ByteBuffer.allocate(16 * s.count()).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < s.count(); i++) {
            out.putLong(i == 0 ? s.timestampsMs()[0] / 1000 : (s.timestampsMs()[i] - s.timestampsMs()[i - 1]) / 1000);
            out.putLong(i == 0 ? s.powerMilliwatts()[0] / scale : (s.powerMilliwatts()[i] - s.powerMilliwatts()[i - 1]) / scale);
        }
        return out.array();
    }

    private static long powerScale(Series s) {
        long g = 0;
        for (int i = 0; i < s.count(); i++) {
            g = java.math.BigInteger.valueOf(g).gcd(java.math.BigInteger.valueOf(s.powerMilliwatts()[i])).longValue();
        }
        return g == 0 ? 1 : g;
    }

    static long xzBytes(byte[] input) throws IOException, InterruptedException {
        Process xz = new ProcessBuilder("xz", "-9", "-c").start();
        Thread writer = Thread.ofVirtual().start(() -> {
            try (OutputStream in = xz.getOutputStream()) {
                in.write(input);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        long size;
        try (InputStream compressed = xz.getInputStream()) {
            size = compressed.transferTo(OutputStream.nullOutputStream());
        }
        writer.join();
        if (xz.waitFor() != 0) {
            throw new IOException("xz failed: " + new String(xz.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
        }
        return size;
    }
}
