package io.gridpulse.store.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Every meter's {@link MeterState}, by meter key. The registry hands keys out in sequence from 1,
 * so the states sit in pages of an array indexed by key: a gateway's post of a thousand meters
 * finds each state with two array loads, where a hash map boxed each key and followed a node.
 * Thread-safe; states are created on first use and never removed (until {@link #clear}).
 */
public final class MeterStates {
    private static final int PAGE_BITS = 12;
    private static final int PAGE_SIZE = 1 << PAGE_BITS;
    /** Keys above this are not the registry's: refused rather than paged (2^40 states). */
    private static final long MAX_KEY = (1L << 40) - 1;
    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(MeterState[].class);
    private static final VarHandle PAGE = MethodHandles.arrayElementVarHandle(MeterState[][].class);

    /** Replaced by a longer copy when a key beyond it arrives; pages are shared by the copies. */
    private volatile MeterState[][] pages = new MeterState[16][];

    /** The meter's state, or null when it has none yet. */
    public MeterState get(long key) {
        MeterState[][] now = pages;
        int page = pageOf(key);
        if (page >= now.length) {
            return null;
        }
        MeterState[] slots = (MeterState[]) PAGE.getAcquire(now, page);
        return slots == null ? null : (MeterState) SLOT.getAcquire(slots, (int) key & (PAGE_SIZE - 1));
    }

    /** The meter's state, created (not loaded) when it has none yet. */
    public MeterState getOrCreate(long key) {
        MeterState state = get(key);
        if (state != null) {
            return state;
        }
        MeterState[] slots = page(pageOf(key));
        MeterState created = new MeterState();
        MeterState won = (MeterState) SLOT.compareAndExchange(slots, (int) key & (PAGE_SIZE - 1), null, created);
        return won == null ? created : won;
    }

    /** Drops every state (after the store reopened its files: states reload from disk). */
    public synchronized void clear() {
        pages = new MeterState[16][];
    }

    public void forEach(Consumer<MeterState> action) {
        for (MeterState[] slots : pages) {
            if (slots != null) {
                for (int i = 0; i < PAGE_SIZE; i++) {
                    MeterState state = (MeterState) SLOT.getAcquire(slots, i);
                    if (state != null) {
                        action.accept(state);
                    }
                }
            }
        }
    }

    private static int pageOf(long key) {
        if (key < 0 || key > MAX_KEY) {
            throw new IllegalArgumentException("meter key " + key + " is outside 0.." + MAX_KEY);
        }
        return (int) (key >>> PAGE_BITS);
    }

    private synchronized MeterState[] page(int page) {
        if (page >= pages.length) {
            pages = Arrays.copyOf(pages, Math.max(page + 1, pages.length * 2));
        }
        MeterState[] slots = pages[page];
        if (slots == null) {
            slots = new MeterState[PAGE_SIZE];
            PAGE.setRelease(pages, page, slots);
        }
        return slots;
    }
}
