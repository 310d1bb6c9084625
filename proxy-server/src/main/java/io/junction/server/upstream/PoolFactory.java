package io.junction.server.upstream;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariConfigMXBean;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.junction.server.config.PoolSettings;
import io.junction.server.config.SourceSettings;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.Properties;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Creates the HikariCP pool of a source. Every pool shares one housekeeping scheduler and one
 * thread factory: a pool per thread does not scale to thousands of sources (HikariCP #1624).
 */
final class PoolFactory implements AutoCloseable {
    private static final StatementLevelErrors STATEMENT_LEVEL_ERRORS = new StatementLevelErrors();

    private final ScheduledThreadPoolExecutor housekeeper;
    private final ThreadFactory threadFactory;
    private final MicrometerMetricsTrackerFactory metrics;

    private final ConnectionBudget budget;

    PoolFactory(MeterRegistry registry, ConnectionBudget budget) {
        this.budget = budget;
        this.threadFactory = namedDaemonThreads("junction-pool-");
        this.housekeeper = new ScheduledThreadPoolExecutor(1, namedDaemonThreads("junction-pool-housekeeper-"),
                new ScheduledThreadPoolExecutor.DiscardPolicy());
        // Configured like Hikari's own: cancelled keepalive and lifetime tasks must not pile up.
        housekeeper.setRemoveOnCancelPolicy(true);
        housekeeper.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.metrics = new MicrometerMetricsTrackerFactory(registry);
    }

    HikariDataSource create(SourceSettings settings, PoolSettings pool, Dialect dialect) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("junction-" + settings.name());
        Properties driverProperties = new Properties();
        driverProperties.putAll(dialect.poolDefaults());
        driverProperties.putAll(settings.properties());
        // Connections open through the global budget (upstream.max-total-connections).
        config.setDataSource(budget.dataSource(dialect.driverUrl(settings.url()), driverProperties, settings.user(),
                settings.password().isEmpty() ? null : settings.password().reveal(),
                pool.acquireTimeout().toMillis()));
        // Pools are created on first use and hold nothing while unused.
        config.setMinimumIdle(0);
        config.setInitializationFailTimeout(-1);
        apply(pool, config);
        config.setScheduledExecutor(housekeeper);
        config.setThreadFactory(threadFactory);
        config.setMetricsTrackerFactory(metrics);
        config.setExceptionOverride(STATEMENT_LEVEL_ERRORS);
        return new HikariDataSource(config);
    }

    /**
     * Sizing and timeouts, on a new pool's config or on a running pool's MXBean alike (HikariCP
     * reads these four on every use, so a running pool follows them at once).
     */
    static void apply(PoolSettings pool, HikariConfigMXBean target) {
        target.setMaximumPoolSize(pool.maxSize());
        target.setConnectionTimeout(Math.max(250, pool.acquireTimeout().toMillis()));
        target.setMaxLifetime(Math.max(30_000, pool.maxLifetime().toMillis()));
        target.setIdleTimeout(Math.max(10_000, Math.min(pool.idleClose().toMillis(), pool.maxLifetime().toMillis())));
    }

    /** The shared housekeeping scheduler, also used to close idle pools. */
    ScheduledExecutorService housekeeper() {
        return housekeeper;
    }

    @Override
    public void close() {
        housekeeper.shutdownNow();
    }

    private static ThreadFactory namedDaemonThreads(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
