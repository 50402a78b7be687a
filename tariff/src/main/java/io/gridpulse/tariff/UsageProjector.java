package io.gridpulse.tariff;

import io.gridpulse.tariff.internal.ProfileProjector;
import java.time.Instant;
import java.time.ZoneId;

/**
 * Estimates the energy a site will still use until the end of its billing period. Must be
 * deterministic: the same inputs give the same output. The built-in implementation weighs recent
 * days and the weekday/weekend hourly profile; a forecasting module may supply a better one.
 */
public interface UsageProjector {
    /** The built-in projector: each day type's hour-of-day profile from recent days, recency-weighted. */
    static UsageProjector byProfile() {
        return new ProfileProjector();
    }

    /**
     * @param usage the site's usage so far (may include days before the period; buckets at or
     *     after {@code at} are ignored)
     * @param at the moment of the projection
     * @param periodStart start of the billing period (local midnight of its first day)
     * @param periodEndExclusive local midnight after the period's last day
     * @param zone the site's zone
     * @return projected energy per hour bucket from the hour containing {@code at} (only the part
     *     after {@code at}) to {@code periodEndExclusive}, in microwatt-hours
     */
    HourlyUsage projectRemaining(HourlyUsage usage, Instant at, Instant periodStart, Instant periodEndExclusive,
                                 ZoneId zone);
}
