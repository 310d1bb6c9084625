package io.junction.server.upstream;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import io.junction.server.config.PoolSettings;
import io.junction.server.config.SourceSettings;
import io.junction.server.error.GatewayException;
import io.junction.server.error.JunctionSqlState;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One upstream database and the pool of physical connections to it. The pool is created on first
 * use and closed after {@code pool.idle-close} without use, so a configured but unused source costs
 * nothing.
 */
public final class Source implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Source.class);

    private final SourceSettings settings;
    /** The pool's sizing and timeouts: the configured ones until an operator or a reload retunes them. */
    private volatile PoolSettings poolSettings;
    private final Dialect dialect;
    private final PoolFactory poolFactory;
    private final ResetCounters resets;
    private final Object poolLock = new Object();
    private volatile HikariDataSource pool;
    private volatile UpstreamIdentity identity;
    private final AtomicInteger waiters = new AtomicInteger();
    private volatile long lastUsedNanos = System.nanoTime();

    Source(SourceSettings settings, PoolFactory poolFactory, ResetCounters resets) {
        this.settings = Objects.requireNonNull(settings, "settings is null");
        this.poolFactory = Objects.requireNonNull(poolFactory, "poolFactory is null");
        this.resets = Objects.requireNonNull(resets, "resets is null");
        this.dialect = Dialect.fromUrl(settings.url());
        this.poolSettings = settings.pool();
    }

    public String name() {
        return settings.name();
    }

    public Dialect dialect() {
        return dialect;
    }

    /**
     * Borrows a physical connection; closing it returns it to the pool. At most
     * {@link #maxWaiters()} callers wait for one at a time; others fail at once.
     *
     * @throws GatewayException 53300 naming the pool and its active/idle/waiting/max figures when
     *     the pool stays exhausted for {@code pool.acquire-timeout} or has too many waiters, or
     *     08001 when the upstream cannot be reached
     */
    public Connection acquire() {
        lastUsedNanos = System.nanoTime();
        if (waiters.incrementAndGet() > maxWaiters()) {
            waiters.decrementAndGet();
            HikariDataSource current = pool;
            throw exhausted(current, "already " + maxWaiters() + " requests wait for this pool (8 x pool.max-size)");
        }
        try {
            for (int attempt = 0; ; attempt++) {
                HikariDataSource dataSource = pool();
                try {
                    return dataSource.getConnection();
                } catch (SQLTransientConnectionException e) {
                    throw unavailable(dataSource, e);
                } catch (SQLException e) {
                    if (dataSource.isClosed() && attempt == 0) {
                        continue; // closed for idleness just now: the next pool() opens a new one
                    }
                    throw GatewayException.fromUpstream(e);
                }
            }
        } finally {
            waiters.decrementAndGet();
        }
    }

    /** Most callers that may wait for a connection of this pool at once. */
    public int maxWaiters() {
        return 8 * poolSettings.maxSize();
    }

    /** Whether this source's pool exists now (pools are created on first use and closed when idle). */
    public boolean hasPool() {
        return pool != null;
    }

    /**
     * Closes the pool when it lent nothing for {@code pool.idle-close}; the next use opens a new
     * one. Run by the shared housekeeper.
     *
     * @return whether it was closed
     */
    boolean closeIfIdle(long nowNanos) {
        HikariDataSource current = pool;
        if (current == null || nowNanos - lastUsedNanos < poolSettings.idleClose().toNanos()) {
            return false;
        }
        synchronized (poolLock) {
            HikariPoolMXBean figures = current.getHikariPoolMXBean();
            boolean busy = figures != null && (figures.getActiveConnections() > 0
                    || figures.getThreadsAwaitingConnection() > 0);
            if (pool != current || busy || nowNanos - lastUsedNanos < poolSettings.idleClose().toNanos()) {
                return false;
            }
            pool = null;
        }
        LOG.info("Source '{}': closing its pool, unused for {} (pool.idle-close)", name(), poolSettings.idleClose());
        current.close();
        return true;
    }

    /** Closes the idle connections of this pool (to free global budget for another pool); returns how many it had. */
    int evictIdle() {
        HikariDataSource current = pool;
        HikariPoolMXBean figures = current == null ? null : current.getHikariPoolMXBean();
        if (figures == null || figures.getIdleConnections() == 0) {
            return 0;
        }
        int idle = figures.getIdleConnections();
        figures.softEvictConnections();
        return idle;
    }

    /**
     * Resets a connection a session left dirty, before anyone else may lease it; one that cannot be
     * reset is evicted from the pool instead.
     *
     * @param connection a connection from {@link #acquire()}, still open
     * @return whether the connection is clean and may be used; when false it was evicted and closed
     */
    public boolean reset(Connection connection) {
        try {
            if (ConnectionReset.reset(connection, dialect)) {
                resets.reset(true);
                return true;
            }
        } catch (SQLException | RuntimeException e) {
            LOG.warn("Source '{}': resetting a connection failed ({}); evicting it", name(), e.getMessage());
        }
        resets.reset(false);
        evict(connection);
        return false;
    }

    /**
     * A connection that carries no session's tracked SET state (search_path, time zone, ...), for
     * work that is no session's own, such as a federated read: it must not run under another
     * session's settings. A connection that carries some is reset first (up to three tries).
     */
    public Connection acquireClean() {
        for (int attempt = 1; ; attempt++) {
            Connection connection = acquire();
            try {
                if (CarriedState.of(connection).isEmpty()) {
                    return connection;
                }
                CarriedState.set(connection, Map.of());
            } catch (SQLException e) {
                evict(connection);
                throw GatewayException.fromUpstream(e);
            }
            if (reset(connection)) {
                return connection;
            }
            if (attempt == 3) {
                throw GatewayException.of(JunctionSqlState.UPSTREAM_UNAVAILABLE, "Source '" + name()
                        + "': connections fail their reset; the pool evicted them. Check the upstream's log.");
            }
        }
    }

    /** Closes a connection for good instead of returning it to the pool. */
    public void evict(Connection connection) {
        HikariDataSource current = pool;
        if (current != null) {
            current.evictConnection(connection);
        } else {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // Its pool is gone already.
            }
        }
    }

    /** The pool's sizing and timeouts now (they change when an operator or a config reload retunes them). */
    public PoolSettings poolSettings() {
        return poolSettings;
    }

    /**
     * Applies new sizing and timeouts to this source's pool at once, open or not: HikariCP grows or
     * shrinks to the new maximum as connections return, and waits from now on use the new timeout.
     */
    public void retune(PoolSettings tuned) {
        Objects.requireNonNull(tuned, "tuned is null");
        synchronized (poolLock) {
            poolSettings = tuned;
            HikariDataSource current = pool;
            if (current != null) {
                PoolFactory.apply(tuned, current.getHikariConfigMXBean());
            }
        }
        LOG.info("Source '{}': pool retuned to max-size={}, acquire-timeout={}, idle-close={}, max-lifetime={}",
                name(), tuned.maxSize(), tuned.acquireTimeout(), tuned.idleClose(), tuned.maxLifetime());
    }

    /** What the pool holds and lends at this moment, for the admin API. */
    public PoolFigures figures() {
        HikariDataSource current = pool;
        HikariPoolMXBean figures = current == null ? null : current.getHikariPoolMXBean();
        PoolSettings tuned = poolSettings;
        if (figures == null) {
            return new PoolFigures(name(), dialect.name().toLowerCase(Locale.ROOT), false, 0, 0, 0, 0, tuned);
        }
        return new PoolFigures(name(), dialect.name().toLowerCase(Locale.ROOT), true, figures.getActiveConnections(),
                figures.getIdleConnections(), Math.max(figures.getThreadsAwaitingConnection(), waiters.get()),
                figures.getTotalConnections(), tuned);
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
        Throwable cause = e.getCause();
        boolean budget = cause instanceof SQLTransientConnectionException;
        if (cause == null || budget) {
            return exhausted(dataSource, budget ? cause.getMessage() : "every connection stayed in use");
        }
        String reason = cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
        return GatewayException.of(JunctionSqlState.UPSTREAM_UNAVAILABLE,
                "Source '" + name() + "': no upstream connection within "
                        + poolSettings.acquireTimeout().toMillis() + " ms" + figures(dataSource) + ": " + reason
                        + ". Check that the database is up and accepts these credentials.");
    }

    private GatewayException exhausted(HikariDataSource dataSource, String reason) {
        return GatewayException.of(JunctionSqlState.POOL_EXHAUSTED, "Source '" + name()
                + "': no upstream connection within " + poolSettings.acquireTimeout().toMillis() + " ms"
                + figures(dataSource) + ": " + reason + ". Retry later, shorten transactions, or raise sources."
                + name() + ".pool.max-size (or upstream.max-total-connections).");
    }

    /** The pool's figures at this moment, for messages. */
    private String figures(HikariDataSource dataSource) {
        HikariPoolMXBean figures = dataSource == null ? null : dataSource.getHikariPoolMXBean();
        if (figures == null) {
            return " (pool junction-" + name() + ": not started, max=" + poolSettings.maxSize() + ")";
        }
        return String.format(" (pool junction-%s: active=%d, idle=%d, waiting=%d, max=%d)", name(),
                figures.getActiveConnections(), figures.getIdleConnections(),
                Math.max(figures.getThreadsAwaitingConnection(), waiters.get() - 1), poolSettings.maxSize());
    }

    private HikariDataSource pool() {
        HikariDataSource current = pool;
        if (current == null) {
            synchronized (poolLock) {
                current = pool;
                if (current == null) {
                    current = poolFactory.create(settings, poolSettings, dialect);
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
