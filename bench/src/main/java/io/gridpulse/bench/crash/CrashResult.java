package io.gridpulse.bench.crash;

import java.util.List;

/**
 * Outcome of a kill-and-recover run.
 *
 * @param kills children killed
 * @param acks batches acknowledged over all runs
 * @param readingsVerified acknowledged readings found intact after the last recovery
 * @param lostToTruncation acknowledged batches removed by deliberate WAL truncation (allowed)
 * @param problems every violation found; empty means the store kept its promises
 */
public record CrashResult(long seed, int kills, int acks, long readingsVerified, int lostToTruncation,
                          List<String> problems) {
    public boolean passed() {
        return problems.isEmpty();
    }

    public String toText() {
        return String.format("crash: seed %d, %d kills, %d acknowledged batches, %d acknowledged readings verified, "
                + "%d batches lost to WAL truncation, %s", seed, kills, acks, readingsVerified, lostToTruncation,
                passed() ? "PASSED" : "FAILED: " + String.join("; ", problems.subList(0, Math.min(5, problems.size()))));
    }

    public String toJson() {
        return String.format("{\"seed\":%d,\"kills\":%d,\"acks\":%d,\"readingsVerified\":%d,\"lostToTruncation\":%d,"
                + "\"passed\":%b,\"problems\":%d}", seed, kills, acks, readingsVerified, lostToTruncation, passed(),
                problems.size());
    }
}
