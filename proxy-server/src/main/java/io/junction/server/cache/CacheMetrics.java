package io.junction.server.cache;

import io.junction.cache.BypassReason;
import io.junction.cache.CacheStatistics;
import io.junction.cache.ResultCache;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.Locale;
import java.util.concurrent.TimeUnit;

/** Publishes the result cache's counters as {@code junction.cache.*} meters. */
public final class CacheMetrics {
    private CacheMetrics() {
    }

    public static void bind(ResultCache cache, MeterRegistry registry) {
        CacheStatistics s = cache.statistics();
        counter(registry, "junction.cache.hits", "Queries answered from the cache", s, CacheStatistics::hits);
        counter(registry, "junction.cache.misses", "Queries that loaded a result", s, CacheStatistics::misses);
        counter(registry, "junction.cache.coalesced", "Queries that waited for an identical load in flight", s,
                CacheStatistics::coalesced);
        counter(registry, "junction.cache.evictions", "Entries removed for size or age", s, CacheStatistics::evictions);
        counter(registry, "junction.cache.stale.loads.discarded", "Loads not stored because a write raced them", s,
                CacheStatistics::staleLoadsDiscarded);
        FunctionTimer.builder("junction.cache.loads", s, CacheStatistics::loads, CacheStatistics::loadNanos,
                        TimeUnit.NANOSECONDS)
                .description("Results read from upstream into the cache, and the time it took")
                .register(registry);
        Gauge.builder("junction.cache.bytes", cache, ResultCache::bytes)
                .description("Bytes of cached results, loads in flight included").baseUnit("bytes").register(registry);
        Gauge.builder("junction.cache.entries", cache, ResultCache::entries)
                .description("Cached results").register(registry);
        for (BypassReason reason : BypassReason.values()) {
            FunctionCounter.builder("junction.cache.bypasses", s, stats -> stats.bypasses(reason))
                    .description("Queries answered without the cache, by reason")
                    .tag("reason", reason.name().toLowerCase(Locale.ROOT))
                    .register(registry);
        }
    }

    private static void counter(MeterRegistry registry, String name, String description, CacheStatistics s,
                                java.util.function.ToDoubleFunction<CacheStatistics> value) {
        FunctionCounter.builder(name, s, value).description(description).register(registry);
    }
}
