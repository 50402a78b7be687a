package io.gridpulse.server.api;

import io.gridpulse.core.AccessDeniedException;
import io.gridpulse.core.InvalidInputException;
import io.gridpulse.core.MeterId;
import io.gridpulse.core.MeterRef;
import io.gridpulse.core.NotFoundException;
import io.gridpulse.core.TenantId;
import io.gridpulse.server.auth.ApiKeys;
import io.gridpulse.server.auth.ApiKeys.KeyInfo;
import io.gridpulse.server.auth.Principal;
import io.gridpulse.server.auth.Scope;
import io.gridpulse.server.http.RequestBody;
import io.gridpulse.store.ReadingStore;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code GET|POST /api/v1/keys}, {@code DELETE /api/v1/keys/{id}}: a tenant's admin makes and
 * revokes its API keys — a read key for a wall display, a write key for a gateway, or a key bound
 * to one meter for its household (it sees that meter only). A key is shown once, when made;
 * listed by id, name, scope and meter. {@code GET /api/v1/key} says what the calling key is. An
 * admin key of the default tenant manages other tenants' keys too ({@code tenant} in the body or
 * the query): that is how a running server takes on a new tenant.
 */
public final class KeyRoutes {
    static final int MAX_NAME_LENGTH = 100;
    private final ApiKeys keys;
    private final ReadingStore store;
    private final Clock clock;

    public KeyRoutes(ApiKeys keys, ReadingStore store, Clock clock) {
        this.keys = keys;
        this.store = store;
        this.clock = clock;
    }

    /** {@code GET /api/v1/key}: the key making the request (any scope), so a page shows only what it may do. */
    public void caller(Context ctx) {
        Principal p = MeterRoutes.principal(ctx, Scope.READ);
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", p.keyId());
        v.put("tenant", p.tenant().value());
        v.put("scope", p.scope().name().toLowerCase(Locale.ROOT));
        v.put("meterId", p.onlyMeter() == null ? null : p.onlyMeter().value());
        v.put("name", p.keyName());
        ctx.json(v);
    }

    public void list(Context ctx) {
        TenantId tenant = tenant(ctx, ctx.queryParam("tenant"));
        ctx.json(Map.of("keys", keys.list(tenant).stream().map(KeyRoutes::view).toList()));
    }

    public void create(Context ctx) {
        Map<String, Object> body = RequestBody.jsonObject(ctx);
        if (body.get("tenant") != null && !(body.get("tenant") instanceof String)) {
            throw new InvalidInputException("tenant", "tenant must be a tenant id (a string)");
        }
        TenantId tenant = tenant(ctx, (String) body.get("tenant"));
        Scope scope = scope(body.get("scope"));
        String name = name(body.get("name"));
        MeterId meter = null;
        if (body.get("meterId") != null) {
            if (!(body.get("meterId") instanceof String id) || id.isBlank()) {
                throw new InvalidInputException("meterId", "meterId must be a meter id (a string)");
            }
            if (scope == Scope.ADMIN) {
                throw new InvalidInputException("scope", "a key bound to one meter may be read or write, not admin");
            }
            meter = new MeterId(id);
            store.meters().require(new MeterRef(tenant, meter)); // 404: a household key for a meter that does not exist
        }
        ApiKeys.IssuedKey issued = keys.create(tenant, scope, name, meter, clock.millis());
        Map<String, Object> answer = view(issued.info());
        answer.put("key", issued.key()); // shown once: only its hash is kept
        ctx.status(201).json(answer);
    }

    public void revoke(Context ctx) {
        TenantId tenant = tenant(ctx, ctx.queryParam("tenant"));
        String id = ctx.pathParam("id");
        if (id.equals(MeterRoutes.principal(ctx, Scope.ADMIN).keyId())) {
            throw new InvalidInputException("id", "this is the key making the request: revoke it with another admin key");
        }
        if (!keys.revoke(tenant, id)) {
            throw new NotFoundException("no key '" + id + "' in this tenant (GET /api/v1/keys lists them)");
        }
        ctx.status(204);
    }

    /**
     * The tenant whose keys a request manages: the caller's own, or, named in {@code requested},
     * another one, which only an admin key of the default tenant may (the server owner's: it
     * onboards an energy service's customers without stopping the server).
     */
    private static TenantId tenant(Context ctx, String requested) {
        Principal p = MeterRoutes.principal(ctx, Scope.ADMIN);
        if (requested == null || requested.equals(p.tenant().value())) {
            return p.tenant();
        }
        TenantId other = new TenantId(requested); // 400 for a malformed id
        if (!p.ownsServer()) {
            throw new AccessDeniedException("only an admin key of the default tenant (the server owner's) manages other"
                    + " tenants' keys", false);
        }
        return other;
    }

    private static Scope scope(Object value) {
        if (!(value instanceof String s)) {
            throw new InvalidInputException("scope", "scope must be \"read\", \"write\" or \"admin\"");
        }
        try {
            return Scope.parse(s);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("scope", e.getMessage());
        }
    }

    private static String name(Object value) {
        if (value == null) {
            return "";
        }
        if (!(value instanceof String s) || s.length() > MAX_NAME_LENGTH || s.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidInputException("name", "name must be text of at most " + MAX_NAME_LENGTH + " characters, one line");
        }
        return s;
    }

    private static Map<String, Object> view(KeyInfo k) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", k.id());
        v.put("name", k.name());
        v.put("scope", k.scope().name().toLowerCase(Locale.ROOT));
        v.put("meterId", k.meter() == null ? null : k.meter().value());
        v.put("createdAt", k.createdMs() == 0 ? null : k.createdMs());
        return v;
    }
}
