package io.gridpulse.server.api;

import io.gridpulse.analytics.nilm.ApplianceModel;
import io.gridpulse.analytics.nilm.Disaggregation;
import io.gridpulse.analytics.nilm.Nilm;
import io.gridpulse.analytics.nilm.NilmModel;
import io.gridpulse.analytics.nilm.OnPeriod;
import io.gridpulse.core.InvalidInputException;
import io.gridpulse.core.Reading;
import io.gridpulse.core.Step;
import io.gridpulse.core.Units;
import io.gridpulse.server.auth.Scope;
import io.gridpulse.server.billing.MeterBilling;
import io.gridpulse.server.http.Params;
import io.gridpulse.server.meter.MeterSettings;
import io.gridpulse.server.nilm.ApplianceBreakdown;
import io.gridpulse.server.nilm.ApplianceUsage;
import io.gridpulse.server.nilm.NilmModels;
import io.gridpulse.server.insight.LiveInsights;
import io.gridpulse.server.insight.MeterInsights;
import io.gridpulse.store.CalendarRollups;
import io.gridpulse.store.MeterRecord;
import io.gridpulse.store.ReadingStore;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code GET /meters/{id}/appliances?from=&to=}: which appliances used how much energy and money in
 * a range (default: today so far in the meter's zone), disaggregated from raw 1 Hz readings with the
 * meter's NILM model. Cost is marginal: what the range's energy adds to each touched month's bill
 * under the meter's tariff (given the month's usage so far), shared out by appliance energy.
 */
public final class ApplianceRoutes {
    /** Raw readings before {@code from} read so that the model's look-back window is warm. */
    private static final long WARM_UP_MS = 30 * 60_000L;
    /** Least energy the marginal rate is measured over (see {@link #costsWon}). */
    static final long RATE_PROBE_WH = 10_000;

    private final ReadingStore store;
    private final MeterRoutes meters;
    private final NilmModels models;
    private final MeterBilling billing;
    private final Clock clock;
    private final LiveInsights live;

    public ApplianceRoutes(ReadingStore store, MeterRoutes meters, NilmModels models, MeterBilling billing, Clock clock,
                           LiveInsights live) {
        this.store = store;
        this.meters = meters;
        this.models = models;
        this.billing = billing;
        this.clock = clock;
        this.live = live;
    }

    public void appliances(Context ctx) {
        MeterRecord m = meters.meter(ctx, Scope.READ);
        ZoneId zone = MeterSettings.fromMap(m.settings()).zone();
        long now = clock.millis();
        long from = Params.time(ctx, "from", LocalDate.now(clock.withZone(zone)).atStartOfDay(zone).toInstant().toEpochMilli());
        long to = Params.time(ctx, "to", ctx.queryParam("from") == null ? now : from + InsightRoutes.DAY_MS);
        checkRange(from, to);
        NilmModel model = models.require(m.ref());
        List<Reading> raw = store.readRaw(m.ref(), from - WARM_UP_MS, to + model.settings().lookaheadSeconds() * 1000L);
        Disaggregation d = Nilm.disaggregate(raw, model, zone);
        List<ApplianceUsage> usage = ApplianceBreakdown.of(d, from, to, zone);
        Map<String, Object> body = body(m, zone, model, from, to, usage);
        // What the online NILM processor (fed as readings arrive) sees on right now.
        live.current(m).filter(MeterInsights::hasNilm).ifPresent(s -> body.put("onNow", s.appliancesOn()));
        ctx.json(body);
    }

    private static void checkRange(long from, long to) {
        MeterRoutes.checkRange(from, to);
        if (to - from > MeterRoutes.MAX_RAW_RANGE_MS) {
            throw new InvalidInputException("from", "an appliance breakdown may span at most 7 days (it reads 1 Hz raw data)");
        }
    }

