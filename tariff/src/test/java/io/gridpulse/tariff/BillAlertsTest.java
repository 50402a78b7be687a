package io.gridpulse.tariff;

import static io.gridpulse.tariff.Fixtures.LOW;
import static org.assertj.core.api.Assertions.assertThat;

import io.gridpulse.core.MeterRef;
import io.gridpulse.core.event.MeterEvent;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Alerts from the change between two real-time bills. */
class BillAlertsTest {
    private static final MeterRef METER = MeterRef.of("home", "mains");
    private static final MeterBillingSettings NO_BUDGET = MeterBillingSettings.of(LOW, 1);
    private final BillAlerts alerts = new BillAlerts();

    private static RealTimeBill bill(LocalDate periodStart, int tier, int projectedTier, boolean superUser,
                                     long soFarWon, long projectedWon) {
        Bill soFar = new Bill(LOW, BillingPeriod.of(periodStart, periodStart.plusMonths(1).minusDays(1)), 0,
                BigDecimal.ZERO, List.of(), 0, 0, 0, soFarWon, List.of());
        return new RealTimeBill(LOW, 1_000L, new RealTimeBill.CurrentPeriod(periodStart, soFar.period().end(), 31, 10),
                0, soFar, new RealTimeBill.Projection(0, projectedWon, List.of()),
                new RealTimeBill.TierStatus(tier, null, null, projectedTier, superUser, null));
    }

    private static final LocalDate AUG = LocalDate.of(2024, 8, 1);

    @Test
    void enteringTierTwoRaisesOneTierEnteredEvent() {
        List<MeterEvent> events = compare(NO_BUDGET, bill(AUG, 1, 2, false, 30_000, 60_000),
                bill(AUG, 2, 2, false, 40_000, 60_000));

        assertThat(events).extracting(MeterEvent::type).containsExactly(BillAlerts.TIER_ENTERED);
        assertThat(events.getFirst().details()).containsEntry("tier", 2).containsEntry("messageKey", "tariff.alert.tier-entered");
        assertThat(events.getFirst().message()).contains("tier 2").contains("2단계");
        assertThat(events.getFirst().meter()).isEqualTo(METER);
    }

    @Test
    void enteringTierThreeIsAWarning() {
        List<MeterEvent> events = compare(NO_BUDGET, bill(AUG, 2, 3, false, 0, 0), bill(AUG, 3, 3, false, 0, 0));

        assertThat(events.getFirst().severity()).isEqualTo("warning");
    }

    @Test
    void nothingChangedMeansNoEvents() {
        RealTimeBill same = bill(AUG, 2, 2, false, 40_000, 60_000);

        assertThat(compare(NO_BUDGET.withBudgetWon(100_000L), same, same)).isEmpty();
    }

    @Test
    void projectionReachingAHigherTierIsAnnouncedOnce() {
        List<MeterEvent> first = compare(NO_BUDGET, bill(AUG, 1, 1, false, 0, 0), bill(AUG, 1, 2, false, 0, 0));
        List<MeterEvent> again = compare(NO_BUDGET, bill(AUG, 1, 2, false, 0, 0), bill(AUG, 1, 2, false, 0, 0));

        assertThat(first).extracting(MeterEvent::type).containsExactly(BillAlerts.TIER_PROJECTED);
        assertThat(again).isEmpty();
    }

    @Test
    void projectedTierCarriesItsCrossingDayForTranslatedTexts() {
        RealTimeBill crossing = bill(AUG, 1, 2, false, 0, 0);
        crossing = new RealTimeBill(crossing.tariffId(), crossing.atEpochMs(), crossing.period(), crossing.energySoFarWh(),
                crossing.billSoFar(), crossing.projected(),
                new RealTimeBill.TierStatus(1, null, LocalDate.of(2024, 8, 24), 2, false, null));

        List<MeterEvent> events = compare(NO_BUDGET, bill(AUG, 1, 1, false, 0, 0), crossing);

        assertThat(events.getFirst().details()).containsEntry("projectedTier", 2)
                .containsEntry("projectedCrossingDate", "2024-08-24");
        assertThat(events.getFirst().message()).contains("around 2024-08-24");
    }

    @Test
    void superUserRiskIsCritical() {
        List<MeterEvent> events = compare(NO_BUDGET, bill(AUG, 3, 3, false, 0, 0), bill(AUG, 3, 4, true, 0, 0));

        assertThat(events).extracting(MeterEvent::type).containsExactly(BillAlerts.SUPER_USER_RISK);
        assertThat(events.getFirst().severity()).isEqualTo("critical");
    }

    @Test
    void projectedBillOverBudgetWarnsThenExceedingItIsCritical() {
        MeterBillingSettings budget = NO_BUDGET.withBudgetWon(50_000L);

        List<MeterEvent> projected = compare(budget, bill(AUG, 1, 1, false, 20_000, 45_000),
                bill(AUG, 1, 1, false, 25_000, 55_000));
        List<MeterEvent> exceeded = compare(budget, bill(AUG, 1, 1, false, 45_000, 55_000),
                bill(AUG, 1, 1, false, 50_010, 56_000));

        assertThat(projected).extracting(MeterEvent::type).containsExactly(BillAlerts.BUDGET_PROJECTED);
        assertThat(projected.getFirst().details()).containsEntry("budgetWon", 50_000L);
        assertThat(exceeded).extracting(MeterEvent::type).containsExactly(BillAlerts.BUDGET_EXCEEDED);
    }

    @Test
    void aNewPeriodStartsFromTierOneAgain() {
        RealTimeBill lastMonth = bill(LocalDate.of(2024, 7, 1), 3, 3, false, 0, 0);

        List<MeterEvent> events = compare(NO_BUDGET, lastMonth, bill(AUG, 2, 2, false, 0, 0));

        assertThat(events).extracting(MeterEvent::type).containsExactly(BillAlerts.TIER_ENTERED);
    }

    @Test
    void alertsFromRealBillsFollowTheUsage() {
        BillingService service = new BillingService(Fixtures.CATALOG);
        HourlyUsage upTo250 = Fixtures.kwh(LocalDate.of(2024, 4, 1), LocalDate.of(2024, 4, 10), "190")
                .plus(Fixtures.kwh(LocalDate.of(2024, 4, 11), LocalDate.of(2024, 4, 11), "60"));
        RealTimeBill before = service.realTime(NO_BUDGET, upTo250, LocalDate.of(2024, 4, 11).atStartOfDay(Fixtures.SEOUL).toInstant());
        RealTimeBill after = service.realTime(NO_BUDGET, upTo250, LocalDate.of(2024, 4, 12).atStartOfDay(Fixtures.SEOUL).toInstant());

        assertThat(compare(NO_BUDGET, before, after)).extracting(MeterEvent::type).contains(BillAlerts.TIER_ENTERED);
    }

    /** What the bill watcher does: keeps what it saw of the previous bill, then compares. */
    private List<MeterEvent> compare(MeterBillingSettings settings, RealTimeBill previous, RealTimeBill current) {
        return alerts.compare(METER, settings, BillAlerts.Seen.of(previous), current);
    }
}
