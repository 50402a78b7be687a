package io.gridpulse.analytics.series;

/**
 * Mean power of one meter over one UTC minute, the common input of the standby, anomaly and
 * forecast analytics in both online (from readings) and batch (from 1-minute rollups) mode.
 *
 * @param startMs UTC epoch ms of the minute's start (a multiple of 60,000)
 * @param averageWatts time-weighted mean power in W, or NaN when the minute is not covered
 * @param samples readings that actually arrived in the minute (0 for a held or missing minute)
 */
public record MinuteAverage(long startMs, double averageWatts, int samples) {
    public static final long MINUTE_MS = 60_000L;

    public MinuteAverage {
        if (startMs < 0 || startMs % MINUTE_MS != 0) {
            throw new IllegalArgumentException("minute start must be a non-negative multiple of 60000: " + startMs);
        }
        if (samples < 0) {
            throw new IllegalArgumentException("samples must not be negative");
        }
    }

    /** True when the minute has a power value (measured or held from an earlier reading). */
    public boolean covered() {
        return !Double.isNaN(averageWatts);
    }

    /** Energy of the minute in Wh; 0 when not covered. */
    public double energyWattHours() {
        return covered() ? averageWatts / 60.0 : 0.0;
    }
}
