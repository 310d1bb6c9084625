package io.junction.server.admin;

import io.junction.server.config.AdminSettings;
import io.junction.server.transport.EventLoopTransport;
import io.junction.server.transport.NamedThreadFactory;
import io.junction.server.transport.NettyListener;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The operators' HTTP endpoint ({@code admin.host:admin.port}): {@code GET /metrics} in Prometheus
 * text format and {@code GET /health}. Other parts of the server add their operations with
 * {@link #register}; every route runs on a small admin executor, never on the event loop.
 */
public final class AdminHttpServer implements AutoCloseable {
    public static final String PROMETHEUS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    private static final Logger LOG = LoggerFactory.getLogger(AdminHttpServer.class);
    private static final int ADMIN_THREADS = 2;
    private static final int ADMIN_QUEUE = 64;

    private final AdminSettings settings;
    private final AdminRoutes routes = new AdminRoutes();
    private final ThreadPoolExecutor executor = new ThreadPoolExecutor(ADMIN_THREADS, ADMIN_THREADS, 0,
            TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(ADMIN_QUEUE), new NamedThreadFactory("junction-admin"),
            new ThreadPoolExecutor.AbortPolicy());
    private final ChannelGroup openChannels = new DefaultChannelGroup("junction-admin", GlobalEventExecutor.INSTANCE);

    private NettyListener listener;
    private boolean closed;

    public AdminHttpServer(AdminSettings settings, PrometheusMeterRegistry registry) {
        this.settings = Objects.requireNonNull(settings, "settings is null");
        Objects.requireNonNull(registry, "registry is null");
        register("GET", "/metrics", request -> new AdminResponse(200, PROMETHEUS_CONTENT_TYPE,
                registry.scrape().getBytes(StandardCharsets.UTF_8)));
        register("GET", "/health", request -> AdminResponse.json(200, Map.of("status", "UP")));
    }

    /**
     * Adds an operation at an exact path.
     *
     * @param method HTTP method, e.g. {@code GET}
     * @param path   starts with {@code /}; no pattern matching, pass identifiers as query parameters
     * @throws IllegalStateException when that method and path are taken
     */
    public void register(String method, String path, AdminRoute route) {
        routes.register(method, path, route);
    }

    /** Binds {@code admin.host:admin.port} (port 0 picks a free one, see {@link #port()}). */
    public synchronized void start() throws IOException {
        if (listener != null || closed) {
            throw new IllegalStateException("the admin server can be started once");
        }
        EventLoopTransport transport = EventLoopTransport.best();
        // Admin traffic is a scrape every few seconds: one thread accepts and serves.
        EventLoopGroup eventLoop = transport.newGroup(1, "junction-admin-io");
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(eventLoop)
                .channel(transport.serverChannelClass())
                .childHandler(new AdminChannelInitializer(openChannels, new AdminRequestHandler(routes, executor)));
        listener = NettyListener.bind(bootstrap, List.of(eventLoop), settings.host(), settings.port(),
                "admin.host, admin.port");
        LOG.info("Admin endpoint listening on http://{}:{}/metrics", settings.host(), port());
    }

    /** The bound port; differs from the configured one when that was 0. */
    public int port() {
        if (listener == null) {
            throw new IllegalStateException("the admin server is not started");
        }
        return listener.port();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (listener != null) {
            listener.stopAccepting();
        }
        openChannels.close().awaitUninterruptibly();
        executor.shutdownNow();
        if (listener != null) {
            listener.stopEventLoops();
        }
    }
}
