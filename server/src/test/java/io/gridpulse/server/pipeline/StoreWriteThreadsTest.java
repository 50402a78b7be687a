package io.gridpulse.server.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridpulse.core.StorageException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class StoreWriteThreadsTest {
    final StoreWriteThreads threads = new StoreWriteThreads();

    @Test
    void aVirtualThreadsWriteRunsOnAPlatformThread() throws Exception {
        AtomicReference<Boolean> ranVirtual = new AtomicReference<>();
        Thread.ofVirtual().start(() -> threads.call(() -> {
            ranVirtual.set(Thread.currentThread().isVirtual());
            return null;
        })).join();
        assertThat(ranVirtual.get()).isFalse();
    }

    @Test
    void aPlatformThreadsWriteRunsOnThatThread() {
        Thread caller = Thread.currentThread();
        assertThat(threads.call(Thread::currentThread)).isSameAs(caller);
    }

    @Test
    void theWritesExceptionReachesTheCallerUnchanged() throws Exception {
        StorageException failure = new StorageException("disk full", true, null);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread.ofVirtual().start(() -> {
            try {
                threads.call(() -> {
                    throw failure;
                });
            } catch (RuntimeException e) {
                thrown.set(e);
            }
        }).join();
        assertThat(thrown.get()).isSameAs(failure);
    }

    @Test
    void anInterruptedCallerStillWaitsForTheWriteAndKeepsItsInterrupt() throws Exception {
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicReference<String> result = new AtomicReference<>();
        AtomicBoolean interruptKept = new AtomicBoolean();
        Thread caller = Thread.ofVirtual().start(() -> {
            result.set(threads.call(() -> {
                writing.countDown();
                awaitQuietly(release);
                return "written";
            }));
            interruptKept.set(Thread.currentThread().isInterrupted());
        });
        writing.await();
        caller.interrupt();
        Thread.sleep(50);
        assertThat(result.get()).isNull(); // still waiting for the write
        release.countDown();
        caller.join();
        assertThat(result.get()).isEqualTo("written");
        assertThat(interruptKept).isTrue();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
