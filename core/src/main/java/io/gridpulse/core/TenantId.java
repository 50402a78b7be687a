package io.gridpulse.core;

import java.util.regex.Pattern;

/** A tenant: the unit of isolation. Lower-case letters, digits, '-' and '_', 1–64 chars. */
public record TenantId(String value) {
    private static final Pattern VALID = Pattern.compile("[a-z0-9_-]{1,64}");

    /** The tenant of a single-household install and of the demo. */
    public static final TenantId DEFAULT = new TenantId("default");

    public TenantId {
        if (value == null || !VALID.matcher(value).matches()) {
            throw new InvalidInputException("tenant", "tenant id must match [a-z0-9_-]{1,64}, got: " + value);
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
