package io.gridpulse.server.api;

import io.gridpulse.core.InvalidInputException;
import io.gridpulse.server.auth.Principal;
import io.gridpulse.server.auth.Scope;
import io.gridpulse.server.http.RequestBody;
import io.gridpulse.store.Retention;
import io.gridpulse.store.RetentionPolicies;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code GET|PUT /api/v1/retention}: how long the caller's tenant keeps raw readings and fine rollups. */
public final class RetentionRoutes {
    private final RetentionPolicies policies;

    public RetentionRoutes(RetentionPolicies policies) {
        this.policies = policies;
    }

    public void get(Context ctx) {
        Principal p = MeterRoutes.principal(ctx, Scope.READ);
        ctx.json(view(policies.get(p.tenant())));
    }

    /** Body {@code {"rawDays":400,"fineRollupDays":90}}; a field left out keeps its current value. */
    public void put(Context ctx) {
        Principal p = MeterRoutes.principal(ctx, Scope.ADMIN);
        Map<?, ?> body = RequestBody.jsonObject(ctx);
        Retention current = policies.get(p.tenant());
        Retention updated = new Retention(days(body, "rawDays", current.rawDays()),
                days(body, "fineRollupDays", current.fineRollupDays()));
        policies.set(p.tenant(), updated);
        ctx.json(view(updated));
    }

    private static int days(Map<?, ?> body, String field, int fallback) {
        Object value = body.get(field);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof Integer days)) {
            throw new InvalidInputException(field, field + " must be a whole number of days (0 = keep forever), got " + value);
        }
        return days;
    }

    private static Map<String, Object> view(Retention r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rawDays", r.rawDays());
        m.put("fineRollupDays", r.fineRollupDays());
        m.put("hourlyRollups", "kept forever");
        return m;
    }
}
