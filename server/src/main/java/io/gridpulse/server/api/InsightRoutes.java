package io.gridpulse.server.api;

import io.gridpulse.analytics.anomaly.AnomalyDetector;
import io.gridpulse.analytics.forecast.BillingPeriod;
import io.gridpulse.analytics.forecast.EnergyLedger;
import io.gridpulse.analytics.forecast.HourlyForecaster;
import io.gridpulse.analytics.forecast.PeriodEndForecaster;
import io.gridpulse.analytics.forecast.PeriodForecast;
import io.gridpulse.analytics.series.MinuteAverage;
import io.gridpulse.analytics.series.MinuteSeries;
import io.gridpulse.analytics.standby.DailyBaseload;
import io.gridpulse.core.Step;
import io.gridpulse.core.Units;
import io.gridpulse.server.billing.MeterBilling;
import io.gridpulse.store.CalendarRollups;
import java.time.ZoneId;
import io.gridpulse.analytics.standby.MonthlyStandby;
import io.gridpulse.analytics.standby.StandbyEstimator;
import io.gridpulse.analytics.standby.StandbyReport;
import io.gridpulse.core.InvalidInputException;
import io.gridpulse.core.event.MeterEvent;
import io.gridpulse.server.auth.Scope;
import io.gridpulse.server.http.Params;
import io.gridpulse.server.meter.MeterSettings;
import io.gridpulse.store.MeterRecord;
import io.gridpulse.store.ReadingStore;
import io.gridpulse.store.RollupLevel;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import io.gridpulse.server.insight.LiveInsights;
import io.gridpulse.server.insight.MeterInsights;

/**
 * Standby, anomalies and forecasts of one meter. For the default range they come from the meter's
 * online processors ({@link LiveInsights}, fed as readings are stored); for an explicit range, or
 * a meter without live state yet, they are computed from its 1-minute rollups with the same
 * analytics classes. Time comes from the injected clock.
 */
public final class InsightRoutes {
    static final long DAY_MS = 86_400_000L;
    /** Longest range an insight query may span (1-minute rollups: ~132k rows). */
    static final long MAX_RANGE_MS = 92 * DAY_MS;
    /** Days of history before the billing period the forecast learns from. */
    static final int FORECAST_HISTORY_DAYS = 28;

    private final ReadingStore store;
    private final MeterRoutes meters;
    private final Clock clock;
    private final MeterBilling billing;
    private final LiveInsights live;

    /** @param live online state fed by the ingest pipeline; requests for the default range read it */
    public InsightRoutes(ReadingStore store, MeterRoutes meters, Clock clock, MeterBilling billing, LiveInsights live) {
        this.store = store;
        this.meters = meters;
        this.clock = clock;
        this.billing = billing;
        this.live = live;
    }

    /** The meter's live state when the request asks for the default range (no explicit range or date). */
    private Optional<MeterInsights> liveState(Context ctx, MeterRecord m, String... rangeParams) {
        for (String p : rangeParams) {
            if (ctx.queryParam(p) != null) {
                return Optional.empty();
            }
        }
        return live.current(m);
    }

