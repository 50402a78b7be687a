package io.gridpulse.server.backup;

import io.gridpulse.core.InvalidInputException;
import io.gridpulse.core.StorageException;
import io.gridpulse.store.ReadingStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Backups of a running store: each a folder {@code backup-<UTC time>} under one backups folder,
 * holding a consistent copy of the database ({@link ReadingStore#checkpoint}) and the data
 * folder's other files (NILM models, the admin key file), so that {@code --data <backup>} starts
 * a server on it as it was. The newest {@code keep} are kept. A backup is made under a hidden
 * name and renamed when whole: a listing never shows half of one, and a crash leaves only a
 * hidden folder, removed by the next backup.
 */
public final class Backups {
    private static final Logger LOG = LoggerFactory.getLogger(Backups.class);
    private static final String PREFIX = "backup-";
    private static final String PARTIAL_PREFIX = ".partial-";
    private static final DateTimeFormatter NAME_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    /** RocksDB's own files in a data folder; everything else there is copied beside the checkpoint. */
    private static final Pattern ROCKSDB_FILE = Pattern.compile(
            "\\d+\\.(sst|log|blob)|CURRENT|IDENTITY|LOCK|LOG(\\.old\\.\\d+)?|MANIFEST-\\d+|OPTIONS-\\d+(\\.dbtmp)?");

    /** One finished backup: its folder name, when it was made and the bytes of its files. */
    public record Backup(String name, Instant createdAt, long bytes, Path path) {}

    private final ReadingStore store;
    private final Path folder;
    private final int keep;
    private final Clock clock;
    private final AtomicLong made = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile long lastMadeEpochMs;

    /**
     * @param plan where backups go (on the store's file system, unchanged files are shared with the
     *     store through hard links: a backup costs little space until the store rewrites them) and
     *     how many are kept; its interval is the server's business
     */
    public Backups(ReadingStore store, BackupPlan plan, Clock clock) {
        Path data = store.config().dataDir().toAbsolutePath().normalize();
        this.folder = plan.folder() != null ? plan.folder().toAbsolutePath().normalize()
                : data.resolveSibling(data.getFileName() + "-backups");
        if (folder.startsWith(data)) {
            throw new InvalidInputException("backupDir", "the backups folder " + folder + " must be outside the data folder "
                    + data + " (each backup copies the data folder's files)");
        }
        this.store = store;
        this.keep = plan.keep();
        this.clock = clock;
    }

    public Path folder() {
        return folder;
    }

    /** Makes a backup now, then removes the oldest beyond {@code keep}; one at a time. */
    public synchronized Backup create() {
        Instant now = clock.instant();
        String name = PREFIX + NAME_TIME.format(now);
        Path target = folder.resolve(name);
        if (Files.exists(target)) { // two in one second: the one just made is as new
            return describe(target);
        }
        Path partial = folder.resolve(PARTIAL_PREFIX + name);
        try {
            Files.createDirectories(folder);
            removeLeftovers();
            store.checkpoint(partial);
            copySideFiles(store.config().dataDir(), partial);
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            deleteQuietly(partial);
            failed.incrementAndGet();
            throw new StorageException("cannot make a backup in " + folder + ": " + e.getMessage(),
                    String.valueOf(e.getMessage()).contains("No space"), e);
        } catch (RuntimeException e) {
            deleteQuietly(partial);
            failed.incrementAndGet();
            throw e;
        }
        made.incrementAndGet();
        lastMadeEpochMs = now.toEpochMilli();
        prune();
        Backup backup = describe(target);
        LOG.info("backup {} made: {} bytes", target, backup.bytes());
        return backup;
    }

    /** Backups made by this process. */
    public long madeTotal() {
        return made.get();
    }

    /** Backups this process tried to make and could not. */
    public long failedTotal() {
        return failed.get();
    }

    /** When this process last made a backup (epoch ms), 0 before its first. */
    public long lastMadeEpochMs() {
        return lastMadeEpochMs;
    }

    /** Finished backups, newest first. */
    public List<Backup> list() {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.filter(p -> p.getFileName().toString().startsWith(PREFIX) && Files.isDirectory(p))
                    .sorted(Comparator.comparing((Path p) -> p.getFileName().toString()).reversed())
                    .map(this::describe)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list backups in " + folder, e);
        }
    }

    private Backup describe(Path backup) {
        String name = backup.getFileName().toString();
        Instant created = NAME_TIME.parse(name.substring(PREFIX.length()), Instant::from);
        return new Backup(name, created, bytes(backup), backup);
    }

    private void prune() {
        List<Backup> all = list();
        for (Backup old : all.subList(Math.min(keep, all.size()), all.size())) {
            deleteQuietly(old.path());
            LOG.info("backup {} removed (keeping the newest {})", old.path(), keep);
        }
    }

    private void removeLeftovers() throws IOException {
        try (Stream<Path> entries = Files.list(folder)) {
            entries.filter(p -> p.getFileName().toString().startsWith(PARTIAL_PREFIX)).forEach(Backups::deleteQuietly);
        }
    }

    /** Everything in the data folder that is not RocksDB's (it is in the checkpoint), folders too. */
    private static void copySideFiles(Path dataDir, Path target) throws IOException {
        List<Path> sideFiles = new ArrayList<>();
        try (Stream<Path> entries = Files.list(dataDir)) {
            entries.filter(p -> !ROCKSDB_FILE.matcher(p.getFileName().toString()).matches()).forEach(sideFiles::add);
        }
        for (Path source : sideFiles) {
            copyTree(source, target.resolve(source.getFileName().toString()));
        }
    }

    private static void copyTree(Path source, Path target) throws IOException {
        Files.walkFileTree(source, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(target.resolve(source.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.copy(file, target.resolve(source.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static long bytes(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        } catch (IOException e) {
            return 0;
        }
    }

    private static void deleteQuietly(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    LOG.warn("cannot delete {}: {}", p, e.getMessage());
                }
            });
        } catch (IOException e) {
            LOG.warn("cannot delete {}: {}", root, e.getMessage());
        }
    }
}
