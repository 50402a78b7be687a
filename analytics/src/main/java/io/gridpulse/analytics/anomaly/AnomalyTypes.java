package io.gridpulse.analytics.anomaly;

/** Stable {@link io.gridpulse.core.event.MeterEvent#type()} values of the anomaly detectors. */
public final class AnomalyTypes {
    /** An hour's usage far above the usual for that hour and day type. */
    public static final String USAGE_HIGH = "usage-high";
    /** A sustained extra load running far longer than such loads usually run here. */
    public static final String APPLIANCE_LEFT_ON = "appliance-left-on";
    /** A lasting step in the always-on power. */
    public static final String BASELOAD_JUMP = "baseload-jump";
    /** No readings for far longer than the meter's normal pauses. */
    public static final String METER_SILENT = "meter-silent";

    private AnomalyTypes() {}

    static String duration(long ms) {
        long minutes = ms / 60_000;
        return minutes >= 60 ? (minutes / 60) + " h " + (minutes % 60) + " min" : minutes + " min";
    }
}