    /**
     * Daily and monthly always-on power, its energy, trend and jumps; {@code from}/{@code to} default
     * to the last 62 days. {@code baseloadW} is the latest month's median of daily robust estimates
     * (one odd night, e.g. a heater left on, does not move it).
     */
    public void standby(Context ctx) {
        MeterRecord m = meters.meter(ctx, Scope.READ);
        long to = Params.time(ctx, "to", clock.millis());
        long from = Params.time(ctx, "from", to - 62 * DAY_MS);
        Optional<MeterInsights> state = liveState(ctx, m, "from", "to");
        StandbyReport r = state.isPresent() ? state.get().standby()
                : StandbyEstimator.estimate(minutes(m, from, to), settings(m).zone());
        Map<String, Object> body = head(m, state.isPresent());
        MonthlyStandby latest = r.months().isEmpty() ? null : r.months().get(r.months().size() - 1);
        body.put("baseloadW", latest == null ? null : round1(latest.baseloadWatts()));
        body.put("encoredBaseloadW", latest == null ? null : round1(latest.encoredBaseloadWatts()));
        body.put("trendWPerMonth", round1(r.trendWattsPerMonth()));
        body.put("months", r.months().stream().map(s -> withCost(m, month(s), s)).toList());
        body.put("days", r.days().stream().map(InsightRoutes::day).toList());
        body.put("jumps", r.jumps().stream().map(j -> Map.of("firstDay", j.firstDay().toString(),
                "fromW", round1(j.fromWatts()), "toW", round1(j.toWatts()))).toList());
        ctx.json(body);
    }

    /** Anomaly events in [from, to) (default: the last 30 days, plus silence up to now). */
    public void anomalies(Context ctx) {
        MeterRecord m = meters.meter(ctx, Scope.READ);
        long now = clock.millis();
        long to = Params.time(ctx, "to", now);
        long from = Params.time(ctx, "from", to - 30 * DAY_MS);
        Optional<MeterInsights> state = liveState(ctx, m, "from", "to");
        List<MeterEvent> events = state.isPresent() ? state.get().anomalies(from, to, now)
                : AnomalyDetector.detect(m.ref(), settings(m).zone(), padToNow(minutes(m, from, to), Math.min(to, now)));
        Map<String, Object> body = head(m, state.isPresent());
        body.put("events", events.stream().map(InsightRoutes::event).toList());
        ctx.json(body);
    }

    /** Period-end energy projection for the billing period containing {@code date} (default today) and next-day hourly load. */
    public void forecast(Context ctx) {
        MeterRecord m = meters.meter(ctx, Scope.READ);
        MeterSettings s = settings(m);
        LocalDate today = ctx.queryParam("date") == null ? LocalDate.now(clock.withZone(s.zone())) : date(ctx.queryParam("date"));
        BillingPeriod period = BillingPeriod.containing(today, s.meterReadingDay());
        Optional<MeterInsights> state = liveState(ctx, m, "date");
        PeriodForecast f;
        double[] hourly;
        if (state.isPresent()) {
            f = state.get().periodEnd(period.start(), period.end(), today);
            hourly = state.get().hourly(today);
        } else {
            long from = period.start().minusDays(FORECAST_HISTORY_DAYS).atStartOfDay(s.zone()).toInstant().toEpochMilli();
            long to = today.atStartOfDay(s.zone()).toInstant().toEpochMilli();
            EnergyLedger ledger = EnergyLedger.of(to > from ? minutes(m, from, to) : List.of(), s.zone());
            f = PeriodEndForecaster.forecast(ledger, period.start(), period.end(), today);
            hourly = HourlyForecaster.forecast(ledger, today);
        }
        Map<String, Object> body = head(m, state.isPresent());
        body.put("periodStart", period.start().toString());
        body.put("periodEnd", period.end().toString());
        body.put("asOf", today.toString());
        body.put("energySoFarWh", round1(f.energySoFarWattHours()));
        body.put("expectedEnergyWh", round1(f.expectedEnergyWattHours()));
        body.put("naiveEnergyWh", round1(f.naiveEnergyWattHours()));
        body.put("weekdayDailyEnergyWh", round1(f.weekdayDailyWattHours()));
        body.put("weekendDailyEnergyWh", round1(f.weekendDailyWattHours()));
        body.put("historyDays", f.historyDays());
        body.put("nextDay", Map.of("date", today.toString(),
                "hourlyEnergyWh", Arrays.stream(hourly).mapToObj(InsightRoutes::round1).toList(),
                "expectedEnergyWh", round1(Arrays.stream(hourly).filter(v -> !Double.isNaN(v)).sum())));
        ctx.json(body);
    }

