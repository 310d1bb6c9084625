package io.junction.server.upstream;

import io.junction.server.config.SourceSettings;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Every configured source by name, and the shared machinery their pools run on. */
public final class SourceRegistry implements AutoCloseable {
    private final PoolFactory poolFactory;
    private final Map<String, Source> sources = new LinkedHashMap<>();

    public SourceRegistry(Map<String, SourceSettings> settings, MeterRegistry registry) {
        this.poolFactory = new PoolFactory(registry);
        settings.forEach((name, source) -> sources.put(name, new Source(source, poolFactory)));
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
