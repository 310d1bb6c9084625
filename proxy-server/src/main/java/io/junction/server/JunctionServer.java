package io.junction.server;

import io.junction.server.admin.AdminHttpServer;
import io.junction.federation.FederationSettings;
import io.junction.server.admin.AdminResponse;
import io.junction.server.admin.JunctionMetrics;
import io.junction.server.auth.UserDirectory;
import io.junction.server.cache.CacheAdminRoutes;
import io.junction.server.cache.CacheMetrics;
import io.junction.server.cache.GatewayCache;
import io.junction.server.config.JunctionConfig;
import io.junction.server.session.AvaticaDispatcher;
import io.junction.server.session.GatewayMeta;
import io.junction.server.session.IdleSessionReaper;
import io.junction.server.transport.AvaticaHttpServer;
import io.junction.server.upstream.FederationSources;
import io.junction.server.upstream.SourceRegistry;
import io.micrometer.core.instrument.Gauge;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
    private final CountDownLatch terminated = new CountDownLatch(1);
    private boolean closed;

    private JunctionServer(JunctionConfig config) {
        this.metrics = JunctionMetrics.create();
        this.sources = new SourceRegistry(config.sources(), config.upstream(), metrics.registry());
        this.cache = new GatewayCache(config.cache(), sources, config.sources());
        CacheMetrics.bind(cache.results(), metrics.registry());
        this.meta = new GatewayMeta(sources, FederationSources.create(sources, FederationSettings.defaults(),
                metrics.registry()), cache, metrics.registry());
        Gauge.builder("junction.sessions.open", meta, GatewayMeta::sessionCount)
                .description("Open client sessions")
                .register(metrics.registry());
        this.transport = new AvaticaHttpServer(config.server(), new UserDirectory(config.users()),
                new AvaticaDispatcher(meta, metrics.registry()), metrics.registry());
        this.admin = new AdminHttpServer(config.admin(), metrics.registry());
        admin.register("GET", "/sessions", request -> AdminResponse.json(200, meta.describeSessions()));
        this.idleSessions = new IdleSessionReaper(meta, config.sessions().idleTimeout());
        CacheAdminRoutes.register(admin, cache, sources, meta::explainCache);
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
            meta.closeAllSessions();
            sources.close();
            admin.close();
            metrics.close();
        } finally {
            terminated.countDown();
            LOG.info("Junction stopped");
        }
    }
}
