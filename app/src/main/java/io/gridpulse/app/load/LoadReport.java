package io.gridpulse.app.load;

import java.util.LinkedHashMap;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Outcome of a load run. Readings: sent = handed to the client library / HTTP; acknowledged =
 * PUBACK or 204; stored = read back from the server; lost = acknowledged but not stored (summed
 * per meter); failed = given up without acknowledgement. Counts include the warm-up (one reading
 * per meter, registering it); rate and latencies cover only the timed part. Latencies in ms.
 */
public record LoadReport(String via, String node, int meters, int durationS, double elapsedS, long warmUpReadings, long sent,
        long acknowledged, long stored, long lost, long failed, long retried, long unreadableMeters,
        double p50Ms, double p90Ms, double p99Ms, double maxMs, long maxBehindScheduleMs) {

    static double ms(Histogram h, double percentile) {
        return h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(percentile) / 1000.0;
    }

    /** Acknowledged readings per second of the timed part (first send to last acknowledgement). */
    public double acknowledgedPerSecond() {
        return elapsedS <= 0 ? 0 : (acknowledged - warmUpReadings) / elapsedS;
    }

    public boolean zeroLoss() {
        return lost == 0 && unreadableMeters == 0;
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("via", via);
        m.put("node", node);
        m.put("meters", meters);
        m.put("durationS", durationS);
        m.put("elapsedS", round(elapsedS));
        m.put("warmUpReadings", warmUpReadings);
        m.put("sent", sent);
        m.put("acknowledged", acknowledged);
        m.put("stored", stored);
        m.put("lost", lost);
        m.put("failed", failed);
        m.put("retried", retried);
        m.put("unreadableMeters", unreadableMeters);
        m.put("acknowledgedPerSecond", round(acknowledgedPerSecond()));
        m.put("ackLatencyMs", Map.of("p50", round(p50Ms), "p90", round(p90Ms), "p99", round(p99Ms), "max", round(maxMs)));
        m.put("maxBehindScheduleMs", maxBehindScheduleMs);
        return m;
    }

    public String toText() {
        return String.format("""
                load via %s (%s node): %,d meters × 1 Hz for %d s (first send to last ack %.1f s)
                  sent          %,d  (incl. %,d warm-up readings that register the meters; not timed)
                  acknowledged  %,d  (%,.0f readings/s)
                  stored        %,d  (read back from the server)
                  lost          %,d  (acknowledged but not stored)
                  failed        %,d  (never acknowledged)   retried %,d  (full in-flight window or 429)   unreadable meters %,d
                  ack latency   p50 %.1f ms   p90 %.1f ms   p99 %.1f ms   max %.1f ms
                  behind schedule at most %,d ms
                """, via, node, meters, durationS, elapsedS, sent, warmUpReadings, acknowledged, acknowledgedPerSecond(), stored, lost,
                failed, retried, unreadableMeters, p50Ms, p90Ms, p99Ms, maxMs, maxBehindScheduleMs);
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
