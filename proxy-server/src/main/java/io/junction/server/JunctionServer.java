package io.junction.server;

import io.junction.server.admin.AdminHttpServer;
import io.junction.server.admin.AdminResponse;
import io.junction.server.admin.JunctionMetrics;
import io.junction.server.auth.UserDirectory;
import io.junction.server.cache.CacheAdminRoutes;
import io.junction.server.cache.CacheMetrics;
import io.junction.server.cache.GatewayCache;
import io.junction.server.admin.AdminConsole;
import io.junction.server.config.ConfigChanges;
import io.junction.server.config.ConfigLoader;
import io.junction.server.config.ConfigWatcher;
import io.junction.server.config.JunctionConfig;
import io.junction.server.config.ReloadOutcome;
import io.junction.server.session.AvaticaDispatcher;
import io.junction.server.session.GatewayMeta;
import io.junction.server.session.SessionAdministration;
import io.junction.server.session.IdleSessionReaper;
import io.junction.server.transport.AvaticaHttpServer;
import io.junction.server.upstream.FederationSources;
import io.junction.server.upstream.PoolAdminRoutes;
import io.junction.server.upstream.SourceRegistry;
import io.micrometer.core.instrument.Gauge;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * One running gateway: the client endpoint, the sessions and pools behind it, and the operator's
 * endpoint. {@link #close()} shuts down in the order that loses nothing: stop taking requests and
 * let in-flight ones finish, roll back what clients left open, close pools, then metrics.
 */
public final class JunctionServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JunctionServer.class);

    private final JunctionMetrics metrics;
    private final SourceRegistry sources;
    private final GatewayCache cache;
    private final GatewayMeta meta;
    private final AvaticaHttpServer transport;
    private final AdminHttpServer admin;
    private final IdleSessionReaper idleSessions;
    private final UserDirectory users;
    /** The config in force: the one started with, plus what reloads applied. */
    private JunctionConfig running;
    private volatile ConfigWatcher configWatcher;
    private final CountDownLatch terminated = new CountDownLatch(1);
    private boolean closed;

    private JunctionServer(JunctionConfig config) {
        this.running = config;
        this.users = new UserDirectory(config.users());
        this.metrics = JunctionMetrics.create();
        this.sources = new SourceRegistry(config.sources(), config.upstream(), metrics.registry());
        this.cache = new GatewayCache(config.cache(), sources, config.sources());
        CacheMetrics.bind(cache.results(), metrics.registry());
        this.meta = new GatewayMeta(sources, FederationSources.create(sources, config.federation(),
                metrics.registry()), cache, metrics.registry());
        Gauge.builder("junction.sessions.open", meta.administration(), SessionAdministration::sessionCount)
                .description("Open client sessions")
                .register(metrics.registry());
        this.transport = new AvaticaHttpServer(config.server(), users,
                new AvaticaDispatcher(meta, metrics.registry()), metrics.registry());
        this.admin = new AdminHttpServer(config.admin(), metrics.registry());
        admin.register("GET", "/sessions", request -> AdminResponse.json(200, meta.administration().describeSessions()));
        this.idleSessions = new IdleSessionReaper(meta.administration(), config.sessions().idleTimeout());
        CacheAdminRoutes.register(admin, cache, sources, meta.administration()::explainCache);
        PoolAdminRoutes.register(admin, sources);
        admin.register("GET", "/config", request -> AdminResponse.json(200, describeReload()));
        admin.register("POST", "/config/reload", request -> reloadRequested());
        AdminConsole.register(admin);
    }

    /** Starts a gateway; on failure everything already started is closed again. */
    public static JunctionServer start(JunctionConfig config) throws Exception {
        JunctionServer server = new JunctionServer(config);
        try {
            server.admin.start();
            server.transport.start();
        } catch (Exception e) {
            server.close();
            throw e;
        }
        LOG.info("Junction listening on {}:{} (admin {}:{}) with {} source(s)", config.server().host(),
                server.port(), config.admin().host(), server.adminPort(), config.sources().size());
        return server;
    }

    public int port() {
        return transport.port();
    }

    public int adminPort() {
        return admin.port();
    }

    /** The result cache (tests and benchmarks read its statistics). */
    public GatewayCache cache() {
        return cache;
    }

    /**
     * Applies a reloaded config: users and grants (sessions that lost their grant are closed), pool
     * sizing and timeouts, the session idle timeout. Other changes wait for a restart; the result
     * names them.
     */
    public synchronized ConfigChanges reconfigure(JunctionConfig reloaded) {
        ConfigChanges changes = ConfigChanges.between(running, reloaded);
        changes.users().ifPresent(list -> {
            users.replaceUsers(list);
            int closed = meta.administration().closeSessionsNoLongerGranted(users::grantsOf);
            if (closed > 0) {
                LOG.info("Closed {} session(s) whose user lost access with the reloaded users section", closed);
            }
        });
        changes.pools().forEach((name, pool) -> sources.find(name).ifPresent(source -> source.retune(pool)));
        changes.sessions().ifPresent(sessions -> idleSessions.retime(sessions.idleTimeout()));
        running = changes.appliedTo(running);
        return changes;
    }

    /**
     * Reloads {@code file} when it changes (checked every {@code interval}; zero: only on
     * {@code POST /config/reload}).
     */
    public synchronized void watchConfig(Path file, ConfigLoader loader, Duration interval) {
        if (configWatcher != null) {
            throw new IllegalStateException("already watching " + configWatcher.file());
        }
        configWatcher = new ConfigWatcher(file, loader, this::reconfigure, interval, metrics.registry());
    }

    private Map<String, Object> describeReload() {
        ConfigWatcher watcher = configWatcher;
        Map<String, Object> described = new LinkedHashMap<>();
        if (watcher == null) {
            described.put("file", null);
            described.put("reload", "off: started without a config file (demo mode)");
            return described;
        }
        described.put("file", watcher.file().toString());
        described.put("reload", watcher.interval().isZero() ? "on request (POST /config/reload)"
                : "when the file changes, checked every " + watcher.interval().toMillis() + " ms");
        described.put("last", watcher.last().describe());
        return described;
    }

    private AdminResponse reloadRequested() {
        ConfigWatcher watcher = configWatcher;
        if (watcher == null) {
            return AdminResponse.text(409, "no config file to reload: this gateway was started without --config");
        }
        ReloadOutcome outcome = watcher.reloadNow();
        return AdminResponse.json(outcome.result() == ReloadOutcome.Result.REJECTED ? 422 : 200, outcome.describe());
    }

    /** Blocks until {@link #close()} has finished. */
    public void awaitTermination() throws InterruptedException {
        terminated.await();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            transport.close();
            idleSessions.close();
            ConfigWatcher watcher = configWatcher;
            if (watcher != null) {
                watcher.close();
            }
            meta.administration().closeAllSessions();
            sources.close();
            admin.close();
            metrics.close();
        } finally {
            terminated.countDown();
            LOG.info("Junction stopped");
        }
    }
}
