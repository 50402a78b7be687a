package io.gridpulse.analytics.eval;

/**
 * Precision and recall of one anomaly type over several injection runs.
 *
 * @param type the anomaly type
 * @param injected anomalies planted
 * @param detected planted anomalies with at least one matching event
 * @param events events of this type (excluding those explained by real gaps in the data)
 * @param matchedEvents events that fell in a planted anomaly's window
 */
public record DetectionScore(String type, int injected, int detected, int events, int matchedEvents) {
    public double recall() {
        return injected == 0 ? Double.NaN : (double) detected / injected;
    }

    public double precision() {
        return events == 0 ? Double.NaN : (double) matchedEvents / events;
    }

    public DetectionScore plus(DetectionScore o) {
        return new DetectionScore(type, injected + o.injected, detected + o.detected, events + o.events,
                matchedEvents + o.matchedEvents);
    }
}
