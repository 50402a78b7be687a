package io.gridpulse.server.auth;

import io.gridpulse.core.TenantId;

/** The caller behind a request: a tenant and the key's scope. */
public record Principal(TenantId tenant, Scope scope, String keyName) {}
