package io.gridpulse.analytics.eval;

/**
 * One anomaly planted into a real trace, with the window in which a detection counts.
 *
 * @param type the {@link io.gridpulse.analytics.anomaly.AnomalyTypes} value it should trigger
 * @param startMs when it begins (UTC ms)
 * @param endMs when it ends (UTC ms; the trace end for a baseload jump)
 * @param matchUntilMs latest event time that still counts as detecting it
 * @param extraWatts power added (0 for a silence)
 */
public record InjectedAnomaly(String type, long startMs, long endMs, long matchUntilMs, double extraWatts) {
    public boolean matches(long eventMs) {
        return eventMs >= startMs && eventMs <= matchUntilMs;
    }
}
