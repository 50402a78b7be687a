package io.gridpulse.ingest;

import io.gridpulse.core.InvalidInputException;
import io.gridpulse.core.Reading;
import java.util.ArrayList;
import java.util.List;

/** The parsed columns of a columnar JSON batch, checked for shape and turned into readings. */
final class JsonColumns {
    private long[] timestampsMs;
    private long[] powerMilliwatts;
    private long[] energyMilliwattHours;

    boolean isEmpty() {
        return timestampsMs == null && powerMilliwatts == null && energyMilliwattHours == null;
    }

    void put(String field, long[] values) {
        switch (field) {
            case "ts" -> timestampsMs = values;
            case "powerW" -> powerMilliwatts = values;
            default -> energyMilliwattHours = values;
        }
    }

    /** Readings in column order; every timestamp checked against {@code latestMs}. */
    List<Reading> readings(long latestMs, long maxFutureMs) {
        if (timestampsMs == null) {
            throw new InvalidInputException("ts", "columnar body needs a 'ts' array");
        }
        if (powerMilliwatts == null) {
            throw new InvalidInputException("powerW", "columnar body needs a 'powerW' array");
        }
        sameLength("powerW", powerMilliwatts);
        sameLength("energyWh", energyMilliwattHours);
        List<Reading> out = new ArrayList<>(timestampsMs.length);
        for (int row = 0; row < timestampsMs.length; row++) {
            long ts = timestampsMs[row];
            BatchParser.checkTimestamp(ts, row, latestMs, maxFutureMs);
            try {
                out.add(new Reading(ts, powerMilliwatts[row],
                        energyMilliwattHours == null ? Reading.NO_ENERGY : energyMilliwattHours[row]));
            } catch (InvalidInputException e) {
                throw e.atRow(row);
            }
        }
        return out;
    }

    private void sameLength(String field, long[] column) {
        if (column != null && column.length != timestampsMs.length) {
            throw new InvalidInputException(field, "columns must have the same length: ts has " + timestampsMs.length
                    + " values, " + field + " has " + column.length);
        }
    }
}
