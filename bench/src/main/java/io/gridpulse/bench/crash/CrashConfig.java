package io.gridpulse.bench.crash;

import java.nio.file.Path;

/**
 * Settings of a kill-and-recover run.
 *
 * @param dataDir the store's folder (created)
 * @param seed drives the readings, batch choices and kill moments; printed so a failure replays
 * @param kills how many times the ingest child is killed with SIGKILL
 * @param threads writer threads in the child (they share fsyncs)
 * @param meters meters written
 * @param minRunMs shortest time the child runs before being killed
 * @param maxRunMs longest time the child runs before being killed
 * @param truncateWalTail after each kill, damage the last few bytes written to the newest WAL file
 *     (cut short, or zeroed in a recycled file: simulated loss of the disk's last sectors; the
 *     last fsync'd record may be lost, nothing else)
 */
public record CrashConfig(Path dataDir, long seed, int kills, int threads, int meters, long minRunMs, long maxRunMs,
                          boolean truncateWalTail) {
    public CrashConfig {
        if (kills < 1 || threads < 1 || meters < threads || minRunMs < 0 || maxRunMs < minRunMs) {
            throw new IllegalArgumentException("need kills >= 1, meters >= threads >= 1, 0 <= minRunMs <= maxRunMs");
        }
    }
}
