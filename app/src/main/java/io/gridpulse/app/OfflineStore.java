package io.gridpulse.app;

import io.gridpulse.core.InvalidInputException;
import io.gridpulse.store.ReadingStore;
import io.gridpulse.store.StorageConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/** The storage folder opened by a command that runs without a server (import, export). */
final class OfflineStore {
    private OfflineStore() {}

    /**
     * The store in {@code data}; when it cannot be opened (RocksDB allows one process per folder),
     * an error that names the folder, the likely cause and {@code otherwise}, what to do instead.
     */
    static ReadingStore open(Path data, String otherwise) {
        try {
            return ReadingStore.open(StorageConfig.defaults(data), Clock.systemUTC());
        } catch (RuntimeException e) {
            throw new InvalidInputException("data", "cannot open storage folder " + data + " (is 'gridpulse serve' using it?"
                    + " stop it, or " + otherwise + "): " + e.getMessage());
        }
    }

    /** As {@link #open}, for a command that reads what is there: a folder that does not exist is an error, not a new store. */
    static ReadingStore openExisting(Path data, String otherwise) {
        if (!Files.isDirectory(data)) {
            throw new InvalidInputException("data", "no storage folder " + data + " (--data)");
        }
        return open(data, otherwise);
    }
}
