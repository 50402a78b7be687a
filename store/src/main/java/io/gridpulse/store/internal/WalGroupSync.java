package io.gridpulse.store.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.rocksdb.RocksDBException;

/**
 * Group commit for writes applied without sync: a writer calls {@link #awaitDurable} after its
 * write and returns once an fsync that began after its write has finished. The fsyncs run one
 * after the other on a platform thread (the sync loop) for as long as writers wait: each one
 * covers every write made before it began, and the loop wakes exactly the writers it covered
 * before it starts the next. Writes keep flowing into the WAL and memtables while a sync runs
 * (RocksDB's own sync writes hold the write queue through the fsync).
 *
 * <p>Why a loop of its own rather than a leading writer: the server's writers are virtual
 * threads. An fsync, native code, must not hold one of the few carrier threads (2 here) that run
 * every request; and a virtual leader that hands its fsync to a platform thread must be scheduled
 * again, behind the other writers' work, before it can wake its followers and pass the lead on,
 * whose fsync again waits for a carrier. Those two waits between consecutive fsyncs left the
 * cores idle while four gateways waited on their acknowledgements.
 */
final class WalGroupSync {
    /** Syncs everything written to the WAL so far. */
    interface Sync {
        void run() throws RocksDBException;
    }

    private static final int WAITING = 0;
    private static final int DURABLE = 1;
    private static final int FAILED = 2;

    private static final class Waiter {
        final Thread thread = Thread.currentThread();
        final long ticket;
        volatile int state = WAITING;
        RocksDBException failure; // written before state, read after it

        Waiter(long ticket) {
            this.ticket = ticket;
        }
    }

    /** Platform threads for the sync loops (created when needed, shared by all stores). */
    private static final Executor SYNCERS = Executors.newCachedThreadPool(
            Thread.ofPlatform().name("gridpulse-wal-sync-", 0).daemon().factory());

    private final Sync sync;
    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<Waiter> waiting = new ArrayDeque<>(); // in ticket order
    private long lastTicket;
    private boolean looping;

    WalGroupSync(Sync sync) {
        this.sync = sync;
    }

    /** Returns once the caller's completed write is fsync'd; throws what the sync threw. */
    void awaitDurable() throws RocksDBException {
        Waiter me;
        boolean startLoop;
        lock.lock();
        try {
            me = new Waiter(++lastTicket);
            waiting.add(me);
            startLoop = !looping;
            looping = true;
        } finally {
            lock.unlock();
        }
        if (startLoop) {
            SYNCERS.execute(this::syncWhileWaited);
        }
        while (me.state == WAITING) {
            LockSupport.park(this);
        }
        if (me.state == FAILED) {
            throw me.failure;
        }
    }

    /** The sync loop: ends when no writer waits (the next writer starts another). */
    private void syncWhileWaited() {
        while (true) {
            long covers;
            lock.lock();
            try {
                if (waiting.isEmpty()) {
                    looping = false;
                    return;
                }
                covers = lastTicket; // every ticket up to here belongs to a write already in the WAL
            } finally {
                lock.unlock();
            }
            RocksDBException failure = syncOnce();
            List<Waiter> covered = new ArrayList<>();
            lock.lock();
            try {
                while (!waiting.isEmpty() && waiting.peek().ticket <= covers) {
                    covered.add(waiting.poll());
                }
            } finally {
                lock.unlock();
            }
            for (Waiter w : covered) {
                w.failure = failure;
                w.state = failure == null ? DURABLE : FAILED;
                LockSupport.unpark(w.thread);
            }
        }
    }

    /** Runs the sync; returns what it threw, or null. Every covered writer must be woken, so any failure becomes theirs. */
    private RocksDBException syncOnce() {
        try {
            sync.run();
            return null;
        } catch (RocksDBException e) {
            return e;
        } catch (RuntimeException | Error e) { // the loop must go on: writers wait for it
            RocksDBException failure = new RocksDBException("WAL sync failed: " + e);
            failure.initCause(e);
            return failure;
        }
    }
}
