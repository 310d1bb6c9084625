package io.junction.cache;

import com.github.benmanes.caffeine.cache.Policy;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The cache's memory bound in bytes, counting results still loading: Caffeine weighs an in-flight
 * future as 0 (FIELD-NOTES section 3), so loads reserve their bytes here and the stored entries'
 * maximum weight shrinks by what is reserved. Stored + loading never exceeds {@code maxBytes}
 * once Caffeine's maintenance has run (it runs on the caller's thread here).
 */
final class ByteBudget {
    private final long maxBytes;
    /**
     * Stored entries leave room for loads in whole steps, at least one: the common case (small
     * results loading) then never touches Caffeine's maximum, whose change takes its eviction lock.
     */
    private final long step;
    private final AtomicLong loading = new AtomicLong();
    private volatile Policy.Eviction<?, ?> eviction;
    private long room = -1;

    ByteBudget(long maxBytes) {
        this.maxBytes = maxBytes;
        this.step = Math.max(1, Math.min(1024 * 1024, maxBytes / 16));
    }

    void attach(Policy.Eviction<?, ?> cacheEviction) {
        this.eviction = cacheEviction;
        adjust();
    }

    /** Reserves bytes for a load; false when the budget cannot hold them even after evicting everything. */
    boolean reserve(long bytes) {
        while (true) {
            long current = loading.get();
            if (current + bytes > maxBytes) {
                return false;
            }
            if (loading.compareAndSet(current, current + bytes)) {
                adjust();
                return true;
            }
        }
    }

    void release(long bytes) {
        loading.addAndGet(-bytes);
        adjust();
    }

    long loadingBytes() {
        return loading.get();
    }

    long maxBytes() {
        return maxBytes;
    }

    private synchronized void adjust() {
        // Synchronized so a stale, larger maximum never overwrites a newer, smaller one.
        long loadingNow = loading.get();
        long needed = Math.max(step, (loadingNow + step - 1) / step * step);
        if (needed != room) {
            room = needed;
            eviction.setMaximum(Math.max(0, maxBytes - needed));
        }
    }
}
