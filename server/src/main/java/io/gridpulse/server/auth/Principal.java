package io.gridpulse.server.auth;

import io.gridpulse.core.MeterId;
import io.gridpulse.core.TenantId;

/**
 * The caller behind a request: a tenant, the key's scope and, for a device token or a key made
 * for one household, the one meter it speaks for ({@code onlyMeter}; null for tenant-wide keys),
 * and the id its key is listed and revoked by ({@code keyId}).
 */
public record Principal(TenantId tenant, Scope scope, String keyName, MeterId onlyMeter, String keyId) {

    /** True if this principal may act for the meter: always for tenant-wide keys, only its own for keys bound to a meter. */
    public boolean mayActFor(MeterId meter) {
        return onlyMeter == null || onlyMeter.equals(meter);
    }

    /**
     * The server owner: an admin key of the default tenant, not bound to a meter. It alone reaches
     * across tenants (other tenants' keys, backups of every tenant's data).
     */
    public boolean ownsServer() {
        return tenant.equals(TenantId.DEFAULT) && scope == Scope.ADMIN && onlyMeter == null;
    }

    /** A device token or a household's key: it may see and post only its meter. */
    public boolean boundToMeter() {
        return onlyMeter != null;
    }
}
