package io.gridpulse.server.api;

import io.gridpulse.core.MeterId;
import io.gridpulse.core.MeterRef;
import io.gridpulse.core.NotFoundException;
import io.gridpulse.server.auth.ApiKeys;
import io.gridpulse.server.auth.Principal;
import io.gridpulse.server.auth.Scope;
import io.gridpulse.store.ReadingStore;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code POST|DELETE /api/v1/meters/{meterId}/device-token}: the credential a meter itself is given.
 * It may only write that meter's readings (HTTP {@code /meters/{id}/readings} or its MQTT topic)
 * and read that meter; an admin key issues and revokes it.
 */
public final class DeviceTokenRoutes {
    private final ApiKeys keys;
    private final ReadingStore store;

    public DeviceTokenRoutes(ApiKeys keys, ReadingStore store) {
        this.keys = keys;
        this.store = store;
    }

    /** Issues (or rotates) the token; the meter is registered if new. The token is shown only here. */
    public void issue(Context ctx) {
        Principal p = MeterRoutes.principal(ctx, Scope.ADMIN);
        MeterId meter = new MeterId(ctx.pathParam("meterId"));
        store.meters().ensure(new MeterRef(p.tenant(), meter));
        String token = keys.issueDeviceToken(p.tenant(), meter);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("meterId", meter.value());
        body.put("deviceToken", token);
        body.put("mqttUsername", meter.value());
        body.put("mqttTopic", "gridpulse/" + p.tenant() + "/" + meter.value() + "/readings");
        ctx.status(201).json(body);
    }

    public void revoke(Context ctx) {
        Principal p = MeterRoutes.principal(ctx, Scope.ADMIN);
        MeterId meter = new MeterId(ctx.pathParam("meterId"));
        if (!keys.revokeDeviceToken(p.tenant(), meter)) {
            throw new NotFoundException("meter '" + meter + "' has no device token");
        }
        ctx.status(204);
    }
}
