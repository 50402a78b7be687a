package io.gridpulse.bench.store;

/**
 * One storage engine under benchmark. Each call returns only when its readings are durable
 * (for an engine in a no-sync mode: when they are committed).
 */
public interface Engine extends AutoCloseable {
    String name();

    /** Registers meters {@code [0, meters)} where the engine needs it (not timed). */
    default void register(int meters) {}

    /** One meter, {@code count} readings every {@code stepSeconds} from {@code firstSecond}. */
    void appendMeterRun(int meter, long firstSecond, int count, int stepSeconds);

    /** Meters {@code [firstMeter, firstMeter + meters)} (registered), one reading each, all at {@code second}. */
    void appendFleetSecond(int firstMeter, int meters, long second);

    /**
     * Bytes of the engine's files, after making them final (flush, seal, compact), without the
     * {@link #reservedBytes} that do not grow with the data.
     */
    long bytesOnDisk();

    /** Bytes on disk held as reusable scratch space, a fixed amount whatever the data (call after {@link #bytesOnDisk}). */
    default long reservedBytes() {
        return 0;
    }

    /**
     * Readings of one meter over one day, every value read into Java (time, power, energy), as a
     * caller that sends them on would: how many, and their checksum.
     */
    DayRead queryDay(int meter, long dayStartSecond);

    /** Energy of one meter from {@code fromSecond} to {@code toSecond}, in mWh. */
    long queryEnergyMilliwattHours(int meter, long fromSecond, long toSecond);

    /** Hourly energy of meters {@code [0, meters)} over one day; returns the rows produced. */
    int queryFleetHourly(int meters, long dayStartSecond);

    @Override
    void close();

    /** What a day query read; engines holding the same readings give the same checksum. */
    record DayRead(int points, long checksum) {
        /** One reading's contribution to the checksum (wrapping sum of a per-reading mix). */
        static long mix(long timestampMs, long powerMilliwatts, long energyMilliwattHours) {
            return (timestampMs * 31 + powerMilliwatts) * 31 + energyMilliwattHours;
        }
    }
}
