package io.gridpulse.analytics.nilm;

/**
 * A stretch during which an appliance was estimated on.
 *
 * @param startMs first tick on (UTC ms)
 * @param endMs end of the last tick on (exclusive, UTC ms)
 * @param energyMilliwattHours energy estimated for the appliance during the stretch
 */
public record OnPeriod(long startMs, long endMs, long energyMilliwattHours) {}
