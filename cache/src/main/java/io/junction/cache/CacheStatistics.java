package io.junction.cache;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** The cache's counters, read by the server's metrics (this module has no metrics library). */
public final class CacheStatistics {
    final LongAdder hits = new LongAdder();
    final LongAdder misses = new LongAdder();
    final LongAdder coalesced = new LongAdder();
    final LongAdder loads = new LongAdder();
    final LongAdder loadNanos = new LongAdder();
    final LongAdder evictions = new LongAdder();
    final LongAdder staleLoadsDiscarded = new LongAdder();
    private final Map<BypassReason, LongAdder> bypasses = new EnumMap<>(BypassReason.class);

    CacheStatistics() {
        for (BypassReason reason : BypassReason.values()) {
            bypasses.put(reason, new LongAdder());
        }
    }

    public void recordBypass(BypassReason reason) {
        bypasses.get(reason).increment();
    }

    /** Answers served from a stored result. */
    public long hits() {
        return hits.sum();
    }

    /** Lookups that started a load. */
    public long misses() {
        return misses.sum();
    }

    /** Lookups that waited for another caller's identical load instead of running their own. */
    public long coalesced() {
        return coalesced.sum();
    }

    /** Loads that completed (stored or discarded). */
    public long loads() {
        return loads.sum();
    }

    public long loadNanos() {
        return loadNanos.sum();
    }

    /** Entries removed by size or expiry. */
    public long evictions() {
        return evictions.sum();
    }

    /** Loads not stored because a write bumped one of their tables while they ran. */
    public long staleLoadsDiscarded() {
        return staleLoadsDiscarded.sum();
    }

    public long bypasses(BypassReason reason) {
        return bypasses.get(reason).sum();
    }
}
