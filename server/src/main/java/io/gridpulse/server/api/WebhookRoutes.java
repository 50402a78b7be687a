package io.gridpulse.server.api;

import io.gridpulse.core.InvalidInputException;
import io.gridpulse.server.alerts.AlertWebhooks;
import io.gridpulse.server.auth.Principal;
import io.gridpulse.server.auth.Scope;
import io.gridpulse.server.http.RequestBody;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET|PUT|DELETE /api/v1/alert-webhook}: where the caller's tenant wants its meters' alerts
 * and anomalies POSTed ({@code {"url":"https://…"}}, admin key to change; the answer to PUT holds
 * the signing secret, once), and how delivery went.
 */
public final class WebhookRoutes {
    private final AlertWebhooks webhooks;

    public WebhookRoutes(AlertWebhooks webhooks) {
        this.webhooks = webhooks;
    }

    public void get(Context ctx) {
        Principal p = MeterRoutes.principal(ctx, Scope.READ);
        ctx.json(webhooks.status(p.tenant()));
    }

    public void put(Context ctx) {
        Principal p = MeterRoutes.principal(ctx, Scope.ADMIN);
        Map<?, ?> body = RequestBody.jsonObject(ctx);
        if (!(body.get("url") instanceof String url)) {
            throw new InvalidInputException("url", "body must be {\"url\":\"https://…\"}");
        }
        String secret = webhooks.set(p.tenant(), url);
        Map<String, Object> answer = new LinkedHashMap<>(webhooks.status(p.tenant()));
        answer.put("secret", secret); // shown once: posts carry X-GridPulse-Signature sha256=HMAC(secret, body)
        ctx.json(answer);
    }

    public void delete(Context ctx) {
        Principal p = MeterRoutes.principal(ctx, Scope.ADMIN);
        webhooks.remove(p.tenant());
        ctx.status(204);
    }
}
