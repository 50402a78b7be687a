package io.gridpulse.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.gridpulse.core.InvalidInputException;
import io.gridpulse.core.PayloadTooLargeException;
import io.gridpulse.core.Reading;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Parses a batch of readings from JSON ({@code {"readings":[...]}} or one reading object) or CSV
 * ({@code ts,powerW[,energyWh]}). All-or-nothing: the first bad row rejects the whole batch with
 * an {@link InvalidInputException} naming the row (zero-based) and the field.
 */
public final class BatchParser {
    private final Clock clock;
    private final IngestLimits limits;

    public BatchParser(Clock clock, IngestLimits limits) {
        this.clock = clock;
        this.limits = limits;
    }

    /**
     * Rows ({@code {"readings":[…]}}), one reading object, or columns ({@code {"ts":[…],"powerW":[…]}}).
     * The plainest row bodies are scanned byte by byte ({@link JsonRowScanner}), other batches read
     * token by token; one reading and every refused row-format body go through
     * the JSON tree, which defines what the row format accepts and how a refusal reads.
     */
    public List<Reading> parseJson(byte[] body) {
        List<Reading> scanned = JsonRowScanner.scan(body, latestAcceptedMs(), limits);
        if (scanned != null) {
            return scanned;
        }
        List<Reading> streamed = JsonBatchReader.read(body, latestAcceptedMs(), limits);
        return streamed != null ? streamed : parseJsonTree(body);
    }

    /**
     * The reference parser: the whole body as a JSON tree, values through BigDecimal. Public so
     * that the fuzz run can hold the fast paths of {@link #parseJson} to it.
     */
    public List<Reading> parseJsonTree(byte[] body) {
        JsonNode root = BodyJson.readTree(body);
        if (root == null || !root.isObject()) {
            throw new InvalidInputException("body", "expected a JSON object {\"readings\":[...]} or one reading");
        }
        JsonNode rows = root.get("readings");
        if (rows == null) {
            return List.of(checked(jsonReading(root), -1));
        }
        if (!rows.isArray()) {
            throw new InvalidInputException("readings", "'readings' must be an array");
        }
        checkSize(rows.size());
        List<Reading> out = new ArrayList<>(rows.size());
        int row = 0;
        for (Iterator<JsonNode> it = rows.elements(); it.hasNext(); row++) {
            out.add(checked(jsonReadingAt(it.next(), row), row));
        }
        return out;
    }

    /** {@code ts,powerW[,energyWh]} with a header line; blank lines are skipped. */
    public List<Reading> parseCsv(String body) {
        return CsvBatchReader.read(body, limits, latestAcceptedMs());
    }

    private Reading jsonReadingAt(JsonNode node, int row) {
        try {
            return jsonReading(node);
        } catch (InvalidInputException e) {
            throw e.atRow(row);
        }
    }

    private static Reading jsonReading(JsonNode node) {
        if (!node.isObject()) {
            throw new InvalidInputException("reading", "each reading must be an object {\"ts\",\"powerW\"}");
        }
        long ts = timestamp(node.get("ts"));
        JsonNode power = node.get("powerW");
        if (power == null || power.isNull()) {
            throw new InvalidInputException("powerW", "powerW is missing");
        }
        if (!power.isNumber()) {
            throw new InvalidInputException("powerW", "powerW must be a number, got " + power);
        }
        long powerMw = ReadingParsers.checkedPower(power.decimalValue(), "powerW");
        JsonNode energy = node.get("energyWh");
        if (energy == null || energy.isNull()) {
            return new Reading(ts, powerMw, Reading.NO_ENERGY);
        }
        if (!energy.isNumber()) {
            throw new InvalidInputException("energyWh", "energyWh must be a number, got " + energy);
        }
        return new Reading(ts, powerMw, ReadingParsers.checkedEnergy(energy.decimalValue()));
    }

    private static long timestamp(JsonNode ts) {
        if (ts == null || ts.isNull()) {
            throw new InvalidInputException("ts", "ts is missing");
        }
        if (ts.isIntegralNumber() && ts.canConvertToLong()) {
            return ts.longValue();
        }
        if (ts.isTextual()) {
            return ReadingParsers.parseTimestamp(ts.textValue().trim());
        }
        throw new InvalidInputException("ts", "ts must be epoch milliseconds or an ISO-8601 string, got " + ts);
    }

    private Reading checked(Reading reading, int row) {
        checkTimestamp(reading.timestampMs(), row, latestAcceptedMs(), limits.maxFutureMs());
        return reading;
    }

    private long latestAcceptedMs() {
        return clock.millis() + limits.maxFutureMs();
    }

    private static InvalidInputException inFuture(long timestampMs, int row, long maxFutureMs) {
        return new InvalidInputException("ts", row, "timestamp " + timestampMs + " is more than " + maxFutureMs / 1000
                + " s in the future");
    }

    /**
     * Refuses a timestamp after {@code latestMs} (server clock + allowed skew) or before
     * {@link IngestLimits#EARLIEST_TIMESTAMP_MS}, naming the row; a negative one is the {@link Reading}'s to refuse.
     */
    static void checkTimestamp(long timestampMs, int row, long latestMs, long maxFutureMs) {
        if (timestampMs > latestMs) {
            throw inFuture(timestampMs, row, maxFutureMs);
        }
        if (timestampMs >= 0 && timestampMs < IngestLimits.EARLIEST_TIMESTAMP_MS) {
            throw tooEarly(timestampMs, row);
        }
    }

    private static InvalidInputException tooEarly(long timestampMs, int row) {
        return new InvalidInputException("ts", row, "timestamp " + timestampMs + " is before 2000-01-01T00:00:00Z; ts is "
                + "epoch milliseconds (epoch seconds would need * 1000), or the meter's clock is not set");
    }

    private void checkSize(int rows) {
        if (rows > limits.maxBatchReadings()) {
            throw new PayloadTooLargeException("batch has " + rows + " readings; the limit is " + limits.maxBatchReadings());
        }
    }
}
