package io.gridpulse.store.internal;

import io.gridpulse.core.StorageException;
import io.gridpulse.store.RollupLevel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.rocksdb.Checkpoint;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.CompressionType;
import org.rocksdb.DBOptions;
import org.rocksdb.Env;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.SstFileManager;
import org.rocksdb.Status;
import org.rocksdb.WALRecoveryMode;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable layer: one RocksDB with a column family per kind of record. Every write is a
 * single atomic {@link WriteBatch} whose WAL record is fsync'd before {@link #write} returns;
 * RocksDB groups concurrent writers into one fsync (group commit).
 *
 * <p>Callers run their work inside {@link #use} (reads) or {@link #useForWrite} (writes). After a
 * failed WAL append (e.g. disk full) RocksDB refuses every later write; RocksJava has no
 * {@code DB::Resume()}, so the next {@link #useForWrite} reopens the database in place once
 * there is free space again, while no other operation holds it. Reads go on meanwhile.
 */
public final class RocksDatabase implements AutoCloseable {
    static {
        RocksNativeLibrary.load();
    }

    private static final Logger LOG = LoggerFactory.getLogger(RocksDatabase.class);
    /** Free space needed before a reopen is tried: room for a new WAL, MANIFEST and a flush. */
    static final long REOPEN_MIN_FREE_BYTES = 4L * 1024 * 1024;

    private final Path dir;
    private final ReentrantReadWriteLock gate = new ReentrantReadWriteLock();
    private final List<ColumnFamilyHandle> handles = new ArrayList<>();
    private final DBOptions dbOptions;
    private final SstFileManager spaceWatcher;
    private final List<ColumnFamilyOptions> cfOptions = new ArrayList<>();
    private final List<ColumnFamilyDescriptor> descriptors;
    private final WriteOptions unsyncedWrites = new WriteOptions();
    private final WalGroupSync walSync = new WalGroupSync(() -> this.db.syncWal());
    private final List<String> recoveryWarnings;
    private volatile boolean reopenNeeded;
    private volatile Runnable reopenListener = () -> {};
    private volatile boolean unavailable;
    /** Set by {@link #close}, under the write lock: every later call fails cleanly. */
    private volatile boolean closed;
    private RocksDB db;
    public volatile ColumnFamilyHandle meta;
    public volatile ColumnFamilyHandle head;
    public volatile ColumnFamilyHandle chunks;
    public volatile ColumnFamilyHandle rollups;
    public volatile ColumnFamilyHandle pending;
    public volatile ColumnFamilyHandle days;
    public volatile ColumnFamilyHandle hourRollups;
    public volatile ColumnFamilyHandle minuteDays;

    /**
     * @param maxWalBytes WAL files beyond this much flush what the oldest covers, so it can be
     *     recycled
     */
    public RocksDatabase(Path dir, long maxWalBytes) {
        this.dir = dir;
        try {
            Files.createDirectories(dir);
            spaceWatcher = new SstFileManager(Env.getDefault());
        } catch (RocksDBException | IOException e) {
            throw new StorageException("cannot open store at " + dir + ": " + e.getMessage(), isNoSpace(e), e);
        }
        dbOptions = new DBOptions().setSstFileManager(spaceWatcher).setCreateIfMissing(true)
                .setCreateMissingColumnFamilies(true).setMaxBackgroundJobs(2).setKeepLogFileNum(3)
                // Flushes and compactions write their files out 1 MB at a time instead of leaving
                // them dirty: an ext4 journal commit (every acknowledged write's fdatasync) waits
                // for dirty data of newly allocated blocks, so big dirty SST files stall acks.
                .setBytesPerSync(1 << 20)
                // Write new WAL records over an old WAL file instead of appending to a new one: an
                // acknowledged write's fdatasync then has no block allocation or file size to
                // commit to the ext4 journal, and its pages are already cached (no page zeroing).
                // A file is free for reuse once every column family it holds data of has been
                // flushed; the WAL size cap makes the rarely written ones flush too. RocksDB 9.1+
                // keeps point-in-time recovery exact with recycled files (records carry their log
                // number; an old record ends the log). Keeping 8 files instead of 1 measured
                // slower in fleet seconds (benchmarks.md, round 21).
                .setRecycleLogFileNum(1).setMaxTotalWalSize(maxWalBytes)
                // Insert hints (see descriptor) work only when one thread inserts a write group.
                .setAllowConcurrentMemtableWrite(false)
                // After a crash, replay the WAL up to the last intact record and stop there. Each
                // record is one whole append (readings + rollups), so the store reopens at a
                // consistent point. kAbsoluteConsistency would refuse to open after a torn
                // tail; kSkipAnyCorruptedRecords could replay records after a hole, leaving
                // rollups that disagree with readings.
                .setWalRecoveryMode(WALRecoveryMode.PointInTimeRecovery);
        descriptors = List.of(
                descriptor(RocksDB.DEFAULT_COLUMN_FAMILY, CompressionType.LZ4_COMPRESSION, false),
                // Head blocks are varint deltas already (HeadBlock) and live until their hour is
                // sealed: LZ4 cost the flushes ~2 % of the machine's CPU in fleet seconds.
                descriptor("head".getBytes(), CompressionType.NO_COMPRESSION, true),
                // Chunks are already compressed by our codec.
                descriptor("chunks".getBytes(), CompressionType.NO_COMPRESSION, true),
                descriptor("rollups".getBytes(), CompressionType.LZ4_COMPRESSION, true),
                // Short-lived multi-meter records (PendingLog), moved into head blocks within minutes.
                descriptor("pending".getBytes(), CompressionType.NO_COMPRESSION, false),
                // Whole past days of a meter, compacted from its hour chunks: our codec again.
                descriptor("days".getBytes(), CompressionType.NO_COMPRESSION, true),
                // Hourly rows apart from the minute and 15-minute ones: a fleet's day of them is
                // then a few thousand adjacent blocks, not one or two blocks among each meter's
                // 1,500 finer rows (format 6, see store/README.md).
                descriptor("hourRollups".getBytes(), CompressionType.LZ4_COMPRESSION, true),
                // A past day's minute rows of a meter as one value (MinuteRollupDay): our codec again.
                descriptor("minuteDays".getBytes(), CompressionType.NO_COMPRESSION, true));
        openDb();
        recoveryWarnings = RecoveryLog.warnings(dir);
    }

    private void openDb() {
        handles.clear();
        try {
            db = RocksDB.open(dbOptions, dir.toString(), descriptors, handles);
        } catch (RocksDBException e) {
            String hint = String.valueOf(e.getMessage()).contains("LOCK")
                    ? " (another GridPulse process is using this folder: stop it, or choose another --data)" : "";
            throw new StorageException("cannot open store at " + dir + ": " + e.getMessage() + hint, isNoSpace(e), e);
        }
        meta = handles.get(0);
        head = handles.get(1);
        chunks = handles.get(2);
        rollups = handles.get(3);
        pending = handles.get(4);
        days = handles.get(5);
        hourRollups = handles.get(6);
        minuteDays = handles.get(7);
    }

    /** The column family holding rollup rows of this level. */
    public ColumnFamilyHandle rollupsOf(RollupLevel level) {
        return level == RollupLevel.HOUR ? hourRollups : rollups;
    }

    /**
     * @param meterKeyed keys start with the 8-byte meter key and each meter's keys mostly arrive in
     *     ascending order: an insert then starts from where the meter's previous one went instead
     *     of the skiplist's top (≈ 2 µs of cache misses per insert in a memtable of ~10^5 entries)
     */
    private ColumnFamilyDescriptor descriptor(byte[] name, CompressionType compression, boolean meterKeyed) {
        ColumnFamilyOptions options = meterKeyed ? withInsertHints() : new ColumnFamilyOptions();
        options.setCompressionType(compression);
        cfOptions.add(options);
        return new ColumnFamilyDescriptor(name, options);
    }

    /** RocksJava has no setter for this option; its options-string parser takes it. */
    private static ColumnFamilyOptions withInsertHints() {
        Properties hint = new Properties();
        hint.setProperty("memtable_insert_with_hint_prefix_extractor", "rocksdb.FixedPrefix." + Long.BYTES);
        return ColumnFamilyOptions.getColumnFamilyOptionsFromProps(hint);
    }

    /** What RocksDB reported while replaying the WAL at open (e.g. a torn tail), or empty. */
    public List<String> recoveryWarnings() {
        return recoveryWarnings;
    }

    /**
     * Called during a reopen, while no other operation runs: a write that failed at fsync may
     * still be replayed from the WAL, so callers must drop anything cached from before.
     */
    public void onReopen(Runnable listener) {
        this.reopenListener = listener;
    }

    /** False after a write failed (e.g. disk full) until a later write has reopened the database. */
    public boolean acceptsWrites() {
        return !reopenNeeded && !unavailable;
    }

    /** True when a reopen after a failed write did not succeed: neither reads nor writes are served. */
    public boolean unavailable() {
        return unavailable || closed;
    }

    /** Bytes free for the store on its disk, or -1 when that cannot be told. */
    public long usableBytes() {
        try {
            return Files.getFileStore(dir).getUsableSpace();
        } catch (IOException e) {
            return -1;
        }
    }

    /** Runs a read (or anything that must not overlap a reopen) against the open database. */
    public <T> T use(Supplier<T> work) {
        gate.readLock().lock();
        try {
            if (closed) { // a native handle used after close would crash the JVM, not throw
                throw new StorageException("store at " + dir + " is closed", false, null);
            }
            if (unavailable) {
                throw new StorageException("store at " + dir + " is unavailable: it could not be reopened", false, null);
            }
            return work.get();
        } finally {
            gate.readLock().unlock();
        }
    }

    /** Like {@link #use}, but first reopens the database if an earlier write failed. */
    public <T> T useForWrite(Supplier<T> work) {
        if (reopenNeeded) {
            reopen();
        }
        return use(work);
    }

    private void reopen() {
        gate.writeLock().lock();
        try {
            if (!reopenNeeded) {
                return;
            }
            long free = Files.getFileStore(dir).getUsableSpace();
            if (free < REOPEN_MIN_FREE_BYTES) {
                throw new StorageException("write refused, nothing of it was stored (no space left on the store's"
                        + " disk: " + free + " bytes free)", true, null);
            }
            closeDb();
            try {
                openDb();
            } catch (StorageException e) {
                unavailable = true;
                throw e;
            }
            unavailable = false;
            reopenListener.run(); // if it fails, the next write reopens again
            reopenNeeded = false;
            LOG.warn("store at {} reopened after a failed write; writes are accepted again", dir);
        } catch (IOException e) {
            throw new StorageException("cannot check free space of " + dir + ": " + e.getMessage(), false, e);
        } finally {
            gate.writeLock().unlock();
        }
    }

    /**
     * Applies the batch atomically and durably: returns once the WAL holding it is fsync'd
     * (shared with concurrent writers, {@link WalGroupSync}). Readers may see the batch a moment
     * before that; a crash then loses it together with every later write (the WAL replays a
     * prefix), and its writer was never answered. Call inside {@link #useForWrite}.
     */
    public void write(WriteBatch batch) {
        apply(batch, true);
    }

    /**
     * Applies the batch atomically without waiting for an fsync: for data derived from what is
     * already durable (moved pending readings, sealed hours, compacted days). The WAL keeps its
     * records in order, so the next durable write's fsync covers this one too; a crash before
     * that loses it whole, and what it was derived from is still there to derive it again (RocksDB
     * syncs closed WAL files before it flushes a column family, so no flushed file can outlive the
     * record it came with). Waiting for the fsync instead held the meter's lock through it: a
     * sealing pass waited one fsync per meter-hour, and each meter's writers with it. Call inside
     * {@link #useForWrite}.
     */
    public void writeDurableLater(WriteBatch batch) {
        apply(batch, false);
    }

    private void apply(WriteBatch batch, boolean awaitDurable) {
        try {
            db.write(unsyncedWrites, batch);
            if (awaitDurable) {
                walSync.awaitDurable();
            }
        } catch (RocksDBException e) {
            reopenNeeded = true;
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

    /** Iterators over several column families that all see the same moment of the database. */
    public List<RocksIterator> iterators(List<ColumnFamilyHandle> cfs) {
        try {
            return db.newIterators(cfs);
        } catch (RocksDBException e) {
            throw new StorageException("read failed: " + e.getMessage(), false, e);
        }
    }

    /**
     * Bytes of the WAL files RocksDB keeps for reuse: on disk, but no longer part of the log (a
     * fixed reserve, not data). Meant for a store without writes in flight.
     */
    public long recycledWalBytes() {
        return use(() -> {
            try (Stream<Path> files = Files.list(dir)) {
                long oldestInLog = db.getLongProperty("rocksdb.min-log-number-to-keep");
                long bytes = 0;
                for (Path wal : files.filter(WalFile::isWal).toList()) {
                    if (WalFile.logNumber(wal) < oldestInLog) {
                        bytes += Files.size(wal);
                    }
                }
                return bytes;
            } catch (RocksDBException | IOException e) {
                throw new StorageException("cannot list WAL files: " + e.getMessage(), false, e);
            }
        });
    }

    /** Flushes memtables so that files on disk reflect every write (for size measurements). */
    public void flush() {
        try (var options = new org.rocksdb.FlushOptions().setWaitForFlush(true)) {
            db.flush(options, handles);
        } catch (RocksDBException e) {
            throw new StorageException("flush failed: " + e.getMessage(), isNoSpace(e), e);
        }
    }

    /** Flushes one column family's memtable (e.g. to move range tombstones into a file). */
    public void flush(ColumnFamilyHandle cf) {
        try (var options = new org.rocksdb.FlushOptions().setWaitForFlush(true)) {
            db.flush(options, cf);
        } catch (RocksDBException e) {
            throw new StorageException("flush failed: " + e.getMessage(), isNoSpace(e), e);
        }
    }

    /**
     * A consistent copy of the database as of now in {@code target} (which must not exist), while
     * writes go on: RocksDB's checkpoint, hard links to the immutable files where the target is
     * on the same file system, copies elsewhere. Opened, it is what a crash at this moment leaves.
     */
    public void checkpoint(Path target) {
        try (Checkpoint checkpoint = Checkpoint.create(db)) {
            checkpoint.createCheckpoint(target.toString());
        } catch (RocksDBException e) {
            throw new StorageException("cannot copy the store to " + target + ": " + e.getMessage(), isNoSpace(e), e);
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

    private void closeDb() {
        try {
            db.syncWal();
        } catch (RocksDBException ignored) {
            // Every acknowledged write was already synced; this is belt and braces on shutdown.
        }
        for (ColumnFamilyHandle h : handles) {
            h.close();
        }
        db.close();
    }

    @Override
    public void close() {
        gate.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            if (!unavailable) {
                closeDb();
            }
            unsyncedWrites.close();
            dbOptions.close();
            spaceWatcher.close();
            cfOptions.forEach(ColumnFamilyOptions::close);
        } finally {
            gate.writeLock().unlock();
        }
    }
}
