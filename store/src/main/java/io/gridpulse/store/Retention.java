package io.gridpulse.store;

import io.gridpulse.core.InvalidInputException;

/**
 * How long a tenant's data is kept. Raw readings (head and chunks) go after {@code rawDays};
 * 1 min and 15 min rollups after {@code fineRollupDays}. Hourly rollups are always kept: they are
 * small (24 rows a day) and bills, usage history and forecasts are computed from them. 0 = forever.
 */
public record Retention(int rawDays, int fineRollupDays) {
    public static final Retention KEEP_ALL = new Retention(0, 0);
    /** Ten years: beyond that a "days" figure is almost certainly a unit mistake. */
    private static final int MAX_DAYS = 3_653;

    public Retention {
        check("rawDays", rawDays);
        check("fineRollupDays", fineRollupDays);
    }

    private static void check(String field, int days) {
        if (days < 0 || days > MAX_DAYS) {
            throw new InvalidInputException(field, field + " must be 0 (keep forever) or 1.." + MAX_DAYS + " days, got " + days);
        }
    }

    /** Readings before this instant may be deleted, or {@link Long#MIN_VALUE} when kept forever. */
    long rawCutoffMs(long nowMs) {
        return cutoff(nowMs, rawDays);
    }

    long fineRollupCutoffMs(long nowMs) {
        return cutoff(nowMs, fineRollupDays);
    }

    private static long cutoff(long nowMs, int days) {
        return days == 0 ? Long.MIN_VALUE : nowMs - days * 86_400_000L;
    }
}
