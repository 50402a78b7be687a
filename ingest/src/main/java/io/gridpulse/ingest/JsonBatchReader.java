package io.gridpulse.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.gridpulse.core.InvalidInputException;
import io.gridpulse.core.PayloadTooLargeException;
import io.gridpulse.core.Reading;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The fast path of {@link BatchParser#parseJson}: reads {@code {"readings":[{…},…]}}, one reading
 * {@code {"ts":…,"powerW":…}} (MQTT's usual payload) and the columnar body {@code {"ts":[…],"powerW":[…],"energyWh":[…]}} token by token, with no JSON tree
 * and no BigDecimal per value.
 *
 * <p>For the row format and one reading object this class never words an error itself: anything
 * unusual (a malformed body, a bad value, a timestamp in the future, too many rows) returns
 * {@code null}, and the caller parses the body again with the tree parser, which stays
 * the reference for what is accepted and how a refusal reads. The columnar format is this
 * class's own, so it words its errors (row = index in the arrays) with the same field messages.
 */
final class JsonBatchReader {
    /** A key given twice is malformed here as in the tree parser (it used to take the last). */
    private static final JsonFactory JSON = JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private static final long MAX_ABS_WATTS = ReadingParsers.MAX_ABS_POWER_MILLIWATTS / 1000;
    private static final long MAX_WATT_HOURS = Long.MAX_VALUE / 1000;

    /** Thrown inside the reader when the body needs the tree parser; never leaves this class. */
    private static final class UseTreeParser extends RuntimeException {
        UseTreeParser() {
            super(null, null, false, false);
        }
    }

    private static final UseTreeParser USE_TREE_PARSER = new UseTreeParser();

    private final JsonParser parser;
    private final long latestMs;
    private final IngestLimits limits;
    /** Rows to make room for up front: a reading object takes at least ~20 bytes. */
    private final int capacityHint;

    private JsonBatchReader(JsonParser parser, long latestMs, IngestLimits limits, int bodyBytes) {
        this.parser = parser;
        this.latestMs = latestMs;
        this.limits = limits;
        this.capacityHint = Math.min(bodyBytes / 20 + 1, limits.maxBatchReadings());
    }

    /**
     * @param latestMs the newest timestamp accepted (server clock + allowed skew)
     * @return the readings, or null when the tree parser must decide
     */
    static List<Reading> read(byte[] body, long latestMs, IngestLimits limits) {
        try (JsonParser parser = JSON.createParser(body)) {
            return new JsonBatchReader(parser, latestMs, limits, body.length).root();
        } catch (UseTreeParser | IOException e) {
            return null;
        }
    }

    private List<Reading> root() throws IOException {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            throw USE_TREE_PARSER;
        }
        List<Reading> rows = null;
        JsonColumns columns = new JsonColumns();
        RowFields single = new RowFields(); // the body may be one reading {"ts":…,"powerW":…}
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            if (name.equals("readings")) {
                if (rows != null || !columns.isEmpty() || value != JsonToken.START_ARRAY) {
                    throw USE_TREE_PARSER; // a repeated key or a mixed body: the tree decides which wins
                }
                rows = rows(); // the tree ignores the other keys then, and so do we
            } else if (rows != null || !isReadingField(name)) {
                skipIgnored(value); // other keys are ignored, as the tree parser ignores them
            } else if (value == JsonToken.START_ARRAY && !single.seen()) {
                columns.put(name, column(name));
            } else if (value != JsonToken.START_ARRAY && columns.isEmpty()) {
                single.read(name, value);
            } else {
                throw USE_TREE_PARSER; // arrays and scalars mixed
            }
        }
        if (parser.nextToken() != null) {
            throw USE_TREE_PARSER; // something after the body's object: malformed, the tree words it
        }
        if (rows != null) {
            return rows;
        }
        if (!columns.isEmpty()) {
            return columns.readings(latestMs, limits.maxFutureMs());
        }
        if (!single.seen()) {
            throw USE_TREE_PARSER;
        }
        return List.of(single.reading());
    }

    private static boolean isReadingField(String name) {
        return name.equals("ts") || name.equals("powerW") || name.equals("energyWh");
    }

    private List<Reading> rows() throws IOException {
        List<Reading> out = new ArrayList<>(capacityHint);
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.START_OBJECT) {
            if (out.size() == limits.maxBatchReadings()) {
                throw USE_TREE_PARSER; // the tree parser refuses the whole batch (413)
            }
            out.add(row());
        }
        if (token != JsonToken.END_ARRAY) {
            throw USE_TREE_PARSER;
        }
        return out;
    }

    private Reading row() throws IOException {
        RowFields fields = new RowFields();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            if (isReadingField(name)) {
                fields.read(name, value);
            } else {
                skipIgnored(value);
            }
        }
        return fields.reading();
    }

    /**
     * Skips an ignored key's value. Its decimals are read all the same, as the tree parser reads
     * them: one that no BigDecimal holds ({@code 1e18651200009}) makes the tree refuse the body, so
     * it is handed there to be worded.
     */
    private void skipIgnored(JsonToken value) throws IOException {
        int depth = 0;
        for (JsonToken token = value; ; token = parser.nextToken()) {
            if (token == null) {
                throw USE_TREE_PARSER; // the body ends inside the value
            }
            if (token.isStructStart()) {
                depth++;
            } else if (token.isStructEnd()) {
                depth--;
            } else if (token == JsonToken.VALUE_NUMBER_FLOAT) {
                try {
                    parser.getDecimalValue();
                } catch (NumberFormatException e) {
                    throw USE_TREE_PARSER;
                }
            }
            if (depth == 0) {
                return;
            }
        }
    }

    /** The fields of one reading object as they stream by (a repeated key never gets here: the parser refuses it). */
    private final class RowFields {
        private long ts = -1;
        private long powerMilliwatts;
        private boolean hasPower;
        private long energyMilliwattHours = Reading.NO_ENERGY;
        private boolean seen;

        void read(String name, JsonToken value) throws IOException {
            seen = true;
            switch (name) {
                case "ts" -> ts = timestamp(value);
                case "powerW" -> {
                    powerMilliwatts = orTree(power(value));
                    hasPower = true;
                }
                default -> energyMilliwattHours = value == JsonToken.VALUE_NULL ? Reading.NO_ENERGY : orTree(energy(value));
            }
        }

        boolean seen() {
            return seen;
        }

        Reading reading() {
            if (ts < IngestLimits.EARLIEST_TIMESTAMP_MS || ts > latestMs || !hasPower) {
                throw USE_TREE_PARSER;
            }
            return new Reading(ts, powerMilliwatts, energyMilliwattHours);
        }
    }

    private static long orTree(long milliUnits) {
        if (milliUnits == DecimalMilli.NOT_PLAIN) {
            throw USE_TREE_PARSER;
        }
        return milliUnits;
    }

    private long timestamp(JsonToken token) throws IOException {
        if (token == JsonToken.VALUE_NUMBER_INT && parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
            return parser.getLongValue();
        }
        if (token == JsonToken.VALUE_STRING) {
            try {
                return ReadingParsers.parseTimestamp(parser.getText().trim());
            } catch (RuntimeException e) {
                throw USE_TREE_PARSER;
            }
        }
        throw USE_TREE_PARSER;
    }

    /** Milliwatts, or {@link DecimalMilli#NOT_PLAIN} when the value needs the exact slow path. */
    private long power(JsonToken token) throws IOException {
        long milliwatts = milliUnits(token, MAX_ABS_WATTS);
        if (milliwatts != DecimalMilli.NOT_PLAIN && Math.abs(milliwatts) > ReadingParsers.MAX_ABS_POWER_MILLIWATTS) {
            return DecimalMilli.NOT_PLAIN;
        }
        return milliwatts;
    }

    private long energy(JsonToken token) throws IOException {
        if (token == JsonToken.VALUE_NUMBER_FLOAT && parser.getTextCharacters()[parser.getTextOffset()] == '-') {
            return DecimalMilli.NOT_PLAIN; // negative even when it rounds to 0 ("-0.0001"): the exact path refuses it
        }
        long milliwattHours = milliUnits(token, MAX_WATT_HOURS);
        return milliwattHours < 0 ? DecimalMilli.NOT_PLAIN : milliwattHours;
    }

    private long milliUnits(JsonToken token, long maxAbsUnits) throws IOException {
        if (token == JsonToken.VALUE_NUMBER_INT && parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
            long units = parser.getLongValue();
            return units >= -maxAbsUnits && units <= maxAbsUnits ? units * 1000 : DecimalMilli.NOT_PLAIN; // not abs: MIN_VALUE
        }
        if (token == JsonToken.VALUE_NUMBER_FLOAT) {
            return DecimalMilli.parse(parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength());
        }
        return DecimalMilli.NOT_PLAIN;
    }

    /** One column of the columnar body, parsed into longs; errors are worded here (no tree equivalent). */
    private long[] column(String field) throws IOException {
        long[] values = new long[256];
        int n = 0;
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            if (n == limits.maxBatchReadings()) {
                throw new PayloadTooLargeException("column '" + field + "' has more than " + limits.maxBatchReadings()
                        + " values; the limit is " + limits.maxBatchReadings());
            }
            if (n == values.length) {
                values = Arrays.copyOf(values, n * 2);
            }
            try {
                values[n] = cell(field, token);
            } catch (InvalidInputException e) {
                throw e.atRow(n);
            }
            n++;
        }
        return Arrays.copyOf(values, n);
    }

    private long cell(String field, JsonToken token) throws IOException {
        return switch (field) {
            case "ts" -> columnTimestamp(token);
            case "powerW" -> {
                long milliwatts = power(token);
                yield milliwatts != DecimalMilli.NOT_PLAIN ? milliwatts
                        : ReadingParsers.checkedPower(decimal(token, field), field);
            }
            default -> {
                if (token == JsonToken.VALUE_NULL) {
                    yield Reading.NO_ENERGY;
                }
                long milliwattHours = energy(token);
                yield milliwattHours != DecimalMilli.NOT_PLAIN ? milliwattHours
                        : ReadingParsers.checkedEnergy(decimal(token, field));
            }
        };
    }

    private long columnTimestamp(JsonToken token) throws IOException {
        if (token == JsonToken.VALUE_NUMBER_INT && parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
            return parser.getLongValue();
        }
        if (token == JsonToken.VALUE_STRING) {
            return ReadingParsers.parseTimestamp(parser.getText().trim());
        }
        if (token == JsonToken.VALUE_NULL) {
            throw new InvalidInputException("ts", "ts is missing");
        }
        throw new InvalidInputException("ts", "ts must be epoch milliseconds or an ISO-8601 string, got " + parser.getText());
    }

    private BigDecimal decimal(JsonToken token, String field) throws IOException {
        if (token == JsonToken.VALUE_NULL) {
            throw new InvalidInputException(field, field + " is missing");
        }
        if (!token.isNumeric()) {
            throw new InvalidInputException(field, field + " must be a number, got " + parser.getText());
        }
        try {
            return parser.getDecimalValue();
        } catch (NumberFormatException e) { // an exponent no BigDecimal holds
            throw new InvalidInputException(field, field + " " + parser.getText() + " is out of range");
        }
    }
}
