package io.gridpulse.tariff;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import io.gridpulse.core.InvalidInputException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;

/**
 * A billing (reading) period: usage days {@code start} to {@code end}, both inclusive, in the
 * site's local calendar.
 *
 * @param days number of usage days (end - start + 1)
 * @param monthDays 월력일수, the divisor of day-based pro-rating: for a regular reading period it
 *     equals {@code days}; for an irregular period it is the length of the start's month, and
 *     tier limits and monthly charges are scaled by days / monthDays (KEPCO 일수계산)
 */
public record BillingPeriod(@JsonSerialize(using = ToStringSerializer.class) LocalDate start,
                            @JsonSerialize(using = ToStringSerializer.class) LocalDate end,
                            int days, int monthDays) {
    /** Longest period accepted, in days (two months). */
    public static final int MAX_DAYS = 62;

    public BillingPeriod {
        if (start == null || end == null) {
            throw new InvalidInputException("period", "start and end dates are required");
        }
        if (end.isBefore(start)) {
            throw new InvalidInputException("to", "period end " + end + " is before its start " + start);
        }
        if (days != ChronoUnit.DAYS.between(start, end) + 1) {
            throw new InvalidInputException("period", "days does not match start and end");
        }
        if (days > MAX_DAYS) {
            throw new InvalidInputException("to", "a billing period is at most " + MAX_DAYS + " days, got " + days);
        }
        if (monthDays < 28 || monthDays > 31) {
            throw new InvalidInputException("period", "monthDays must be 28..31");
        }
    }

    /** An arbitrary reading period; pro-rating uses the length of the start's month. */
    public static BillingPeriod of(LocalDate start, LocalDate endInclusive) {
        if (start == null || endInclusive == null) {
            throw new InvalidInputException("period", "start and end dates are required");
        }
        long days = ChronoUnit.DAYS.between(start, endInclusive) + 1;
        if (days < 1) {
            throw new InvalidInputException("to", "period end " + endInclusive + " is before its start " + start);
        }
        if (days > MAX_DAYS) {
            throw new InvalidInputException("to", "a billing period is at most " + MAX_DAYS + " days, got " + days);
        }
        int monthDays = regularLength(start, endInclusive) ? (int) days : start.lengthOfMonth();
        return new BillingPeriod(start, endInclusive, (int) days, monthDays);
    }

    /** The calendar month as one period (검침일 1일). */
    public static BillingPeriod ofMonth(YearMonth month) {
        return of(month.atDay(1), month.atEndOfMonth());
    }

    /** A period from a date to the day before the same day next month is a regular month. */
    private static boolean regularLength(LocalDate start, LocalDate end) {
        return end.plusDays(1).equals(start.plusMonths(1))
                || (start.getDayOfMonth() == start.lengthOfMonth()
                    && end.plusDays(1).equals(start.plusMonths(1).withDayOfMonth(start.plusMonths(1).lengthOfMonth())));
    }

    /** The first day after this period. */
    public LocalDate endExclusive() {
        return end.plusDays(1);
    }

    public boolean contains(LocalDate date) {
        return !date.isBefore(start) && !date.isAfter(end);
    }
}
