package io.junction.server.upstream;

import io.junction.server.config.SourceSettings;
import io.junction.server.config.UpstreamSettings;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Every configured source by name, and the shared machinery their pools run on: one housekeeping
 * scheduler (which also closes idle pools) and the global connection budget.
 */
public final class SourceRegistry implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SourceRegistry.class);

    private final PoolFactory poolFactory;
    private final ConnectionBudget budget;
    private final Map<String, Source> sources = new LinkedHashMap<>();

    public SourceRegistry(Map<String, SourceSettings> settings, MeterRegistry registry) {
        this(settings, UpstreamSettings.defaults(), registry);
    }

    public SourceRegistry(Map<String, SourceSettings> settings, UpstreamSettings upstream, MeterRegistry registry) {
        this.budget = new ConnectionBudget(upstream.maxTotalConnections(), this::evictIdleSomewhere);
        this.poolFactory = new PoolFactory(registry, budget);
        ResetCounters resets = new ResetCounters(registry);
        settings.forEach((name, source) -> sources.put(name, new Source(source, poolFactory, resets)));
        long checkMillis = settings.values().stream().mapToLong(s -> s.pool().idleClose().toMillis() / 4).min()
                .orElse(60_000);
        checkMillis = Math.max(250, Math.min(60_000, checkMillis));
        poolFactory.housekeeper().scheduleWithFixedDelay(this::closeIdlePools, checkMillis, checkMillis,
                TimeUnit.MILLISECONDS);
        Gauge.builder("junction.upstream.connections", budget, ConnectionBudget::inUse)
                .description("Physical upstream connections open over all pools (upstream.max-total-connections)")
                .register(registry);
        Gauge.builder("junction.upstream.pools", this, SourceRegistry::openPools)
                .description("Sources whose pool is open").register(registry);
    }

    /** Number of sources whose pool is open now. */
    public int openPools() {
        int open = 0;
        for (Source source : sources.values()) {
            open += source.hasPool() ? 1 : 0;
        }
        return open;
    }

    private void closeIdlePools() {
        long now = System.nanoTime();
        for (Source source : sources.values()) {
            try {
                source.closeIfIdle(now);
            } catch (RuntimeException e) {
                LOG.warn("Closing the idle pool of source '{}' failed: {}", source.name(), e.getMessage());
            }
        }
    }

    /** Frees global budget: closes the idle connections of the first pool that has any. */
    private void evictIdleSomewhere() {
        for (Source source : sources.values()) {
            if (source.evictIdle() > 0) {
                return;
            }
        }
    }

    public Optional<Source> find(String name) {
        return Optional.ofNullable(sources.get(name));
    }

    public Collection<Source> all() {
        return sources.values();
    }

    @Override
    public void close() {
        sources.values().forEach(Source::close);
        poolFactory.close();
    }
}
