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
    private final AtomicLong loading = new AtomicLong();
    private volatile Policy.Eviction<?, ?> eviction;

    ByteBudget(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    void attach(Policy.Eviction<?, ?> cacheEviction) {
        this.eviction = cacheEviction;
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
        eviction.setMaximum(Math.max(0, maxBytes - loading.get()));
    }
}
