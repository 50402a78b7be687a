package io.gridpulse.ingest;

import io.gridpulse.core.Reading;
import java.util.ArrayList;
import java.util.List;

/**
 * The first fast path of {@link BatchParser#parseJson}: scans the plainest row body, {@code
 * {"readings":[{"ts":…,"powerW":…[,"energyWh":…]},…]}}, byte by byte — no tokens, no field-name
 * strings. Only the keys {@code readings}, {@code ts}, {@code powerW} and {@code energyWh} (in any
 * order, each once: a repeated key is malformed, and the tree parser words it), epoch-millisecond
 * integers and plain decimals ({@link DecimalMilli}) are read here. Anything else returns null and the body goes to {@link
 * JsonBatchReader}, and from there to the tree parser, the reference for what is accepted.
 */
final class JsonRowScanner {
    private static final byte[] READINGS = key("readings");
    private static final byte[] TS = key("ts");
    private static final byte[] POWER = key("powerW");
    private static final byte[] ENERGY = key("energyWh");
    private static final byte[] NULL = {'n', 'u', 'l', 'l'};
    private static final int MAX_NUMBER_CHARS = 40;

    /** Thrown inside a scan when the other parsers must decide; never leaves this class. */
    private static final class NotPlain extends RuntimeException {
        NotPlain() {
            super(null, null, false, false);
        }
    }

    private static final NotPlain NOT_PLAIN = new NotPlain();

    private final byte[] body;
    private final char[] digits = new char[MAX_NUMBER_CHARS];
    private int at;

    private JsonRowScanner(byte[] body) {
        this.body = body;
    }

    /**
     * @param latestMs the newest timestamp accepted (server clock + allowed skew)
     * @return the readings, or null when the other parsers must decide
     */
    static List<Reading> scan(byte[] body, long latestMs, IngestLimits limits) {
        try {
            return new JsonRowScanner(body).rows(latestMs, limits);
        } catch (NotPlain | ArrayIndexOutOfBoundsException e) { // a cut body runs off the end
            return null;
        }
    }

    private List<Reading> rows(long latestMs, IngestLimits limits) {
        expect('{');
        expectKey(READINGS);
        expect('[');
        List<Reading> out = new ArrayList<>(Math.min(body.length / 30 + 1, limits.maxBatchReadings()));
        if (next() != ']') {
            do {
                if (out.size() == limits.maxBatchReadings()) {
                    throw NOT_PLAIN;
                }
                out.add(row(latestMs));
            } while (separator(']'));
        } else {
            at++;
        }
        expect('}');
        if (skipSpace() != body.length) {
            throw NOT_PLAIN;
        }
        return out;
    }

    private Reading row(long latestMs) {
        expect('{');
        long ts = -1;
        long powerMilliwatts = 0;
        boolean hasPower = false;
        long energyMilliwattHours = Reading.NO_ENERGY;
        int seen = 0; // one bit per key
        do {
            int key;
            if (isKey(TS)) {
                key = 1;
                ts = timestamp();
            } else if (isKey(POWER)) {
                key = 2;
                powerMilliwatts = power();
                hasPower = true;
            } else if (isKey(ENERGY)) {
                key = 4;
                energyMilliwattHours = energy();
            } else {
                throw NOT_PLAIN;
            }
            if ((seen & key) != 0) {
                throw NOT_PLAIN;
            }
            seen |= key;
        } while (separator('}'));
        if (ts < IngestLimits.EARLIEST_TIMESTAMP_MS || ts > latestMs || !hasPower) {
            throw NOT_PLAIN;
        }
        return new Reading(ts, powerMilliwatts, energyMilliwattHours);
    }

    /** Epoch milliseconds: a JSON integer without sign or leading zero. */
    private long timestamp() {
        int start = skipSpace();
        long value = 0;
        for (; at < body.length && isDigit(body[at]); at++) {
            if (at - start == 18) { // may overflow a long: the tree decides
                throw NOT_PLAIN;
            }
            value = value * 10 + (body[at] - '0');
        }
        if (at == start || (body[start] == '0' && at - start > 1)) {
            throw NOT_PLAIN;
        }
        return value;
    }

    private long power() {
        long milliwatts = thousandths();
        if (Math.abs(milliwatts) > ReadingParsers.MAX_ABS_POWER_MILLIWATTS) {
            throw NOT_PLAIN;
        }
        return milliwatts;
    }

    private long energy() {
        int start = skipSpace();
        if (matches(NULL)) {
            at += NULL.length;
            return Reading.NO_ENERGY;
        }
        if (body[start] == '-') { // negative (even "-0.0001", which rounds to 0): the tree words it
            throw NOT_PLAIN;
        }
        return thousandths();
    }

    /** A JSON number in plain decimal notation (no exponent, no leading zero) times 1,000. */
    private long thousandths() {
        int start = skipSpace();
        int end = start;
        while (end < body.length && (isDigit(body[end]) || body[end] == '-' || body[end] == '.')) {
            end++;
        }
        int firstDigit = body[start] == '-' ? start + 1 : start;
        boolean leadingZero = end - firstDigit > 1 && body[firstDigit] == '0' && isDigit(body[firstDigit + 1]);
        if (end - start > MAX_NUMBER_CHARS || leadingZero) {
            throw NOT_PLAIN;
        }
        long value = DecimalMilli.parseAscii(body, start, end, digits);
        if (value == DecimalMilli.NOT_PLAIN) {
            throw NOT_PLAIN;
        }
        at = end;
        return value;
    }

    /** After a value: true at a comma (more follows), false at {@code close} (consumed). */
    private boolean separator(char close) {
        byte b = next();
        at++;
        if (b == ',') {
            return true;
        }
        if (b == close) {
            return false;
        }
        throw NOT_PLAIN;
    }

    /** The quoted key and its colon, consumed if it is there. */
    private boolean isKey(byte[] quotedKey) {
        skipSpace();
        if (!matches(quotedKey)) {
            return false;
        }
        at += quotedKey.length;
        expect(':');
        return true;
    }

    private void expectKey(byte[] quotedKey) {
        if (!isKey(quotedKey)) {
            throw NOT_PLAIN;
        }
    }

    private void expect(char wanted) {
        if (next() != wanted) {
            throw NOT_PLAIN;
        }
        at++;
    }

    /** The next non-space byte, not consumed. */
    private byte next() {
        return body[skipSpace()];
    }

    private int skipSpace() {
        while (at < body.length && (body[at] == ' ' || body[at] == '\n' || body[at] == '\r' || body[at] == '\t')) {
            at++;
        }
        return at;
    }

    private boolean matches(byte[] text) {
        return body.length - at >= text.length && java.util.Arrays.equals(body, at, at + text.length, text, 0, text.length);
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    private static byte[] key(String name) {
        return ('"' + name + '"').getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }
}
