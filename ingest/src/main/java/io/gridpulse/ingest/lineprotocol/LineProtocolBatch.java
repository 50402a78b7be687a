package io.gridpulse.ingest.lineprotocol;

import io.gridpulse.core.MeterId;
import io.gridpulse.core.Reading;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * A fully parsed line-protocol request: readings grouped per meter (in first-seen order) and the
 * number of lines of other measurements that were skipped.
 */
public record LineProtocolBatch(Map<MeterId, List<Reading>> readingsByMeter, int ignoredLines) {
    /**
     * @param readingsByMeter kept as given behind a read-only view, not copied (a copy of a
     *     1,000-meter gateway post cost a hash probe per meter): the parsers hand over a map they
     *     no longer touch
     */
    public LineProtocolBatch {
        readingsByMeter = Collections.unmodifiableMap(readingsByMeter);
    }

    public int readingCount() {
        return readingsByMeter.values().stream().mapToInt(List::size).sum();
    }
}
