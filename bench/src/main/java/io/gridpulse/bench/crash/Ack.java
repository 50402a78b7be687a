package io.gridpulse.bench.crash;

/**
 * One acknowledged batch, as the ingest child prints it after {@code append} returned:
 * {@code ACK <meter> <firstMs> <count> <checksum> END}. Lines cut short by the kill lack END
 * and are ignored.
 */
public record Ack(int meterIndex, long firstMs, int count, long checksum) {
    private static final String PREFIX = "ACK ";
    private static final String SUFFIX = " END";

    public String format() {
        return PREFIX + meterIndex + " " + firstMs + " " + count + " " + checksum + SUFFIX;
    }

    /** The ack on this line, or null if the line is not a complete ack. */
    public static Ack parse(String line) {
        if (!line.startsWith(PREFIX) || !line.endsWith(SUFFIX)) {
            return null;
        }
        String[] f = line.substring(PREFIX.length(), line.length() - SUFFIX.length()).split(" ");
        if (f.length != 4) {
            return null;
        }
        return new Ack(Integer.parseInt(f[0]), Long.parseLong(f[1]), Integer.parseInt(f[2]), Long.parseLong(f[3]));
    }

    public long endMs() {
        return firstMs + count * SyntheticReadings.STEP_MS;
    }
}
