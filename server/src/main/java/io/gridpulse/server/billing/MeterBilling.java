package io.gridpulse.server.billing;

import io.gridpulse.core.MeterRef;
import io.gridpulse.core.Rollup;
import io.gridpulse.core.Units;
import io.gridpulse.server.meter.MeterSettings;
import io.gridpulse.store.MeterRecord;
import io.gridpulse.store.ReadingStore;
import io.gridpulse.store.RollupLevel;
import io.gridpulse.tariff.BillingPeriod;
import io.gridpulse.tariff.BillingService;
import io.gridpulse.tariff.HourlyUsage;
import io.gridpulse.tariff.MeterBillingSettings;
import io.gridpulse.tariff.RealTimeBill;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Bills for a stored meter: feeds the tariff engine with hourly usage read from rollups (never raw
 * readings), so a month-to-date bill costs ~720 rollup rows.
 */
public final class MeterBilling {
    /** History before the period start that feeds the projection's usage profile. */
    private static final long PROFILE_HISTORY_MS = 28 * 86_400_000L;

    private final ReadingStore store;
    private final BillingService billing;

    public MeterBilling(ReadingStore store, BillingService billing) {
        this.store = store;
        this.billing = billing;
    }

    public BillingService service() {
        return billing;
    }

    public static MeterBillingSettings settings(MeterRecord meter) {
        MeterSettings s = MeterSettings.fromMap(meter.settings());
        return new MeterBillingSettings(s.tariffId(), s.meterReadingDay(), s.zone(), s.budgetWon());
    }

    /** The bill of the current period at {@code at}, optionally priced under another tariff (what-if). */
    public RealTimeBill realTime(MeterRecord meter, Instant at, String otherTariffOrNull) {
        MeterBillingSettings settings = settings(meter);
        BillingPeriod period = billing.periodContaining(settings, LocalDate.ofInstant(at, settings.zone()));
        long periodStart = period.start().atStartOfDay(settings.zone()).toInstant().toEpochMilli();
        HourlyUsage usage = hourlyUsage(meter.ref(), periodStart - PROFILE_HISTORY_MS, at.toEpochMilli());
        return otherTariffOrNull == null
                ? billing.realTime(settings, usage, at)
                : billing.whatIf(settings, otherTariffOrNull, usage, at);
    }

    /** Bills of every period overlapping the two dates, oldest first (the last may still be running). */
    public List<PeriodBill> pastBills(MeterRecord meter, LocalDate from, LocalDate to) {
        MeterBillingSettings settings = settings(meter);
        long fromMs = from.minusDays(31).atStartOfDay(settings.zone()).toInstant().toEpochMilli();
        long toMs = to.plusDays(32).atStartOfDay(settings.zone()).toInstant().toEpochMilli();
        List<Rollup> hours = store.rollups(meter.ref(), RollupLevel.HOUR, fromMs, toMs);
        Set<LocalDate> daysWithData = new HashSet<>();
        hours.stream().filter(r -> r.samples() > 0)
                .forEach(r -> daysWithData.add(LocalDate.ofInstant(Instant.ofEpochMilli(r.bucketStartMs()), settings.zone())));
        return billing.pastBills(settings, from, to, hourlyUsage(hours)).stream()
                .map(bill -> new PeriodBill(bill, (int) bill.period().start().datesUntil(bill.period().end().plusDays(1))
                        .filter(daysWithData::contains).count()))
                .toList();
    }

    /**
     * What {@code partWh} of a calendar month's {@code totalWh} costs: the month's bill minus the bill
     * without it. Under a progressive tariff this marginal cost is what removing the load saves.
     */
    public long marginalCostWon(MeterRecord meter, YearMonth month, long totalWh, long partWh) {
        MeterBillingSettings settings = settings(meter);
        Instant start = month.atDay(1).atStartOfDay(settings.zone()).toInstant();
        Instant end = month.plusMonths(1).atDay(1).atStartOfDay(settings.zone()).toInstant();
        long withPart = billing.bill(settings.tariffId(), month.atDay(1), month.atEndOfMonth(),
                HourlyUsage.spreadEvenly(start, end, totalWh * Units.MICROWATT_HOURS_PER_WATT_HOUR)).totalWon();
        long withoutPart = billing.bill(settings.tariffId(), month.atDay(1), month.atEndOfMonth(),
                HourlyUsage.spreadEvenly(start, end, Math.max(0, totalWh - partWh) * Units.MICROWATT_HOURS_PER_WATT_HOUR)).totalWon();
        return withPart - withoutPart;
    }

    private HourlyUsage hourlyUsage(MeterRef meter, long fromMs, long toMs) {
        return hourlyUsage(store.rollups(meter, RollupLevel.HOUR, fromMs, toMs));
    }

    /** The store's hourly rows, in time order, one per hour. */
    private static HourlyUsage hourlyUsage(List<Rollup> hours) {
        long[] starts = new long[hours.size()];
        long[] microwattHours = new long[hours.size()];
        for (int i = 0; i < starts.length; i++) {
            starts[i] = hours.get(i).bucketStartMs();
            microwattHours[i] = hours.get(i).energyNanowattHours() / 1000;
        }
        return HourlyUsage.of(starts, microwattHours);
    }
}
