package io.gridpulse.tariff;

import io.gridpulse.core.MeterRef;
import io.gridpulse.core.event.MeterEvent;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares a meter's previous and current real-time bill and says what a household should hear:
 * a tier entered, a projected tier rise, super-user risk, a budget exceeded (or about to be).
 * Stateless and thread-safe; the caller keeps the previous bill.
 *
 * <p>Event types: {@value #TIER_ENTERED}, {@value #TIER_PROJECTED}, {@value #SUPER_USER_RISK},
 * {@value #BUDGET_EXCEEDED}, {@value #BUDGET_PROJECTED}. Each message is English then Korean;
 * {@code details.messageKey} is a stable key for translated UIs, other details are integers with
 * units in their names.
 */
public final class BillAlerts {
    public static final String TIER_ENTERED = "tier-entered";
    public static final String TIER_PROJECTED = "tier-projected";
    public static final String SUPER_USER_RISK = "super-user-risk";
    public static final String BUDGET_EXCEEDED = "budget-exceeded";
    public static final String BUDGET_PROJECTED = "budget-projected";

    /**
     * What the next comparison needs of a bill: a few numbers, where the bill itself (line items,
     * projection) takes ≈ 2.4 KB, which a fleet of 100,000 meters would keep for each.
     */
    public record Seen(LocalDate periodStart, int tier, int projectedTier, boolean superUserRisk, long billSoFarWon,
                       long projectedWon) {
        public static Seen of(RealTimeBill bill) {
            return new Seen(bill.period().start(), bill.tier().current(), bill.tier().projectedAtPeriodEnd(),
                    bill.tier().superUserRisk(), bill.billSoFar().totalWon(), bill.projected().totalWon());
        }
    }

    /**
     * @param previous what was seen of the last bill the caller evaluated, or null; a bill of another
     *     period counts as none, i.e. the period start (tier 1, nothing exceeded) is the baseline
     * @param current the bill just computed
     * @return events in order of importance, empty when nothing changed
     */
    public List<MeterEvent> compare(MeterRef meter, MeterBillingSettings settings, Seen previous, RealTimeBill current) {
        Seen base = previous != null && previous.periodStart().equals(current.period().start()) ? previous : null;
        List<MeterEvent> events = new ArrayList<>();
        budgetEvents(meter, settings.monthlyBudgetWon(), base, current, events);
        tierEvents(meter, base, current, events);
        return events;
    }

    private void tierEvents(MeterRef meter, Seen base, RealTimeBill current, List<MeterEvent> events) {
        RealTimeBill.TierStatus now = current.tier();
        int previousTier = base == null ? 1 : base.tier();
        if (now.current() > previousTier) {
            events.add(event(meter, current, TIER_ENTERED, now.current() >= 3 ? "warning" : "info",
                    "Your usage this period has entered tier " + now.current() + "; each further kWh costs more. / "
                            + "이번 달 사용량이 누진 " + now.current() + "단계에 들어섰습니다.",
                    Map.of("tier", now.current(), "previousTier", previousTier)));
        }
        boolean wasRisk = base != null && base.superUserRisk();
        if (now.superUserRisk() && !wasRisk) {
            events.add(event(meter, current, SUPER_USER_RISK, "critical",
                    "At this pace you will pass 1,000 kWh this period and pay the super-user rate. / "
                            + "이대로면 이번 달 슈퍼유저 요금 구간(1,000kWh 초과)에 들어갑니다.",
                    Map.of("projectedTier", now.projectedAtPeriodEnd())));
        }
        int previousProjected = base == null ? 1 : base.projectedTier();
        if (now.projectedAtPeriodEnd() > Math.max(previousProjected, now.current()) && !now.superUserRisk()) {
            String when = now.projectedCrossingDate() == null ? "" : " around " + now.projectedCrossingDate();
            events.add(event(meter, current, TIER_PROJECTED, "info",
                    "At this pace you will reach tier " + now.projectedAtPeriodEnd() + when + ". / "
                            + "이대로면 누진 " + now.projectedAtPeriodEnd() + "단계에 도달합니다"
                            + (when.isEmpty() ? "." : " (" + now.projectedCrossingDate() + " 무렵)."),
                    projectedDetails(now)));
        }
    }

    private static Map<String, Object> projectedDetails(RealTimeBill.TierStatus tier) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("projectedTier", tier.projectedAtPeriodEnd());
        if (tier.projectedCrossingDate() != null) {
            details.put("projectedCrossingDate", tier.projectedCrossingDate().toString());
        }
        return details;
    }

    private void budgetEvents(MeterRef meter, Long budgetWon, Seen base, RealTimeBill current,
                              List<MeterEvent> events) {
        if (budgetWon == null) {
            return;
        }
        boolean exceeded = current.billSoFar().totalWon() > budgetWon;
        boolean wasExceeded = base != null && base.billSoFarWon() > budgetWon;
        boolean projected = current.projected().totalWon() > budgetWon;
        boolean wasProjected = base != null && base.projectedWon() > budgetWon;
        Map<String, Object> details = Map.of("budgetWon", budgetWon, "billSoFarWon", current.billSoFar().totalWon(),
                "projectedTotalWon", current.projected().totalWon());
        if (exceeded && !wasExceeded) {
            events.add(event(meter, current, BUDGET_EXCEEDED, "critical",
                    "This period's bill (" + current.billSoFar().totalWon() + " won) is over your budget of "
                            + budgetWon + " won. / 이번 달 요금이 예산 " + budgetWon + "원을 넘었습니다.", details));
        } else if (projected && !exceeded && !wasProjected) {
            events.add(event(meter, current, BUDGET_PROJECTED, "warning",
                    "At this pace the bill will be about " + current.projected().totalWon() + " won, over your budget of "
                            + budgetWon + " won. / 이대로면 요금이 약 " + current.projected().totalWon()
                            + "원으로 예산을 넘습니다.", details));
        }
    }

    private static MeterEvent event(MeterRef meter, RealTimeBill bill, String type, String severity, String message,
                                    Map<String, Object> extra) {
        Map<String, Object> details = new LinkedHashMap<>(extra);
        details.put("messageKey", "tariff.alert." + type);
        details.put("energySoFarWh", bill.energySoFarWh());
        details.put("tariffId", bill.tariffId());
        return new MeterEvent(meter, bill.atEpochMs(), type, severity, message, details);
    }
}
