package io.gridpulse.server.api;

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

/**
 * {@code GET /meters/{id}/appliances?from=&to=}: which appliances used how much energy and money in
 * a range (default: today so far in the meter's zone), disaggregated from raw 1 Hz readings with the
 * meter's NILM model. Cost is marginal: what the appliance's energy adds to each touched month's
 * bill under the meter's tariff, given the month's usage so far.
 */
public final class ApplianceRoutes {
    /** Raw readings before {@code from} read so that the model's look-back window is warm. */
    private static final long WARM_UP_MS = 30 * 60_000L;

    private final ReadingStore store;
    private final MeterRoutes meters;
    private final NilmModels models;
    private final MeterBilling billing;
    private final Clock clock;

    public ApplianceRoutes(ReadingStore store, MeterRoutes meters, NilmModels models, MeterBilling billing, Clock clock) {
        this.store = store;
        this.meters = meters;
        this.models = models;
        this.billing = billing;
        this.clock = clock;
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
        ctx.json(body(m, zone, model, from, to, usage));
    }

    private static void checkRange(long from, long to) {
        if (to <= from) {
            throw new InvalidInputException("to", "'to' must be after 'from'");
        }
        if (to - from > MeterRoutes.MAX_RAW_RANGE_MS) {
            throw new InvalidInputException("from", "an appliance breakdown may span at most 7 days (it reads 1 Hz raw data)");
        }
    }

    private Map<String, Object> body(MeterRecord m, ZoneId zone, NilmModel model, long from, long to, List<ApplianceUsage> usage) {
        long totalMwh = usage.stream().mapToLong(ApplianceUsage::energyMilliwattHours).sum();
        Map<YearMonth, Long> monthWh = new HashMap<>();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("meterId", m.ref().meter().value());
        body.put("timezone", zone.getId());
        body.put("from", from);
        body.put("to", to);
        body.put("model", Map.of("source", model.settings().source(), "appliances", model.applianceNames()));
        body.put("energyWh", round1(totalMwh / 1000.0));
        body.put("appliances", usage.stream().map(u -> view(m, zone, u, totalMwh, monthWh)).toList());
        return body;
    }

    private Map<String, Object> view(MeterRecord m, ZoneId zone, ApplianceUsage u, long totalMwh, Map<YearMonth, Long> monthWh) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("appliance", u.appliance());
        v.put("energyWh", round1(u.energyMilliwattHours() / 1000.0));
        v.put("costWon", costWon(m, zone, u, monthWh));
        v.put("share", totalMwh == 0 ? 0.0 : Math.round(1000.0 * u.energyMilliwattHours() / totalMwh) / 1000.0);
        v.put("onPeriods", u.onPeriods().stream().map(ApplianceRoutes::period).toList());
        return v;
    }

    /** Sum over the touched months of what this appliance's energy adds to that month's bill. */
    private long costWon(MeterRecord m, ZoneId zone, ApplianceUsage u, Map<YearMonth, Long> monthWh) {
        long won = 0;
        for (var e : u.energyMilliwattHoursByMonth().entrySet()) {
            long totalWh = monthWh.computeIfAbsent(e.getKey(), month -> monthEnergyWh(m, zone, month));
            long partWh = Math.min(totalWh, e.getValue() / 1000);
            won += billing.marginalCostWon(m, e.getKey(), totalWh, partWh);
        }
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
