package io.gridpulse.bench.fuzz;

import java.util.List;

/**
 * What one target's run found.
 *
 * @param inputs mutated inputs checked
 * @param findings distinct broken contracts, each with how often it occurred and its first input
 */
public record FuzzReport(String target, long seed, long inputs, double seconds, List<Finding> findings) {
    /** One distinct failure: where it was thrown (or which property broke), and the first input that did it. */
    public record Finding(String key, String message, long count, byte[] firstInput) {}

    public boolean passed() {
        return findings.isEmpty();
    }

    public double inputsPerSecond() {
        return seconds > 0 ? inputs / seconds : 0;
    }
}
