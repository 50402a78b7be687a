package io.gridpulse.ingest.lineprotocol;

import io.gridpulse.core.MeterId;
import io.gridpulse.core.Reading;
import io.gridpulse.ingest.DecimalMilli;
import io.gridpulse.ingest.IngestLimits;
import io.gridpulse.ingest.ReadingParsers;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The fast path of {@link LineProtocolParser#parse(byte[], LinePrecision)}: scans the body's bytes
 * in place — no String per line or part, no map per line, no BigDecimal per value, no regular
 * expression per meter id (ids are kept once made).
 *
 * <p>It handles the common shape only: printable ASCII without backslash escapes or quoted strings,
 * plain decimal values ({@link DecimalMilli}), digit-only timestamps, a mapping in W. It never words
 * an error: anything else, every bad line included, makes {@link #scan} return null, and the caller
 * parses the body with the reference parser, which decides what is accepted and how a refusal reads.
 * Thread-safe.
 */
final class LineScanner {
    /** Thrown inside a scan when the reference parser must decide; never leaves this class. */
    private static final class UseReference extends RuntimeException {
        UseReference() {
            super(null, null, false, false);
        }
    }

    private static final UseReference USE_REFERENCE = new UseReference();
    private static final int MAX_METER_ID_LENGTH = 128;
    /** Longer values are not plain decimals of at most 15 significant digits anyway. */
    private static final int MAX_VALUE_CHARS = 40;
    /** Bounds the meter id cache; forgetting only means making ids again. */
    private static final int MAX_CACHED_METER_IDS = 100_000;

    private final byte[] measurement;
    private final byte[] meterTag;
    private final byte[][] powerFields;
    private final byte[] energyField;
    private final boolean usable;
    private final Map<String, MeterId> meterIds = new ConcurrentHashMap<>();

    LineScanner(LineProtocolMapping mapping) {
        this.measurement = ascii(mapping.measurement());
        this.meterTag = ascii(mapping.meterTag());
        this.powerFields = mapping.powerFields().stream().map(LineScanner::ascii).toArray(byte[][]::new);
        this.energyField = ascii(mapping.energyField());
        this.usable = !mapping.kilo(); // kW → W stays with the reference's BigDecimal arithmetic
    }

    /**
     * @param nowMs the server clock: timestamp of lines without one, and base of the future limit
     * @return the batch, or null when the reference parser must decide
     */
    LineProtocolBatch scan(byte[] body, LinePrecision precision, long nowMs, IngestLimits limits) {
        if (!usable || !plainAscii(body)) {
            return null;
        }
        try {
            return new Scan(body, precision, nowMs, limits).all();
        } catch (RuntimeException e) { // UseReference, or a value the reference refuses in its own words
            return null;
        }
    }

    /** Printable ASCII and newlines only, without the escape and quote characters. */
    private static boolean plainAscii(byte[] body) {
        for (byte b : body) {
            if ((b < ' ' && b != '\n') || b > '~' || b == '\\' || b == '"') {
                return false;
            }
        }
        return true;
    }

    private MeterId meterId(byte[] body, int from, int to) {
        if (to - from > MAX_METER_ID_LENGTH) {
            throw USE_REFERENCE;
        }
        for (int i = from; i < to; i++) {
            byte b = body[i];
            boolean allowed = (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9')
                    || b == '.' || b == '_' || b == '-';
            if (!allowed) {
                throw USE_REFERENCE;
            }
        }
        String id = new String(body, from, to - from, StandardCharsets.ISO_8859_1);
        MeterId known = meterIds.get(id);
        if (known != null) {
            return known;
        }
        if (meterIds.size() >= MAX_CACHED_METER_IDS) {
            meterIds.clear();
        }
        MeterId made = new MeterId(id);
        meterIds.put(id, made);
        return made;
    }

    private static byte[] ascii(String name) {
        return name.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static boolean same(byte[] body, int from, int to, byte[] name) {
        return to - from == name.length && java.util.Arrays.equals(body, from, to, name, 0, name.length);
    }

    private static int indexOf(byte[] body, byte wanted, int from, int to) {
        for (int i = from; i < to; i++) {
            if (body[i] == wanted) {
                return i;
            }
        }
        return -1;
    }

    /** One body's scan; the value ranges found on the current line are kept in fields. */
    private final class Scan {
        private final byte[] body;
        private final LinePrecision precision;
        private final long nowMs;
        private final IngestLimits limits;
        private final char[] digits = new char[MAX_VALUE_CHARS];
        private final Map<MeterId, List<Reading>> byMeter = new LinkedHashMap<>();
        private int ignored;
        private int readings;
        // the current line's meter tag value and field values: [from, to), from = -1 when absent
        private int meterFrom;
        private int meterTo;
        private final int[] powerFrom = new int[powerFields.length];
        private final int[] powerTo = new int[powerFields.length];
        private int energyFrom;
        private int energyTo;

        Scan(byte[] body, LinePrecision precision, long nowMs, IngestLimits limits) {
            this.body = body;
            this.precision = precision;
            this.nowMs = nowMs;
            this.limits = limits;
        }

        LineProtocolBatch all() {
            for (int from = 0; from <= body.length; ) {
                int newline = indexOf(body, (byte) '\n', from, body.length);
                int to = newline < 0 ? body.length : newline;
                line(from, to);
                from = to + 1;
            }
            return new LineProtocolBatch(byMeter, ignored);
        }

        private void line(int from, int to) {
            while (from < to && body[from] == ' ') {
                from++;
            }
            while (to > from && body[to - 1] == ' ') {
                to--;
            }
            if (from == to || body[from] == '#') {
                return;
            }
            int keyEnd = indexOf(body, (byte) ' ', from, to);
            if (keyEnd < 0) {
                throw USE_REFERENCE;
            }
            int fieldsEnd = indexOf(body, (byte) ' ', keyEnd + 1, to);
            fieldsEnd = fieldsEnd < 0 ? to : fieldsEnd;
            boolean isReading = measurementAndTags(from, keyEnd);
            fields(keyEnd + 1, fieldsEnd);
            long timestampMs = timestampMs(fieldsEnd, to);
            if (!isReading) {
                ignored++;
                return;
            }
            if (++readings > limits.maxBatchReadings() || meterFrom < 0 || timestampMs > nowMs + limits.maxFutureMs()
                    || timestampMs < IngestLimits.EARLIEST_TIMESTAMP_MS) {
                throw USE_REFERENCE;
            }
            MeterId meter = meterId(body, meterFrom, meterTo);
            byMeter.computeIfAbsent(meter, m -> new ArrayList<>(2)).add(new Reading(timestampMs, power(), energy()));
        }

        /** Checks {@code measurement[,tag=value...]}; notes the meter tag; true if the measurement is mapped. */
        private boolean measurementAndTags(int from, int to) {
            int comma = indexOf(body, (byte) ',', from, to);
            int nameEnd = comma < 0 ? to : comma;
            if (nameEnd == from) {
                throw USE_REFERENCE;
            }
            meterFrom = -1;
            for (int part = nameEnd + 1; comma >= 0; part = comma + 1) {
                comma = indexOf(body, (byte) ',', part, to);
                int partEnd = comma < 0 ? to : comma;
                int eq = keyValueSplit(part, partEnd);
                if (same(body, part, eq, meterTag)) {
                    meterFrom = eq + 1; // a repeated tag: the last one counts, as in the reference
                    meterTo = partEnd;
                }
            }
            return same(body, from, nameEnd, measurement);
        }

        /** Checks {@code field=value[,...]}; notes the power and energy fields. */
        private void fields(int from, int to) {
            java.util.Arrays.fill(powerFrom, -1);
            energyFrom = -1;
            int comma;
            for (int part = from; ; part = comma + 1) {
                comma = indexOf(body, (byte) ',', part, to);
                int partEnd = comma < 0 ? to : comma;
                int eq = keyValueSplit(part, partEnd);
                for (int f = 0; f < powerFields.length; f++) {
                    if (same(body, part, eq, powerFields[f])) {
                        powerFrom[f] = eq + 1;
                        powerTo[f] = partEnd;
                    }
                }
                if (same(body, part, eq, energyField)) {
                    energyFrom = eq + 1;
                    energyTo = partEnd;
                }
                if (comma < 0) {
                    return;
                }
            }
        }

        /** Index of the {@code =} of a {@code key=value} part with both sides non-empty. */
        private int keyValueSplit(int from, int to) {
            int eq = indexOf(body, (byte) '=', from, to);
            if (eq <= from || eq == to - 1) {
                throw USE_REFERENCE;
            }
            return eq;
        }

        private long timestampMs(int fieldsEnd, int to) {
            if (fieldsEnd == to) {
                return nowMs;
            }
            int i = fieldsEnd + 1;
            while (body[i] == ' ') { // the line is trimmed: a non-space follows
                i++;
            }
            long value = 0;
            for (; i < to; i++) {
                int digit = body[i] - '0';
                if (digit < 0 || digit > 9 || value > (Long.MAX_VALUE - digit) / 10) { // overflow: the reference words it
                    throw USE_REFERENCE;
                }
                value = value * 10 + digit;
            }
            return precision.toEpochMillis(value);
        }

        /** The first mapped power field present, in mW. */
        private long power() {
            for (int f = 0; f < powerFields.length; f++) {
                if (powerFrom[f] >= 0) {
                    long milliwatts = thousandths(powerFrom[f], powerTo[f]);
                    if (Math.abs(milliwatts) > ReadingParsers.MAX_ABS_POWER_MILLIWATTS) {
                        throw USE_REFERENCE;
                    }
                    return milliwatts;
                }
            }
            throw USE_REFERENCE;
        }

        private long energy() {
            if (energyFrom < 0) {
                return Reading.NO_ENERGY;
            }
            if (body[energyFrom] == '-') { // even "-0.0001", which rounds to 0, is refused as negative
                throw USE_REFERENCE;
            }
            return thousandths(energyFrom, energyTo);
        }

        /** A plain decimal value (an integer's {@code i} or {@code u} suffix dropped) times 1,000. */
        private long thousandths(int from, int to) {
            if (body[to - 1] == 'i' || body[to - 1] == 'u') {
                to--;
            }
            if (to - from > MAX_VALUE_CHARS) {
                throw USE_REFERENCE;
            }
            long value = DecimalMilli.parseAscii(body, from, to, digits);
            if (value == DecimalMilli.NOT_PLAIN) {
                throw USE_REFERENCE;
            }
            return value;
        }
    }
}
