package io.gridpulse.app;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts of one import: rows read, stored, already present (duplicates) and rejected, with the
 * reasons for rejection (up to {@value #MAX_REASONS} distinct reasons, each with its count and
 * first place seen). Not thread-safe: one importer fills it.
 */
final class ImportSummary {
    static final int MAX_REASONS = 10;

    /** How often a reason occurred and where first. */
    private static final class Reason {
        long count;
        final String firstSeenAt;

        Reason(long count, String firstSeenAt) {
            this.count = count;
            this.firstSeenAt = firstSeenAt;
        }
    }

    long rowsRead;
    long stored;
    long duplicates;
    long rejected;
    private final Map<String, Reason> reasons = new LinkedHashMap<>();

    void reject(String file, long lineNumber, String reason) {
        rejected++;
        count(reason, 1, file + ":" + lineNumber);
    }

    void add(ImportSummary other) {
        rowsRead += other.rowsRead;
        stored += other.stored;
        duplicates += other.duplicates;
        rejected += other.rejected;
        other.reasons.forEach((text, r) -> count(text, r.count, r.firstSeenAt));
    }

    private void count(String text, long count, String at) {
        Reason seen = reasons.get(text);
        if (seen != null) {
            seen.count += count;
        } else if (reasons.size() < MAX_REASONS) {
            reasons.put(text, new Reason(count, at));
        }
    }

    /** One line per distinct rejection reason: count, reason, first place seen. */
    List<String> reasonLines() {
        return reasons.entrySet().stream()
                .map(e -> e.getValue().count + " x " + e.getKey() + " (first at " + e.getValue().firstSeenAt + ")")
                .toList();
    }
}
