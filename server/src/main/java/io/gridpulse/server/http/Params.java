package io.gridpulse.server.http;

import io.gridpulse.core.InvalidInputException;
import io.gridpulse.ingest.ReadingParsers;
import io.javalin.http.Context;
import java.time.DateTimeException;
import java.time.ZoneId;

/** Query-parameter parsing with errors that name the parameter. */
public final class Params {
    private Params() {}

    /** Epoch ms or ISO-8601; {@code fallback} when absent. */
    public static long time(Context ctx, String name, long fallback) {
        String value = ctx.queryParam(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return ReadingParsers.parseTimestamp(value.trim());
        } catch (InvalidInputException e) {
            throw new InvalidInputException(name, "'" + name + "': " + e.getMessage());
        }
    }

    public static ZoneId zone(Context ctx, String name, ZoneId fallback) {
        String value = ctx.queryParam(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return ZoneId.of(value.trim());
        } catch (DateTimeException e) {
            throw new InvalidInputException(name, "unknown time zone '" + value + "'");
        }
    }

    /** A whole number in [min, max]; {@code fallback} when absent. */
    public static int intInRange(Context ctx, String name, int min, int max, int fallback) {
        String value = ctx.queryParam(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new InvalidInputException(name, "'" + name + "' must be a whole number from " + min + " to " + max + ", got '" + value + "'");
    }
}
