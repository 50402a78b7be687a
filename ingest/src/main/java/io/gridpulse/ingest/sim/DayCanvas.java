package io.gridpulse.ingest.sim;

/**
 * One local day of power, one slot per second, in milliwatts; appliance models add their draw to
 * it. Times are seconds since the local midnight of the day being drawn, shifted by an origin so a
 * model can draw its previous day's events (those running past midnight) with the same code: every
 * call is clipped to the day, so drawing outside it is harmless.
 */
final class DayCanvas {
    private final int[] milliwatts;
    private final int lengthSeconds;
    private final long dayStartEpochSecond;
    private final int zoneOffsetSeconds;
    private final int originSeconds;

    DayCanvas(int[] milliwatts, int lengthSeconds, long dayStartEpochSecond, int zoneOffsetSeconds) {
        this(milliwatts, lengthSeconds, dayStartEpochSecond, zoneOffsetSeconds, 0);
    }

    private DayCanvas(int[] milliwatts, int lengthSeconds, long dayStartEpochSecond, int zoneOffsetSeconds, int originSeconds) {
        this.milliwatts = milliwatts;
        this.lengthSeconds = lengthSeconds;
        this.dayStartEpochSecond = dayStartEpochSecond;
        this.zoneOffsetSeconds = zoneOffsetSeconds;
        this.originSeconds = originSeconds;
    }

    /** The same canvas seen from a day that starts {@code -offsetSeconds} earlier (offset negative). */
    DayCanvas shifted(int offsetSeconds) {
        return new DayCanvas(milliwatts, lengthSeconds, dayStartEpochSecond, zoneOffsetSeconds, originSeconds + offsetSeconds);
    }

    int lengthSeconds() {
        return lengthSeconds;
    }

    /** UTC epoch second of this canvas' second 0 (the local midnight of the day drawn). */
    long dayStartEpochSecond() {
        return dayStartEpochSecond;
    }

    /** Local wall-clock offset of the day drawn; turns epoch seconds into local seconds of day. */
    int zoneOffsetSeconds() {
        return zoneOffsetSeconds;
    }

    /** UTC epoch second of (shifted) second {@code second}. */
    long epochSecond(int second) {
        return dayStartEpochSecond + second + originSeconds;
    }

    /** The (shifted) second of UTC epoch second {@code epochSecond}; may lie outside the day. */
    int second(long epochSecond) {
        return (int) (epochSecond - dayStartEpochSecond - originSeconds);
    }

    /** Adds a constant draw over [fromSecond, toSecond). */
    void add(int fromSecond, int toSecond, int powerMilliwatts) {
        int from = Math.max(0, fromSecond + originSeconds);
        int to = Math.min(lengthSeconds, toSecond + originSeconds);
        for (int s = from; s < to; s++) {
            milliwatts[s] += powerMilliwatts;
        }
    }

    /** Adds {@code shape} stretched to {@code lengthSeconds} and multiplied by {@code scale}. */
    void addShape(int startSecond, Signature shape, int lengthSeconds, double scale) {
        int first = startSecond + originSeconds;
        int from = Math.max(0, first);
        int to = Math.min(this.lengthSeconds, first + lengthSeconds);
        int scaleMilli = (int) Math.round(scale * 1000);
        for (int s = from; s < to; s++) {
            milliwatts[s] += shape.wattsAt(s - first, lengthSeconds) * scaleMilli;
        }
    }

    /** Adds a draw given per second by {@code powerMilliwattsAt} over [fromSecond, toSecond). */
    void addFunction(int fromSecond, int toSecond, SecondFunction powerMilliwattsAt) {
        int from = Math.max(0, fromSecond + originSeconds);
        int to = Math.min(lengthSeconds, toSecond + originSeconds);
        for (int s = from; s < to; s++) {
            milliwatts[s] += powerMilliwattsAt.milliwatts(s - originSeconds);
        }
    }

    /** Whether [fromSecond, toSecond) touches the day at all. */
    boolean overlaps(int fromSecond, int toSecond) {
        return toSecond + originSeconds > 0 && fromSecond + originSeconds < lengthSeconds;
    }

    /** A draw as a function of the (shifted) second. */
    @FunctionalInterface
    interface SecondFunction {
        int milliwatts(int second);
    }
}
