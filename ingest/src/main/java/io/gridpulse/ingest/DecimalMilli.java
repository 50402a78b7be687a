package io.gridpulse.ingest;

/**
 * Plain decimal text ({@code -1234.5}) to thousandths ({@code -1234500}) without a BigDecimal:
 * the ingest hot path for W → mW and Wh → mWh. Rounds half-up beyond three decimals, exactly as
 * {@link io.gridpulse.core.Units#wattsToMilliwatts(java.math.BigDecimal)} does.
 *
 * <p>Only the common shape is handled here: an optional minus, at least one digit, optionally a
 * point and at least one digit, and at most {@value #MAX_SIGNIFICANT_DIGITS} significant digits.
 * Anything else (exponents, a plus sign, long digit runs) returns {@link #NOT_PLAIN} and the caller
 * takes the BigDecimal path, which also words every error. The digit limit keeps the result
 * identical to the JSON tree parser, which reads decimals through a {@code double}: every decimal
 * with at most 15 significant digits survives that round trip unchanged. Public for the
 * line-protocol fast path ({@code io.gridpulse.ingest.lineprotocol}).
 */
public final class DecimalMilli {
    /** Returned for text this fast path does not handle. */
    public static final long NOT_PLAIN = Long.MIN_VALUE;
    public static final int MAX_SIGNIFICANT_DIGITS = 15;

    private DecimalMilli() {}

    /**
     * As {@link #parse(char[], int, int)} for ASCII bytes {@code [from, to)} of a request body
     * (the scanners' fast paths), via {@code scratch}, which must hold {@code to - from} chars.
     */
    public static long parseAscii(byte[] text, int from, int to, char[] scratch) {
        for (int i = from; i < to; i++) {
            scratch[i - from] = (char) text[i];
        }
        return parse(scratch, 0, to - from);
    }

    public static long parse(char[] text, int offset, int length) {
        int end = offset + length;
        int i = offset;
        boolean negative = i < end && text[i] == '-';
        if (negative) {
            i++;
        }
        long value = 0;
        int significant = 0;
        int integerDigits = 0;
        for (; i < end && isDigit(text[i]); i++, integerDigits++) {
            value = value * 10 + (text[i] - '0');
            significant += value == 0 ? 0 : 1;
        }
        if (integerDigits == 0) {
            return NOT_PLAIN;
        }
        int fractionDigits = 0;
        int roundingDigit = 0;
        if (i < end && text[i] == '.') {
            i++;
            for (; i < end && isDigit(text[i]); i++, fractionDigits++) {
                int digit = text[i] - '0';
                if (fractionDigits < 3) {
                    value = value * 10 + digit;
                } else if (fractionDigits == 3) {
                    roundingDigit = digit;
                }
                significant += value == 0 && significant == 0 && digit == 0 ? 0 : 1;
            }
            if (fractionDigits == 0) {
                return NOT_PLAIN;
            }
        }
        if (i != end || significant > MAX_SIGNIFICANT_DIGITS) {
            return NOT_PLAIN;
        }
        for (int scale = fractionDigits; scale < 3; scale++) {
            value *= 10;
        }
        if (roundingDigit >= 5) {
            value++; // half-up: away from zero, as BigDecimal's HALF_UP
        }
        return negative ? -value : value;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
