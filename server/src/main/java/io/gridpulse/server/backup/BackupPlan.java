package io.gridpulse.server.backup;

import java.nio.file.Path;

/**
 * Where backups go and how often the server makes them.
 *
 * @param folder the backups folder, or null for {@code <data>-backups} beside the data folder
 * @param keep how many backups are kept (the oldest beyond go)
 * @param everyMs the server makes one this often, 0 = only when asked ({@code POST /api/v1/backups})
 */
public record BackupPlan(Path folder, int keep, long everyMs) {
    /** Seven backups, made when asked: scheduled copies cost disk space the owner should choose to spend. */
    public static final BackupPlan DEFAULT = new BackupPlan(null, 7, 0);

    public BackupPlan {
        if (keep < 1) {
            throw new IllegalArgumentException("keep must be ≥ 1, got " + keep);
        }
        if (everyMs < 0) {
            throw new IllegalArgumentException("everyMs must be ≥ 0, got " + everyMs);
        }
    }
}
