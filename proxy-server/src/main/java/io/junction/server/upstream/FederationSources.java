package io.junction.server.upstream;

import io.junction.federation.ConnectionOnlyDataSource;
import io.junction.federation.FederatedSource;
import io.junction.federation.Federation;
import io.junction.federation.FederationSettings;
import io.junction.federation.SourceKind;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The federated catalog over the configured sources: each PostgreSQL, MariaDB/MySQL and H2 source
 * joins it, read through its own pool. Planning time is the {@code junction.federation.planning}
 * timer.
 */
public final class FederationSources {
    private FederationSources() {
    }

    public static Federation create(SourceRegistry sources, FederationSettings settings, MeterRegistry registry) {
        Timer planning = Timer.builder("junction.federation.planning")
                .description("Time to plan and compile a cross-source query (plan cache misses)")
                .register(registry);
        List<FederatedSource> federated = new ArrayList<>();
        for (Source source : sources.all()) {
            kind(source.dialect()).ifPresent(kind ->
                    federated.add(new FederatedSource(source.name(), kind, ConnectionOnlyDataSource.opening(source::acquireClean))));
        }
        return new Federation(federated, settings, nanos -> planning.record(nanos, TimeUnit.NANOSECONDS));
    }

    private static Optional<SourceKind> kind(Dialect dialect) {
        return switch (dialect) {
            case POSTGRESQL -> Optional.of(SourceKind.POSTGRESQL);
            case MARIADB, MYSQL -> Optional.of(SourceKind.MARIADB);
            case H2 -> Optional.of(SourceKind.H2);
            default -> Optional.empty();
        };
    }
}
