package io.gridpulse.core;

import java.util.regex.Pattern;

/** A meter's id, unique within its tenant: letters, digits, '.', '-' and '_', 1–128 chars. */
public record MeterId(String value) {
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._-]{1,128}");

    public MeterId {
        if (value == null || !VALID.matcher(value).matches()) {
            throw new InvalidInputException("meterId", "meter id must match [A-Za-z0-9._-]{1,128}, got: " + value);
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
