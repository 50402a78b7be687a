package io.gridpulse.core;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Conversions between the integer units stored and the decimal units people type and read. */
public final class Units {
    public static final long MILLIS_PER_HOUR = 3_600_000L;
    /** Energy rollups are kept in nanowatt-hours: integrating mW over ms then loses < 1 nWh per interval. */
    public static final long NANOWATT_HOURS_PER_WATT_HOUR = 1_000_000_000L;
    /** Billing works on hourly usage in microwatt-hours (exact enough for won, compact for months). */
    public static final long MICROWATT_HOURS_PER_WATT_HOUR = 1_000_000L;

    private Units() {}

    /** Watts (as typed, up to 3 decimals kept) to milliwatts, rounding half-up beyond 1 mW. */
    public static long wattsToMilliwatts(BigDecimal watts) {
        return thousandths(watts);
    }

    public static long wattsToMilliwatts(double watts) {
        return Math.round(watts * 1000.0);
    }

    public static long wattHoursToMilliwattHours(BigDecimal wattHours) {
        return thousandths(wattHours);
    }

    /**
     * {@code value × 1000} rounded half-up, or an ArithmeticException beyond a long. The magnitude
     * is judged from the digits and exponent first: rounding {@code 1e99999999} (or its reciprocal)
     * to an integer would build a 100-million-digit number, and one request could hold a thread
     * for minutes.
     */
    private static long thousandths(BigDecimal value) {
        if (value.signum() == 0) {
            return 0;
        }
        int integerDigits = value.precision() - value.scale() + 3; // of value × 1000
        if (integerDigits > 19) {
            throw new ArithmeticException(value + " × 1000 is beyond a long");
        }
        if (integerDigits < 0) {
            return 0; // |value × 1000| < 0.1: half-up rounds it to 0
        }
        return value.movePointRight(3).setScale(0, RoundingMode.HALF_UP).longValueExact();
    }

    public static BigDecimal milliwattsToWatts(long milliwatts) {
        return BigDecimal.valueOf(milliwatts, 3).stripTrailingZeros();
    }

    /** Characters {@link #plainThousandths} may need: "-9223372036854775.808", the longest value. */
    public static final int PLAIN_THOUSANDTHS_MAX_CHARS = 21;

    /**
     * Writes {@code thousandths / 1000} (milliwatts as watts, say) as plain decimal text ending at
     * the end of {@code text} (length ≥ {@link #PLAIN_THOUSANDTHS_MAX_CHARS}) and returns where it
     * starts: no exponent, no trailing zeros after the point and no point for whole numbers —
     * BigDecimal's {@code valueOf(v, 3).stripTrailingZeros().toPlainString()}, without the
     * BigDecimal, for the JSON written per reading.
     */
    public static int plainThousandths(long thousandths, char[] text) {
        int at = text.length;
        int fraction = (int) Math.abs(thousandths % 1000);
        if (fraction != 0) {
            int digits = 3;
            for (; fraction % 10 == 0; fraction /= 10) {
                digits--;
            }
            for (; digits > 0; digits--, fraction /= 10) {
                text[--at] = (char) ('0' + fraction % 10);
            }
            text[--at] = '.';
        }
        long whole = Math.abs(thousandths / 1000); // divided first: Long.MIN_VALUE has no positive counterpart
        do {
            text[--at] = (char) ('0' + whole % 10);
            whole /= 10;
        } while (whole != 0);
        if (thousandths < 0) {
            text[--at] = '-';
        }
        return at;
    }

    public static double nanowattHoursToWattHours(long nanowattHours) {
        return nanowattHours / 1e9;
    }

    /** Energy of a constant power held for a duration, in nanowatt-hours (mW x ms / 3.6, floored). */
    public static long heldEnergyNanowattHours(long powerMilliwatts, long durationMs) {
        return Math.floorDiv(Math.multiplyExact(Math.multiplyExact(powerMilliwatts, durationMs), 10L), 36L);
    }
}
