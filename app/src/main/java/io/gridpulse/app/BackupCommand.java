package io.gridpulse.app;

import io.gridpulse.server.backup.BackupPlan;
import io.gridpulse.server.backup.Backups;
import io.gridpulse.store.ReadingStore;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code gridpulse backup}: a backup of a storage folder no server is using. A running server makes
 * them itself: {@code POST /api/v1/backups}, or every {@code serve --backup-every}.
 */
@Command(name = "backup", mixinStandardHelpOptions = true,
        description = "Back up a storage folder (the server stopped; a running server: POST /api/v1/backups or serve "
                + "--backup-every). Start a server on a backup with --data <backup>.")
final class BackupCommand implements Callable<Integer> {
    @Option(names = "--data", defaultValue = "gridpulse-data", description = "Storage folder (default: ${DEFAULT-VALUE}).")
    Path data;

    @Option(names = "--to", description = "Backups folder (default: <data>-backups beside the storage folder).")
    Path to;

    @Option(names = "--keep", defaultValue = "7", description = "Backups kept there; the oldest beyond go (default: ${DEFAULT-VALUE}).")
    int keep;

    @Override
    public Integer call() {
        try (ReadingStore store = OfflineStore.openExisting(data, "ask it with an admin key of the default tenant: POST /api/v1/backups")) {
            Backups backups = new Backups(store, new BackupPlan(to, keep, 0), Clock.systemUTC());
            Backups.Backup made = backups.create();
            System.out.printf("backup %s: %,d bytes (%d kept in %s)%n", made.path(), made.bytes(), backups.list().size(),
                    backups.folder());
        }
        return 0;
    }
}
