package io.gridpulse.store.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.rocksdb.RocksDBException;

class WalGroupSyncTest {
    private static final int WRITERS = 16;
    private static final int WRITES_EACH = 50;

    /** A stand-in WAL: counts writes; a sync takes 1 ms and makes durable what was written when it began. */
    private static final class FakeWal {
        final AtomicLong written = new AtomicLong();
        final AtomicLong durable = new AtomicLong();
        final AtomicInteger syncs = new AtomicInteger();
        final AtomicInteger syncsOnVirtualThreads = new AtomicInteger();
        volatile int failSync = -1; // the sync (by number) that fails

        void sync() throws RocksDBException {
            long upTo = written.get();
            int number = syncs.incrementAndGet();
            if (Thread.currentThread().isVirtual()) {
                syncsOnVirtualThreads.incrementAndGet();
            }
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (number == failSync) {
                throw new RocksDBException("sync " + number + " failed");
            }
            durable.accumulateAndGet(upTo, Math::max);
        }
    }

    @Test
    void everyWriterReturnsOnlyAfterASyncThatCoversItsWriteAndWritersShareSyncs() throws Exception {
        writersShareSyncsThatCoverTheirWrites(Executors.newFixedThreadPool(WRITERS));
    }

    @Test
    void virtualWritersShareSyncsTooAndNoSyncRunsOnAVirtualThread() throws Exception {
        FakeWal wal = writersShareSyncsThatCoverTheirWrites(Executors.newVirtualThreadPerTaskExecutor());
        assertThat(wal.syncsOnVirtualThreads.get()).as("syncs that held a carrier thread").isZero();
    }

    private FakeWal writersShareSyncsThatCoverTheirWrites(ExecutorService pool) throws Exception {
        FakeWal wal = new FakeWal();
        WalGroupSync group = new WalGroupSync(wal::sync);
        AtomicInteger notDurable = new AtomicInteger();
        eachWriter(pool, () -> {
            long mine = wal.written.incrementAndGet();
            group.awaitDurable();
            if (wal.durable.get() < mine) {
                notDurable.incrementAndGet();
            }
        });
        assertThat(notDurable.get()).isZero();
        assertThat(wal.syncs.get()).as("syncs for %d writes", WRITERS * WRITES_EACH).isLessThan(WRITERS * WRITES_EACH / 2);
        return wal;
    }

    @Test
    void aFailedSyncFailsTheWritersItCoveredAndTheNextSyncServesTheRest() throws Exception {
        aFailedSyncFailsOnlyTheWritersItCovered(Executors.newFixedThreadPool(WRITERS));
    }

    @Test
    void aFailedSyncRunOffAVirtualLeadersCarrierFailsItsWritersAlike() throws Exception {
        aFailedSyncFailsOnlyTheWritersItCovered(Executors.newVirtualThreadPerTaskExecutor());
    }

    @Test
    void aSyncThatThrowsUncheckedFailsItsWritersInsteadOfLeavingThemWaiting() throws Exception {
        AtomicInteger syncs = new AtomicInteger();
        WalGroupSync group = new WalGroupSync(() -> {
            if (syncs.incrementAndGet() == 2) {
                throw new IllegalStateException("store closed under the sync");
            }
        });
        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
        AtomicInteger failed = new AtomicInteger();
        eachWriter(pool, () -> {
            try {
                group.awaitDurable();
            } catch (RocksDBException e) {
                assertThat(e).hasMessageContaining("store closed under the sync");
                failed.incrementAndGet();
            }
        });
        assertThat(failed.get()).isBetween(1, WRITERS);
    }

    private void aFailedSyncFailsOnlyTheWritersItCovered(ExecutorService pool) throws Exception {
        FakeWal wal = new FakeWal();
        wal.failSync = 3;
        WalGroupSync group = new WalGroupSync(wal::sync);
        AtomicInteger failed = new AtomicInteger();
        AtomicInteger notDurable = new AtomicInteger();
        eachWriter(pool, () -> {
            long mine = wal.written.incrementAndGet();
            try {
                group.awaitDurable();
                if (wal.durable.get() < mine) {
                    notDurable.incrementAndGet();
                }
            } catch (RocksDBException e) {
                assertThat(e).hasMessage("sync 3 failed");
                failed.incrementAndGet();
            }
        });
        assertThat(failed.get()).isBetween(1, WRITERS);
        assertThat(notDurable.get()).isZero();
        assertThat(wal.syncs.get()).isGreaterThan(3);
    }

    /**
     * Runs {@code write} {@value #WRITES_EACH} times in each of {@value #WRITERS} tasks on the pool,
     * waits for all of them (a writer left waiting times out here) and shuts the pool down.
     */
    private static void eachWriter(ExecutorService pool, Write write) throws Exception {
        List<Future<?>> results = new ArrayList<>();
        for (int t = 0; t < WRITERS; t++) {
            results.add(pool.submit(() -> {
                for (int i = 0; i < WRITES_EACH; i++) {
                    write.run();
                }
                return null;
            }));
        }
        for (Future<?> r : results) {
            r.get(30, TimeUnit.SECONDS);
        }
        pool.shutdown();
    }

    private interface Write {
        void run() throws Exception;
    }
}
