package io.gridpulse.tariff;

import io.gridpulse.core.InvalidInputException;
import java.time.ZoneId;

/**
 * How a site (its billing meter) is billed.
 *
 * @param tariffId a tariff id of the {@link TariffCatalog}, e.g. {@code kepco-residential-low}
 * @param meterReadingDay 검침일: 1..28, or {@link #MONTH_END} (0) for the last day of the month
 * @param zone the site's time zone; null means {@code Asia/Seoul}
 * @param monthlyBudgetWon the household's budget per billing period in won, or null for none
 */
public record MeterBillingSettings(String tariffId, int meterReadingDay, ZoneId zone, Long monthlyBudgetWon) {
    /** {@link #meterReadingDay()} value meaning "말일" (last day of the month). */
    public static final int MONTH_END = 0;
    public static final ZoneId DEFAULT_ZONE = ZoneId.of("Asia/Seoul");

    public MeterBillingSettings {
        if (tariffId == null || tariffId.isBlank()) {
            throw new InvalidInputException("tariffId", "a tariff id is required");
        }
        if (meterReadingDay < 0 || meterReadingDay > 28) {
            throw new InvalidInputException("meterReadingDay", "must be 1..28, or 0 for month end; got " + meterReadingDay);
        }
        zone = zone == null ? DEFAULT_ZONE : zone;
        if (monthlyBudgetWon != null && monthlyBudgetWon < 0) {
            throw new InvalidInputException("monthlyBudgetWon", "must not be negative");
        }
    }

    /** Settings in Asia/Seoul without a budget. */
    public static MeterBillingSettings of(String tariffId, int meterReadingDay) {
        return new MeterBillingSettings(tariffId, meterReadingDay, DEFAULT_ZONE, null);
    }

    /** The same settings under another tariff (for what-if comparisons). */
    public MeterBillingSettings withTariff(String otherTariffId) {
        return new MeterBillingSettings(otherTariffId, meterReadingDay, zone, monthlyBudgetWon);
    }

    public MeterBillingSettings withBudgetWon(Long budgetWon) {
        return new MeterBillingSettings(tariffId, meterReadingDay, zone, budgetWon);
    }
}
