package io.gridpulse.store;

import io.gridpulse.core.Reading;
import java.util.List;

/**
 * Outcome of a durable append: the readings newly stored (sorted by time) and how many were
 * already present (same meter and timestamp) and so ignored.
 */
public record AppendResult(List<Reading> stored, int duplicates) {
    public int accepted() {
        return stored.size();
    }
}
