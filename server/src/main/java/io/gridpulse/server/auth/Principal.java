package io.gridpulse.server.auth;

import io.gridpulse.core.MeterId;
import io.gridpulse.core.TenantId;

/**
 * The caller behind a request: a tenant, the key's scope and, for a device token, the one meter
 * it speaks for ({@code onlyMeter}; null for tenant-wide API keys).
 */
public record Principal(TenantId tenant, Scope scope, String keyName, MeterId onlyMeter) {
    public Principal(TenantId tenant, Scope scope, String keyName) {
        this(tenant, scope, keyName, null);
    }

    /** True if this principal may act for the meter: always for API keys, only its own for device tokens. */
    public boolean mayActFor(MeterId meter) {
        return onlyMeter == null || onlyMeter.equals(meter);
    }

    public boolean isDevice() {
        return onlyMeter != null;
    }
}
