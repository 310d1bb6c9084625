package io.junction.server.upstream;

import io.junction.federation.FederatedSource;
import io.junction.federation.Federation;
import io.junction.federation.FederationSettings;
import io.junction.federation.SourceKind;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLFeatureNotSupportedException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

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
                    federated.add(new FederatedSource(source.name(), kind, new PoolDataSource(source))));
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

    /** A source's pool as a DataSource: closing a connection returns it to the pool. */
    private record PoolDataSource(Source source) implements DataSource {
        @Override
        public Connection getConnection() {
            return source.acquireClean();
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLFeatureNotSupportedException {
            throw new SQLFeatureNotSupportedException("Sources are read with their configured credentials");
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
            // The pool logs through slf4j.
        }

        @Override
        public void setLoginTimeout(int seconds) {
            // The pool's acquire timeout applies.
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            throw new SQLFeatureNotSupportedException("no java.util.logging parent");
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws java.sql.SQLException {
            throw new java.sql.SQLException("Not a wrapper of " + iface.getName());
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) {
            return false;
        }
    }
}
