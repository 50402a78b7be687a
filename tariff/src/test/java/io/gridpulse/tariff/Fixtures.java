package io.gridpulse.tariff;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;

/** Shared test set-up: the built-in catalogue and usage helpers. */
final class Fixtures {
    static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
    static final String LOW = "kepco-residential-low";
    static final String HIGH = "kepco-residential-high";
    static final String JEJU_TOU = "kepco-jeju-residential-tou";
    static final String FLAT = "flat-example";
    static final TariffCatalog CATALOG = TariffCatalog.loadDefault();

    private Fixtures() {}

    /** {@code kwh} spread evenly over the hours of [start, endInclusive] in Seoul. */
    static HourlyUsage kwh(LocalDate start, LocalDate endInclusive, String kwh) {
        long microwattHours = new BigDecimal(kwh).movePointRight(9).longValueExact();
        return HourlyUsage.spreadEvenly(start.atStartOfDay(SEOUL).toInstant(),
                endInclusive.plusDays(1).atStartOfDay(SEOUL).toInstant(), microwattHours);
    }

    static Bill monthBill(BillingService service, String tariffId, String month, String kwh) {
        YearMonth ym = YearMonth.parse(month);
        return service.bill(tariffId, ym.atDay(1), ym.atEndOfMonth(), kwh(ym.atDay(1), ym.atEndOfMonth(), kwh));
    }

    static Bill monthBill(String tariffId, String month, long kwh) {
        return monthBill(new BillingService(CATALOG), tariffId, month, Long.toString(kwh));
    }
}
