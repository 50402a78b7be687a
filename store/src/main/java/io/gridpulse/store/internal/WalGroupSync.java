package io.gridpulse.store.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.rocksdb.RocksDBException;

/**
 * Group commit for writes applied without sync: a writer calls {@link #awaitDurable} after its
 * write and returns once an fsync that began after its write has finished. One waiting writer
 * at a time leads: it syncs the WAL for everyone written so far, wakes exactly the writers that
 * sync covered and hands the lead to the next one waiting. Writes keep flowing into the WAL and
 * memtables while a sync runs (RocksDB's own sync writes hold the write queue through the
 * fsync), and each writer is woken once. A virtual thread that leads has the fsync run on a
 * platform thread and waits unmounted: the fsync, native code, would otherwise hold one of the
 * few carrier threads that run every request (2 on this machine) for its whole duration.
 */
final class WalGroupSync {
    /** Syncs everything written to the WAL so far. */
    interface Sync {
        void run() throws RocksDBException;
    }

    private static final int WAITING = 0;
    private static final int DURABLE = 1;
    private static final int FAILED = 2;
    private static final int LEAD = 3;

    private static final class Waiter {
        final Thread thread = Thread.currentThread();
        final long ticket;
        volatile int state = WAITING;
        RocksDBException failure; // written before state, read after it

        Waiter(long ticket) {
            this.ticket = ticket;
        }
    }

    /** Platform threads for the fsyncs of virtual leaders (created when needed, shared by all stores). */
    private static final ExecutorService SYNCERS = Executors.newCachedThreadPool(
            Thread.ofPlatform().name("gridpulse-wal-sync-", 0).daemon().factory());

    private final Sync sync;
    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<Waiter> waiting = new ArrayDeque<>(); // in ticket order
    private long lastTicket;
    private boolean leading;

    WalGroupSync(Sync sync) {
        this.sync = sync;
    }

    /** Returns once the caller's completed write is fsync'd; throws what the sync threw. */
    void awaitDurable() throws RocksDBException {
        Waiter me;
        lock.lock();
        try {
            me = new Waiter(++lastTicket);
            if (leading) {
                waiting.add(me);
            } else {
                leading = true;
                me.state = LEAD;
            }
        } finally {
            lock.unlock();
        }
        while (me.state == WAITING) {
            LockSupport.park(this);
        }
        if (me.state == LEAD) {
            lead(me);
        }
        if (me.state == FAILED) {
            throw me.failure;
        }
    }

    /** Runs the sync; returns what it threw, or null. */
    private RocksDBException syncOffCarrier() {
        if (!Thread.currentThread().isVirtual()) {
            return syncHere();
        }
        Future<RocksDBException> synced = SYNCERS.submit(this::syncHere);
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return synced.get(); // the writers this sync covers wait for it: no early return
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    throw new IllegalStateException("WAL sync failed unexpectedly", e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Every covered writer must be woken, so any failure of the sync becomes theirs. */
    private RocksDBException syncHere() {
        try {
            sync.run();
            return null;
        } catch (RocksDBException e) {
            return e;
        } catch (RuntimeException e) {
            RocksDBException failure = new RocksDBException("WAL sync failed: " + e);
            failure.initCause(e);
            return failure;
        }
    }

    private void lead(Waiter me) {
        long covers;
        lock.lock();
        try {
            covers = lastTicket; // every ticket up to here belongs to a write already in the WAL
        } finally {
            lock.unlock();
        }
        RocksDBException failure = syncOffCarrier();
        List<Waiter> covered = new ArrayList<>();
        Waiter next;
        lock.lock();
        try {
            while (!waiting.isEmpty() && waiting.peek().ticket <= covers) {
                covered.add(waiting.poll());
            }
            next = waiting.poll();
            leading = next != null;
        } finally {
            lock.unlock();
        }
        covered.add(me);
        for (Waiter w : covered) {
            w.failure = failure;
            w.state = failure == null ? DURABLE : FAILED;
            if (w != me) {
                LockSupport.unpark(w.thread);
            }
        }
        if (next != null) {
            next.state = LEAD;
            LockSupport.unpark(next.thread);
        }
    }
}
