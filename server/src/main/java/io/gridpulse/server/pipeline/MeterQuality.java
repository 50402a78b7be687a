package io.gridpulse.server.pipeline;

import io.gridpulse.core.Reading;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Data-quality counters of one meter since the server started: what was accepted, repeated,
 * late (older than the newest reading already stored), out of order within its batch, rejected,
 * and how many silences longer than the gap limit appeared. Thread-safe.
 */
public final class MeterQuality {
    private long accepted;
    private long duplicates;
    private long late;
    private long outOfOrder;
    private long rejected;
    private long gaps;
    private long newestMs;
    private long lastArrivalMs;

    MeterQuality(long newestStoredMs) {
        this.newestMs = newestStoredMs;
    }

    synchronized void batch(List<Reading> arrived, List<Reading> stored, int duplicateCount, long gapLimitMs, long nowMs) {
        for (int i = 1; i < arrived.size(); i++) {
            if (arrived.get(i).timestampMs() < arrived.get(i - 1).timestampMs()) {
                outOfOrder++;
            }
        }
        long previous = newestMs;
        for (Reading r : stored) { // stored is sorted by time
            if (r.timestampMs() < newestMs) {
                late++;
                continue;
            }
            if (previous != Long.MIN_VALUE && r.timestampMs() - previous > gapLimitMs) {
                gaps++;
            }
            previous = r.timestampMs();
        }
        newestMs = Math.max(newestMs, previous);
        accepted += stored.size();
        duplicates += duplicateCount;
        lastArrivalMs = nowMs;
    }

    synchronized void rejected(int readings) {
        rejected += readings;
    }

    /** The counters as a JSON-ready map. */
    public synchronized Map<String, Object> view() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("accepted", accepted);
        m.put("duplicates", duplicates);
        m.put("late", late);
        m.put("outOfOrder", outOfOrder);
        m.put("rejectedBatches", rejected);
        m.put("gaps", gaps);
        m.put("lastArrivalMs", lastArrivalMs == 0 ? null : lastArrivalMs);
        return m;
    }
}
