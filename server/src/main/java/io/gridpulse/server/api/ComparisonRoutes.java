package io.gridpulse.server.api;

import io.gridpulse.server.auth.Scope;
import io.gridpulse.server.insight.HomeComparison;
import io.gridpulse.store.MeterRecord;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code GET /api/v1/meters/{meterId}/comparison}: this home's daily use beside its tenant's other homes. */
public final class ComparisonRoutes {
    private final MeterRoutes meters;
    private final HomeComparison comparison;

    public ComparisonRoutes(MeterRoutes meters, HomeComparison comparison) {
        this.meters = meters;
        this.comparison = comparison;
    }

    public void comparison(Context ctx) {
        MeterRecord m = meters.meter(ctx, Scope.READ);
        HomeComparison.Result r = comparison.compare(m.ref());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("meterId", m.ref().meter().value());
        body.put("days", HomeComparison.DAYS);
        body.put("from", r.homes().fromMs());
        body.put("to", r.homes().toMs());
        body.put("computedAt", r.homes().computedMs());
        body.put("homes", r.homeCount());
        body.put("dailyWh", r.dailyWh());
        body.put("p25DailyWh", r.p25DailyWh());
        body.put("medianDailyWh", r.medianDailyWh());
        body.put("p75DailyWh", r.p75DailyWh());
        body.put("percentUsingMore", r.percentUsingMore());
        if (r.dailyWh() == null) {
            body.put("reason", "this meter has data on less than half of the last " + HomeComparison.DAYS + " days");
        } else if (r.percentUsingMore() == null) {
            body.put("reason", "fewer than " + HomeComparison.MIN_HOMES + " homes of this service have enough data to compare with");
        }
        ctx.json(body);
    }
}
