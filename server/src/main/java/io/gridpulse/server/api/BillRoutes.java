package io.gridpulse.server.api;

import io.gridpulse.core.InvalidInputException;
import io.gridpulse.server.auth.Scope;
import io.gridpulse.server.alerts.AlertLog;
import io.gridpulse.server.billing.MeterBilling;
import io.gridpulse.server.http.Params;
import io.gridpulse.store.MeterRecord;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;

/** The household's bill: right now, projected, past periods, what-if, and alerts. */
public final class BillRoutes {
    private final MeterRoutes meters;
    private final MeterBilling billing;
    private final AlertLog alerts;
    private final Clock clock;

    public BillRoutes(MeterRoutes meters, MeterBilling billing, AlertLog alerts, Clock clock) {
        this.meters = meters;
        this.billing = billing;
        this.alerts = alerts;
        this.clock = clock;
    }

    /** {@code GET .../bill[?at=][&tariff=]}: current period so far and projected. */
    public void current(Context ctx) {
        MeterRecord m = meters.meter(ctx, Scope.READ);
        Instant at = Instant.ofEpochMilli(Params.time(ctx, "at", clock.millis()));
        ctx.json(billing.realTime(m, at, ctx.queryParam("tariff")));
    }

    /** {@code GET .../bills?from=&to=} (dates, YYYY-MM-DD): every period overlapping them, oldest first; the last may still be running. */
    public void past(Context ctx) {
        MeterRecord m = meters.meter(ctx, Scope.READ);
        LocalDate today = LocalDate.ofInstant(clock.instant(), MeterBilling.settings(m).zone());
        LocalDate to = date(ctx, "to", today);
        LocalDate from = date(ctx, "from", to.minusMonths(3));
        ctx.json(Map.of("meterId", m.ref().meter().value(), "bills", billing.pastBills(m, from, to)));
    }

    public void alerts(Context ctx) {
        MeterRecord m = meters.meter(ctx, Scope.READ);
        ctx.json(Map.of("meterId", m.ref().meter().value(), "alerts", alerts.recent(m.ref(), 100)));
    }

    public void tariffs(Context ctx) {
        MeterRoutes.principal(ctx, Scope.READ);
        ctx.json(Map.of("tariffs", billing.service().catalog().ids().stream().sorted()
                .map(id -> billing.service().catalog().info(id)).toList()));
    }

    private static LocalDate date(Context ctx, String name, LocalDate fallback) {
        String value = ctx.queryParam(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(name, "'" + name + "' must be a date YYYY-MM-DD, got '" + value + "'");
        }
    }
}
