package io.gridpulse.ingest.lineprotocol;

import io.gridpulse.core.MeterId;
import io.gridpulse.core.Reading;
import java.util.List;
import java.util.Map;

/**
 * A fully parsed line-protocol request: readings grouped per meter (in first-seen order) and the
 * number of lines of other measurements that were skipped.
 */
public record LineProtocolBatch(Map<MeterId, List<Reading>> readingsByMeter, int ignoredLines) {
    public LineProtocolBatch {
        readingsByMeter = Map.copyOf(readingsByMeter);
    }

    public int readingCount() {
        return readingsByMeter.values().stream().mapToInt(List::size).sum();
    }
}
