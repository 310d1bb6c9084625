package io.junction.server.upstream;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import io.junction.server.config.SourceSettings;
import io.junction.server.error.GatewayException;
import io.junction.server.error.JunctionSqlState;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Objects;

/**
 * One upstream database and the pool of physical connections to it. The pool is created on first
 * use, so a configured but unused source costs nothing.
 */
public final class Source implements AutoCloseable {
    private final SourceSettings settings;
    private final Dialect dialect;
    private final PoolFactory poolFactory;
    private final Object poolLock = new Object();
    private volatile HikariDataSource pool;
    private volatile UpstreamIdentity identity;

    Source(SourceSettings settings, PoolFactory poolFactory) {
        this.settings = Objects.requireNonNull(settings, "settings is null");
        this.poolFactory = Objects.requireNonNull(poolFactory, "poolFactory is null");
        this.dialect = Dialect.fromUrl(settings.url());
    }

    public String name() {
        return settings.name();
    }

    public Dialect dialect() {
        return dialect;
    }

    /**
     * Borrows a physical connection; closing it returns it to the pool.
     *
     * @throws GatewayException 08001 naming the source and the pool's figures when none can be had
     */
    public Connection acquire() {
        HikariDataSource dataSource = pool();
        try {
            return dataSource.getConnection();
        } catch (SQLTransientConnectionException e) {
            throw unavailable(dataSource, e);
        } catch (SQLException e) {
            throw GatewayException.fromUpstream(e);
        }
    }

    /** Product name, version and capabilities of the upstream, read once from its metadata. */
    public UpstreamIdentity identity() {
        UpstreamIdentity known = identity;
        if (known == null) {
            try (Connection connection = acquire()) {
                known = UpstreamIdentity.read(connection.getMetaData());
            } catch (SQLException e) {
                throw GatewayException.fromUpstream(e);
            }
            identity = known;
        }
        return known;
    }

    private GatewayException unavailable(HikariDataSource dataSource, SQLTransientConnectionException e) {
        HikariPoolMXBean figures = dataSource.getHikariPoolMXBean();
        String state = figures == null ? "" : String.format(" (active=%d, idle=%d, waiting=%d, max=%d)",
                figures.getActiveConnections(), figures.getIdleConnections(),
                figures.getThreadsAwaitingConnection(), settings.pool().maxSize());
        Throwable cause = e.getCause();
        String reason = cause != null && cause.getMessage() != null ? cause.getMessage() : "pool exhausted";
        return GatewayException.of(JunctionSqlState.UPSTREAM_UNAVAILABLE,
                "Source '" + name() + "': no upstream connection within "
                        + settings.pool().acquireTimeout().toMillis() + " ms" + state + ": " + reason
                        + ". Check that the database is up, or raise sources." + name() + ".pool.max-size.");
    }

    private HikariDataSource pool() {
        HikariDataSource current = pool;
        if (current == null) {
            synchronized (poolLock) {
                current = pool;
                if (current == null) {
                    current = poolFactory.create(settings, dialect);
                    pool = current;
                }
            }
        }
        return current;
    }

    @Override
    public void close() {
        HikariDataSource current = pool;
        if (current != null) {
            current.close();
        }
    }
}
