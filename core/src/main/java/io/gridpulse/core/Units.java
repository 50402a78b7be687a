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

    public static double nanowattHoursToWattHours(long nanowattHours) {
        return nanowattHours / 1e9;
    }

    /** Energy of a constant power held for a duration, in nanowatt-hours (mW x ms / 3.6, floored). */
    public static long heldEnergyNanowattHours(long powerMilliwatts, long durationMs) {
        return Math.floorDiv(Math.multiplyExact(Math.multiplyExact(powerMilliwatts, durationMs), 10L), 36L);
    }
}
