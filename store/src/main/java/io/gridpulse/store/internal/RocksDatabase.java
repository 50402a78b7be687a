package io.gridpulse.store.internal;

import io.gridpulse.core.StorageException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.CompressionType;
import org.rocksdb.DBOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.SstFileManager;
import org.rocksdb.Status;
import org.rocksdb.Env;
import org.rocksdb.WALRecoveryMode;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * The durable layer: one RocksDB with a column family per kind of record. Every write is a
 * single atomic {@link WriteBatch} whose WAL record is fsync'd before {@link #write} returns;
 * RocksDB groups concurrent writers into one fsync (group commit).
 */
public final class RocksDatabase implements AutoCloseable {
    static {
        RocksDB.loadLibrary();
    }

    private final RocksDB db;
    private final List<ColumnFamilyHandle> handles = new ArrayList<>();
    private final DBOptions dbOptions;
    private final SstFileManager spaceWatcher;
    private final List<ColumnFamilyOptions> cfOptions = new ArrayList<>();
    private final WriteOptions syncWrites = new WriteOptions().setSync(true);
    private final List<String> recoveryWarnings;
    public final ColumnFamilyHandle meta;
    public final ColumnFamilyHandle head;
    public final ColumnFamilyHandle chunks;
    public final ColumnFamilyHandle rollups;

    public RocksDatabase(Path dir) {
        try {
            Files.createDirectories(dir);
            spaceWatcher = new SstFileManager(Env.getDefault());
            dbOptions = new DBOptions().setSstFileManager(spaceWatcher).setCreateIfMissing(true).setCreateMissingColumnFamilies(true)
                    .setMaxBackgroundJobs(2).setKeepLogFileNum(3)
                    // After a crash, replay the WAL up to the last intact record and stop there. Each
                    // record is one whole append (readings + rollups), so the store reopens at a
                    // consistent point. kAbsoluteConsistency would refuse to open after a torn
                    // tail; kSkipAnyCorruptedRecords could replay records after a hole, leaving
                    // rollups that disagree with readings.
                    .setWalRecoveryMode(WALRecoveryMode.PointInTimeRecovery);
            List<ColumnFamilyDescriptor> descriptors = List.of(
                    descriptor(RocksDB.DEFAULT_COLUMN_FAMILY, CompressionType.LZ4_COMPRESSION),
                    descriptor("head".getBytes(), CompressionType.LZ4_COMPRESSION),
                    // Chunks are already compressed by our codec.
                    descriptor("chunks".getBytes(), CompressionType.NO_COMPRESSION),
                    descriptor("rollups".getBytes(), CompressionType.LZ4_COMPRESSION));
            db = RocksDB.open(dbOptions, dir.toString(), descriptors, handles);
        } catch (RocksDBException | java.io.IOException e) {
            throw new StorageException("cannot open store at " + dir + ": " + e.getMessage(), isNoSpace(e), e);
        }
        recoveryWarnings = RecoveryLog.warnings(dir);
        meta = handles.get(0);
        head = handles.get(1);
        chunks = handles.get(2);
        rollups = handles.get(3);
    }

    private ColumnFamilyDescriptor descriptor(byte[] name, CompressionType compression) {
        ColumnFamilyOptions options = new ColumnFamilyOptions().setCompressionType(compression);
        cfOptions.add(options);
        return new ColumnFamilyDescriptor(name, options);
    }

    /** What RocksDB reported while replaying the WAL at open (e.g. a torn tail), or empty. */
    public List<String> recoveryWarnings() {
        return recoveryWarnings;
    }

    /**
     * Applies the batch atomically and durably (fsync'd WAL). When the disk fills during a
     * flush or compaction, the {@link SstFileManager} polls for free space and RocksDB resumes
     * on its own. When the WAL append itself fails (ENOSPC), RocksDB refuses every later write
     * until the store is reopened: RocksJava 10.10 does not expose {@code DB::Resume()}.
     */
    public void write(WriteBatch batch) {
        try {
            db.write(syncWrites, batch);
        } catch (RocksDBException e) {
            String reason = isNoSpace(e) ? "no space left on the store's disk" : "I/O error";
            throw new StorageException("write refused, nothing of it was stored (" + reason + "): " + e.getMessage(),
                    isNoSpace(e), e);
        }
    }

    public byte[] get(ColumnFamilyHandle cf, byte[] key) {
        try {
            return db.get(cf, key);
        } catch (RocksDBException e) {
            throw new StorageException("read failed: " + e.getMessage(), false, e);
        }
    }

    public RocksIterator iterator(ColumnFamilyHandle cf) {
        return db.newIterator(cf);
    }

    /** Flushes memtables so that files on disk reflect every write (for size measurements). */
    public void flush() {
        try (var options = new org.rocksdb.FlushOptions().setWaitForFlush(true)) {
            db.flush(options, handles);
        } catch (RocksDBException e) {
            throw new StorageException("flush failed: " + e.getMessage(), isNoSpace(e), e);
        }
    }

    /** Compacts every column family fully (drops overwritten versions and deleted ranges). */
    public void compact() {
        try {
            for (ColumnFamilyHandle h : handles) {
                db.compactRange(h);
            }
        } catch (RocksDBException e) {
            throw new StorageException("compaction failed: " + e.getMessage(), isNoSpace(e), e);
        }
    }

    private static boolean isNoSpace(Exception e) {
        if (e instanceof RocksDBException r && r.getStatus() != null) {
            Status s = r.getStatus();
            if (s.getSubCode() == Status.SubCode.NoSpace) {
                return true;
            }
        }
        String message = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
        return message.contains("no space") || message.contains("nospace");
    }

    @Override
    public void close() {
        try {
            db.syncWal();
        } catch (RocksDBException ignored) {
            // Every acknowledged write was already synced; this is belt and braces on shutdown.
        }
        for (ColumnFamilyHandle h : handles) {
            h.close();
        }
        db.close();
        syncWrites.close();
        dbOptions.close();
        spaceWatcher.close();
        cfOptions.forEach(ColumnFamilyOptions::close);
    }
}
