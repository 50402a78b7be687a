package io.gridpulse.core;

/**
 * One sample of a meter: active power at an instant, and optionally the meter's cumulative
 * energy register. Integer units only: power in milliwatts (signed, negative = export),
 * energy in milliwatt-hours.
 *
 * @param timestampMs UTC epoch milliseconds, never negative
 * @param powerMilliwatts active power; negative means export (e.g. rooftop solar)
 * @param energyMilliwattHours cumulative import register, or {@link #NO_ENERGY}
 */
public record Reading(long timestampMs, long powerMilliwatts, long energyMilliwattHours) {
    /** Marks a reading that carries no energy register. */
    public static final long NO_ENERGY = Long.MIN_VALUE;

    public Reading {
        if (timestampMs < 0) {
            throw new InvalidInputException("ts", "timestamp must not be negative: " + timestampMs);
        }
        if (energyMilliwattHours < 0 && energyMilliwattHours != NO_ENERGY) {
            throw new InvalidInputException("energyWh", "energy register must not be negative");
        }
    }

    public static Reading ofPower(long timestampMs, long powerMilliwatts) {
        return new Reading(timestampMs, powerMilliwatts, NO_ENERGY);
    }

    public boolean hasEnergy() {
        return energyMilliwattHours != NO_ENERGY;
    }
}
