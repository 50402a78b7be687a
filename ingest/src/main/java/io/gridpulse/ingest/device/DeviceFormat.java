package io.gridpulse.ingest.device;

import io.gridpulse.core.InvalidInputException;
import java.util.Locale;

/** Native JSON payloads of popular meters and plugs that GridPulse accepts unchanged. */
public enum DeviceFormat {
    /** Tasmota {@code tele/<topic>/SENSOR}: {@code ENERGY.Power} W, {@code ENERGY.Total} kWh, {@code Time} local. */
    TASMOTA,
    /** Shelly Gen1 EM/3EM {@code /status} ({@code emeters[]}) or Gen2+ Plus component status ({@code apower}, {@code aenergy}). */
    SHELLY,
    /** EnerTalk-style milli-units: {@code activePower} mW, {@code energy} (or {@code positiveEnergy}) mWh, {@code timestamp} ms. */
    ENERTALK;

    public static DeviceFormat parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidInputException("format", "unknown format '" + name + "'; use tasmota, shelly or enertalk");
        }
    }
}
