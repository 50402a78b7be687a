package io.gridpulse.tariff;

import io.gridpulse.core.InvalidInputException;
import io.gridpulse.core.NotFoundException;
import io.gridpulse.tariff.internal.BillCalculator;
import io.gridpulse.tariff.internal.BillingPeriods;
import io.gridpulse.tariff.internal.ProfileProjector;
import io.gridpulse.tariff.internal.Tariff;
import io.gridpulse.tariff.internal.TierTracker;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The billing facade the server, CLI and stream processors call. Stateless apart from its
 * catalogue, clock and projector; thread-safe.
 *
 * <p>Energy comes in as {@link HourlyUsage} (microwatt-hours per UTC hour bucket); money goes out in
 * whole won. A bill depends only on the usage and the tariff versions in force on the usage days,
 * so adding a tariff version never changes a past period's bill.
 *
 * <p>Errors: an unknown tariff id raises {@link NotFoundException}; bad arguments (end before
 * start, period longer than {@value BillingPeriod#MAX_DAYS} days, dates before a tariff's first
 * version) raise {@link InvalidInputException} naming the field.
 */
public final class BillingService {
    /** Most periods {@link #pastBills} returns in one call. */
    public static final int MAX_PAST_BILLS = 120;

    private final TariffCatalog catalog;
    private final Clock clock;
    private final UsageProjector projector;

    /** With the system clock and the built-in projector. */
    public BillingService(TariffCatalog catalog) {
        this(catalog, Clock.systemUTC());
    }

    public BillingService(TariffCatalog catalog, Clock clock) {
        this(catalog, clock, new ProfileProjector());
    }

    public BillingService(TariffCatalog catalog, Clock clock, UsageProjector projector) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.projector = Objects.requireNonNull(projector, "projector");
    }

    public TariffCatalog catalog() {
        return catalog;
    }

    /**
     * The bill of a reading period, in the tariff's own zone (Asia/Seoul for KEPCO).
     *
     * @param periodStart first usage day
     * @param periodEndInclusive last usage day (the day before the next 검침일)
     * @param usage hour buckets; only those starting inside the period count
     */
    public Bill bill(String tariffId, LocalDate periodStart, LocalDate periodEndInclusive, HourlyUsage usage) {
        Tariff tariff = catalog.tariff(tariffId);
        return bill(tariff, BillingPeriod.of(periodStart, periodEndInclusive), usage, tariff.zone());
    }

    /** The bill of a period, placing hour buckets on local days of {@code zone}. */
    public Bill bill(String tariffId, BillingPeriod period, HourlyUsage usage, ZoneId zone) {
        return bill(catalog.tariff(tariffId), period, usage, zone);
    }

    /** The reading period containing a local date, from the site's 검침일. */
    public BillingPeriod periodContaining(MeterBillingSettings settings, LocalDate date) {
        requireNonNull(date, "date");
        return BillingPeriods.containing(settings.meterReadingDay(), date);
    }

    /**
     * Bills of every reading period that overlaps [from, to], oldest first. The last one may be
     * still running (priced on the usage so far).
     */
    public List<Bill> pastBills(MeterBillingSettings settings, LocalDate from, LocalDate to, HourlyUsage usage) {
        Tariff tariff = catalog.tariff(settings.tariffId());
        requireOrder(from, to);
        List<Bill> bills = new ArrayList<>();
        for (BillingPeriod p = periodContaining(settings, from); !p.start().isAfter(to);
             p = periodContaining(settings, p.endExclusive())) {
            if (bills.size() == MAX_PAST_BILLS) {
                throw new InvalidInputException("to", "at most " + MAX_PAST_BILLS + " periods per request");
            }
            bills.add(bill(tariff, p, usage, settings.zone()));
        }
        return bills;
    }

    /** {@link #realTime(MeterBillingSettings, HourlyUsage, Instant)} at the injected clock's now. */
    public RealTimeBill realTime(MeterBillingSettings settings, HourlyUsage usageSoFar) {
        return realTime(settings, usageSoFar, clock.instant());
    }

    /**
     * The current period's bill so far, its projection to the period end and the tier position.
     *
     * @param usageSoFar usage up to {@code at}; may include earlier days, which feed the projection
     * @param at the moment; buckets starting at or after it are ignored
     */
    public RealTimeBill realTime(MeterBillingSettings settings, HourlyUsage usageSoFar, Instant at) {
        Tariff tariff = catalog.tariff(settings.tariffId());
        requireNonNull(at, "at");
        ZoneId zone = settings.zone();
        LocalDate today = LocalDate.ofInstant(at, zone);
        BillingPeriod period = periodContaining(settings, today);
        Instant start = period.start().atStartOfDay(zone).toInstant();
        Instant end = period.endExclusive().atStartOfDay(zone).toInstant();
        HourlyUsage soFar = usageSoFar.between(start, at);
        HourlyUsage future = projector.projectRemaining(usageSoFar.between(Instant.EPOCH, at), at, start, end, zone)
                .between(start, end);
        Bill billSoFar = bill(tariff, period, soFar, zone);
        Bill projected = bill(tariff, period, soFar.plus(future), zone);
        return new RealTimeBill(tariff.id(), at.toEpochMilli(),
                new RealTimeBill.CurrentPeriod(period.start(), period.end(), period.days(),
                        (int) ChronoUnit.DAYS.between(period.start(), today) + 1),
                billSoFar.energyWh(), billSoFar,
                new RealTimeBill.Projection(projected.energyWh(), projected.totalWon(), projected.lines()),
                TierTracker.status(tariff, period, today, soFar.totalMicrowattHours(), future, zone));
    }

    /** What-if: the same usage and moment priced under another tariff. */
    public RealTimeBill whatIf(MeterBillingSettings settings, String otherTariffId, HourlyUsage usageSoFar, Instant at) {
        return realTime(settings.withTariff(otherTariffId), usageSoFar, at);
    }

    private static Bill bill(Tariff tariff, BillingPeriod period, HourlyUsage usage, ZoneId zone) {
        requireNonNull(usage, "usage");
        HourlyUsage inPeriod = usage.between(period.start().atStartOfDay(zone).toInstant(),
                period.endExclusive().atStartOfDay(zone).toInstant());
        return BillCalculator.calculate(tariff, period, inPeriod, zone);
    }

    private static void requireOrder(LocalDate from, LocalDate to) {
        requireNonNull(from, "from");
        requireNonNull(to, "to");
        if (to.isBefore(from)) {
            throw new InvalidInputException("to", "'to' " + to + " is before 'from' " + from);
        }
    }

    private static void requireNonNull(Object value, String field) {
        if (value == null) {
            throw new InvalidInputException(field, field + " is required");
        }
    }
}
