package io.gridpulse.analytics.anomaly;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One value per time-of-day slot for each of the last {@link #days} local days (NaN where none was
 * seen): the bounded memory of what a home did at each time of day, for the habit rules. A row is
 * reused when its day falls out of the window. Not thread-safe.
 */
final class RecentDays {
    private final int days;
    private final double[][] rows;
    private final long[] rowDay;

    RecentDays(int days, int slots) {
        this.days = days;
        this.rows = new double[days][slots];
        this.rowDay = new long[days];
        Arrays.fill(rowDay, Long.MIN_VALUE);
    }

    /** Keeps the larger of {@code value} and what this day already holds in {@code slot}. */
    void putMax(long epochDay, int slot, double value) {
        int r = (int) Math.floorMod(epochDay, (long) days);
        if (rowDay[r] != epochDay) {
            rowDay[r] = epochDay;
            Arrays.fill(rows[r], Double.NaN);
        }
        rows[r][slot] = Double.isNaN(rows[r][slot]) ? value : Math.max(rows[r][slot], value);
    }

    /** The rows (indexed by slot; not to be modified) of the days before {@code today} within the window. */
    List<double[]> earlierDays(long today) {
        List<double[]> out = new ArrayList<>(days);
        for (int r = 0; r < days; r++) {
            if (rowDay[r] < today && rowDay[r] > today - days) {
                out.add(rows[r]);
            }
        }
        return out;
    }

    void write(DataOutput out) throws IOException {
        for (int r = 0; r < days; r++) {
            out.writeLong(rowDay[r]);
            for (double v : rows[r]) {
                out.writeDouble(v);
            }
        }
    }

    void readInto(DataInput in) throws IOException {
        for (int r = 0; r < days; r++) {
            rowDay[r] = in.readLong();
            for (int i = 0; i < rows[r].length; i++) {
                rows[r][i] = in.readDouble();
            }
        }
    }
}