    private List<MinuteAverage> minutes(MeterRecord m, long from, long to) {
        if (to <= from) {
            throw new InvalidInputException("to", "'to' must be after 'from'");
        }
        if (to - from > MAX_RANGE_MS) {
            throw new InvalidInputException("from", "insight range may span at most 92 days");
        }
        return MinuteSeries.fromMinuteRollups(store.rollups(m.ref(), RollupLevel.MINUTE, from, to));
    }

    /** Appends empty minutes up to {@code untilMs} so a meter that stopped reporting is noticed. */
    private static List<MinuteAverage> padToNow(List<MinuteAverage> minutes, long untilMs) {
        if (minutes.isEmpty()) {
            return minutes;
        }
        List<MinuteAverage> out = new ArrayList<>(minutes);
        long next = minutes.get(minutes.size() - 1).startMs() + MinuteAverage.MINUTE_MS;
        for (; next + MinuteAverage.MINUTE_MS <= untilMs; next += MinuteAverage.MINUTE_MS) {
            out.add(new MinuteAverage(next, Double.NaN, 0));
        }
        return out;
    }

    /** {@code source}: "live" (online processors) or "rollups" (computed for this request). */
    private static Map<String, Object> head(MeterRecord m, boolean live) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("meterId", m.ref().meter().value());
        body.put("timezone", settings(m).zone().getId());
        body.put("source", live ? "live" : "rollups");
        return body;
    }

    private static Map<String, Object> month(MonthlyStandby s) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("month", s.month().toString());
        v.put("days", s.days());
        v.put("baseloadW", round1(s.baseloadWatts()));
        v.put("encoredBaseloadW", round1(s.encoredBaseloadWatts()));
        v.put("standbyEnergyWh", round1(s.standbyEnergyWattHours()));
        v.put("projectedMonthStandbyEnergyWh", round1(s.projectedMonthEnergyWattHours()));
        return v;
    }

    /** Adds what the month's standby energy costs under the meter's tariff (marginal, in won). */
    private Map<String, Object> withCost(MeterRecord m, Map<String, Object> view, MonthlyStandby s) {
        ZoneId zone = settings(m).zone();
        long from = s.month().atDay(1).atStartOfDay(zone).toInstant().toEpochMilli();
        long to = s.month().plusMonths(1).atDay(1).atStartOfDay(zone).toInstant().toEpochMilli();
        long monthWh = new CalendarRollups(store).buckets(m.ref(), Step.ONE_MONTH, from, to, zone).stream()
                .mapToLong(r -> r.energyNanowattHours() / Units.NANOWATT_HOURS_PER_WATT_HOUR).sum();
        view.put("standbyCostWon", billing.marginalCostWon(m, s.month(), monthWh, Math.round(s.standbyEnergyWattHours())));
        return view;
    }

    private static Map<String, Object> day(DailyBaseload d) {
        return Map.of("date", d.day().toString(), "baseloadW", round1(d.nightLowPercentileWatts()),
                "encoredBaseloadW", round1(d.lowestQuarterHourWatts()));
    }

    private static Map<String, Object> event(MeterEvent e) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("ts", e.timestampMs());
        v.put("time", Instant.ofEpochMilli(e.timestampMs()).toString());
        v.put("type", e.type());
        v.put("severity", e.severity());
        v.put("message", e.message());
        v.put("details", e.details());
        return v;
    }

    private static MeterSettings settings(MeterRecord m) {
        return MeterSettings.fromMap(m.settings());
    }

    private static LocalDate date(String text) {
        try {
            return LocalDate.parse(text);
        } catch (java.time.DateTimeException e) {
            throw new InvalidInputException("date", "date must be yyyy-MM-dd, got '" + text + "'");
        }
    }

    private static Double round1(double v) {
        return Double.isNaN(v) ? null : Math.round(v * 10) / 10.0;
    }
}
