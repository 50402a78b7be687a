package io.gridpulse.ingest;

import io.gridpulse.core.InvalidInputException;
import io.gridpulse.core.PayloadTooLargeException;
import io.gridpulse.core.Reading;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ts,powerW[,energyWh]} CSV to readings, scanning the text in place (no split, no
 * BigDecimal for plain cells). A row with anything unusual (ISO timestamps, exponents, bad
 * cells) goes through {@link ReadingParsers#reading}, which also words every error, so the
 * result and the refusals are those of the original line-splitting parser.
 */
final class CsvBatchReader {
    private final char[] text;
    private final IngestLimits limits;
    private final long latestMs;
    /** Line i spans [starts[i], ends[i]) without its line break. */
    private int[] starts = new int[256];
    private int[] ends = new int[256];
    private int lineCount;

    private CsvBatchReader(String body, IngestLimits limits, long latestMs) {
        this.text = body.toCharArray();
        this.limits = limits;
        this.latestMs = latestMs;
    }

    static List<Reading> read(String body, IngestLimits limits, long latestMs) {
        return new CsvBatchReader(body, limits, latestMs).readings();
    }

    private List<Reading> readings() {
        splitLines();
        int first = 0;
        while (first < lineCount && isBlank(first)) {
            first++;
        }
        if (first == lineCount) {
            throw new InvalidInputException("body", "empty CSV; expected header ts,powerW[,energyWh]");
        }
        String header = line(first).trim().replace(" ", "");
        boolean withEnergy = header.equals("ts,powerW,energyWh");
        if (!withEnergy && !header.equals("ts,powerW")) {
            throw new InvalidInputException("header", "CSV header must be ts,powerW or ts,powerW,energyWh; got: " + header);
        }
        int rows = lineCount - first - 1;
        if (rows > limits.maxBatchReadings()) {
            throw new PayloadTooLargeException("batch has " + rows + " readings; the limit is " + limits.maxBatchReadings());
        }
        List<Reading> out = new ArrayList<>(rows);
        for (int i = first + 1, row = 0; i < lineCount; i++) {
            if (!isBlank(i)) {
                Reading plain = plainRow(starts[i], ends[i], withEnergy);
                out.add(plain != null ? plain : checkedRow(line(i), withEnergy, row));
                row++;
            }
        }
        return out;
    }

    /** Lines as {@code String.split("\r?\n")} yields them: trailing empty lines dropped. */
    private void splitLines() {
        int start = 0;
        for (int i = 0; i < text.length; i++) {
            if (text[i] == '\n') {
                addLine(start, i > start && text[i - 1] == '\r' ? i - 1 : i);
                start = i + 1;
            }
        }
        addLine(start, text.length);
        while (lineCount > 0 && starts[lineCount - 1] == ends[lineCount - 1]) {
            lineCount--;
        }
    }

    private void addLine(int start, int end) {
        if (lineCount == starts.length) {
            starts = java.util.Arrays.copyOf(starts, lineCount * 2);
            ends = java.util.Arrays.copyOf(ends, lineCount * 2);
        }
        starts[lineCount] = start;
        ends[lineCount++] = end;
    }

    /** The row if every cell is plain and in range, else null (the checked path decides). */
    private Reading plainRow(int start, int end, boolean withEnergy) {
        int comma1 = indexOf(',', start, end);
        int comma2 = comma1 < 0 ? -1 : indexOf(',', comma1 + 1, end);
        if (comma1 < 0 || (comma2 >= 0) != withEnergy || (withEnergy && indexOf(',', comma2 + 1, end) >= 0)) {
            return null;
        }
        long ts = epochMs(start, comma1);
        int powerEnd = withEnergy ? comma2 : end;
        long powerMilliwatts = milli(comma1 + 1, powerEnd);
        long energyMilliwattHours = withEnergy ? milli(comma2 + 1, end) : Reading.NO_ENERGY;
        if (ts < IngestLimits.EARLIEST_TIMESTAMP_MS || ts > latestMs || powerMilliwatts == DecimalMilli.NOT_PLAIN
                || Math.abs(powerMilliwatts) > ReadingParsers.MAX_ABS_POWER_MILLIWATTS
                || (withEnergy && energyMilliwattHours < 0)) {
            return null;
        }
        return new Reading(ts, powerMilliwatts, energyMilliwattHours);
    }

    /** A trimmed cell of 1–18 digits as a long, else -1. */
    private long epochMs(int from, int to) {
        from = trimStart(from, to);
        to = trimEnd(from, to);
        if (to - from < 1 || to - from > 18) {
            return -1;
        }
        long value = 0;
        for (int i = from; i < to; i++) {
            char c = text[i];
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private long milli(int from, int to) {
        from = trimStart(from, to);
        to = trimEnd(from, to);
        return DecimalMilli.parse(text, from, to - from);
    }

    private Reading checkedRow(String line, boolean withEnergy, int row) {
        String[] cells = line.split(",", -1);
        if (cells.length != (withEnergy ? 3 : 2)) {
            throw new InvalidInputException("row", row, "row has " + cells.length + " cells, header has " + (withEnergy ? 3 : 2));
        }
        Reading reading;
        try {
            reading = ReadingParsers.reading(cells[0].trim(), cells[1].trim(), withEnergy ? cells[2].trim() : "");
        } catch (InvalidInputException e) {
            throw e.atRow(row);
        }
        BatchParser.checkTimestamp(reading.timestampMs(), row, latestMs, limits.maxFutureMs());
        return reading;
    }

    private String line(int i) {
        return new String(text, starts[i], ends[i] - starts[i]);
    }

    private boolean isBlank(int i) {
        for (int c = starts[i]; c < ends[i]; c++) {
            if (!Character.isWhitespace(text[c])) {
                return false;
            }
        }
        return true;
    }

    private int indexOf(char c, int from, int to) {
        for (int i = from; i < to; i++) {
            if (text[i] == c) {
                return i;
            }
        }
        return -1;
    }

    private int trimStart(int from, int to) {
        while (from < to && text[from] <= ' ') {
            from++;
        }
        return from;
    }

    private int trimEnd(int from, int to) {
        while (to > from && text[to - 1] <= ' ') {
            to--;
        }
        return to;
    }
}