    private Map<String, Object> body(MeterRecord m, ZoneId zone, NilmModel model, long from, long to, List<ApplianceUsage> usage) {
        long totalMwh = usage.stream().mapToLong(ApplianceUsage::energyMilliwattHours).sum();
        Map<String, Long> costsWon = costsWon(m, zone, usage);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("meterId", m.ref().meter().value());
        body.put("timezone", zone.getId());
        body.put("from", from);
        body.put("to", to);
        body.put("model", Map.of("source", model.settings().source(), "appliances", model.applianceNames()));
        body.put("energyWh", round1(totalMwh / 1000.0));
        body.put("costWon", costsWon.values().stream().mapToLong(Long::longValue).sum());
        body.put("appliances", usage.stream().map(u -> view(u, estimate(model, u.appliance()), totalMwh,
                costsWon.getOrDefault(u.appliance(), 0L))).toList());
        return body;
    }

    /**
     * How an appliance's figures were made: {@code recognised} (its runs found in the signal),
     * {@code blended} (half that, half its typical level for the hour), {@code typicalLevel} (its
     * typical level alone: the trainer could not learn to recognise it) or {@code remainder} (what
     * no known appliance explains).
     */
    static String estimate(NilmModel model, String appliance) {
        return model.appliances().stream().filter(a -> a.name().equals(appliance)).findFirst()
                .map(ApplianceModel::estimateKind)
                .orElse("remainder");
    }

    private static Map<String, Object> view(ApplianceUsage u, String estimate, long totalMwh, long costWon) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("appliance", u.appliance());
        v.put("estimate", estimate);
        v.put("energyWh", round1(u.energyMilliwattHours() / 1000.0));
        v.put("costWon", costWon);
        v.put("share", totalMwh == 0 ? 0.0 : Math.round(1000.0 * u.energyMilliwattHours() / totalMwh) / 1000.0);
        v.put("onPeriods", u.onPeriods().stream().map(ApplianceRoutes::period).toList());
        return v;
    }

    /**
     * Per touched month: the range's energy in that month priced at the month's marginal rate, split
     * over the appliances by energy. The rate is the bill with minus without the last
     * max(range energy, {@value #RATE_PROBE_WH} Wh) of the month's usage so far, per Wh: KEPCO bills
     * whole kWh and floors to 10 won, so pricing a day's few hundred Wh (let alone one appliance's)
     * directly would mostly give 0 or 10 won. Under a progressive tariff every kWh of the range
     * shares that rate.
     */
    private Map<String, Long> costsWon(MeterRecord m, ZoneId zone, List<ApplianceUsage> usage) {
        Map<YearMonth, Long> rangeMwh = new TreeMap<>();
        usage.forEach(u -> u.energyMilliwattHoursByMonth().forEach((month, mwh) -> rangeMwh.merge(month, mwh, Long::sum)));
        Map<String, Long> won = new HashMap<>();
        rangeMwh.forEach((month, partMwh) -> {
            long totalWh = monthEnergyWh(m, zone, month);
            long probeWh = Math.min(totalWh, Math.max(RATE_PROBE_WH, partMwh / 1000));
            double wonPerWh = probeWh == 0 ? 0 : (double) billing.marginalCostWon(m, month, totalWh, probeWh) / probeWh;
            double monthWon = wonPerWh * partMwh / 1000.0;
            for (ApplianceUsage u : usage) {
                long mwh = u.energyMilliwattHoursByMonth().getOrDefault(month, 0L);
                won.merge(u.appliance(), partMwh == 0 ? 0 : Math.round(monthWon * mwh / partMwh), Long::sum);
            }
        });
        return won;
    }

    private long monthEnergyWh(MeterRecord m, ZoneId zone, YearMonth month) {
        long from = month.atDay(1).atStartOfDay(zone).toInstant().toEpochMilli();
        long to = month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant().toEpochMilli();
        return new CalendarRollups(store).buckets(m.ref(), Step.ONE_MONTH, from, to, zone).stream()
                .mapToLong(r -> r.energyNanowattHours() / Units.NANOWATT_HOURS_PER_WATT_HOUR).sum();
    }

    private static Map<String, Object> period(OnPeriod p) {
        return Map.of("startMs", p.startMs(), "endMs", p.endMs(), "avgW", round1(ApplianceUsage.averageWatts(p)));
    }

    private static double round1(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
