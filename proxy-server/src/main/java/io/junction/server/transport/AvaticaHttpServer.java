package io.junction.server.transport;

import io.junction.server.auth.Authenticator;
import io.junction.server.config.ServerSettings;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The HTTP server clients' Avatica requests arrive on: Netty event loops for the sockets, a bounded
 * executor for the work (DESIGN.md decisions 3 and 4).
 *
 * <p>{@link #close()} is the graceful shutdown: stop accepting, let requests in flight finish
 * within {@code server.shutdown-grace}, then close every connection.
 */
public final class AvaticaHttpServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AvaticaHttpServer.class);
    /** Bounds the last steps of a shutdown, after the grace for requests in flight has been spent. */
    private static final long EVENT_LOOP_STOP_SECONDS = 5;

    private final ServerSettings settings;
    private final EventLoopTransport transport = EventLoopTransport.best();
    private final ThreadPoolExecutor workers;
    private final InFlightRequests inFlight = new InFlightRequests();
    private final ChannelGroup openChannels = new DefaultChannelGroup("junction-clients", GlobalEventExecutor.INSTANCE);
    private final AtomicBoolean shuttingDown = new AtomicBoolean();
    private final AvaticaChannelInitializer initializer;

    private NettyListener listener;
    private boolean closed;

    public AvaticaHttpServer(ServerSettings settings, Authenticator authenticator, AvaticaEndpoint endpoint,
                             MeterRegistry registry) {
        this.settings = Objects.requireNonNull(settings, "settings is null");
        Objects.requireNonNull(registry, "registry is null");
        this.workers = newWorkerExecutor(settings.workerThreads(), settings.maxQueuedRequests());
        TransportMetrics metrics = new TransportMetrics(registry, inFlight, workers, openChannels);
        AvaticaRequestHandler requestHandler = new AvaticaRequestHandler(
                new AvaticaCall(authenticator, endpoint, metrics), workers, inFlight, metrics, shuttingDown::get,
                settings.maxHeaderBytes());
        this.initializer = new AvaticaChannelInitializer(settings.maxHeaderBytes(), settings.maxRequestBytes(),
                openChannels, metrics, requestHandler);
    }

    private static ThreadPoolExecutor newWorkerExecutor(int threads, int queueCapacity) {
        BlockingQueue<Runnable> queue = queueCapacity == 0 ? new SynchronousQueue<>()
                : new ArrayBlockingQueue<>(queueCapacity);
        // AbortPolicy: a full queue is answered at once with SQLState 53300, never by blocking an event loop.
        return new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, queue,
                new NamedThreadFactory(TransportMetrics.WORKER_EXECUTOR_NAME), new ThreadPoolExecutor.AbortPolicy());
    }

    /** Binds {@code server.host:server.port} (port 0 picks a free one, see {@link #port()}). */
    public synchronized void start() throws IOException {
        if (listener != null || closed) {
            throw new IllegalStateException("the Avatica server can be started once");
        }
        EventLoopGroup acceptLoop = transport.newGroup(1, "junction-accept");
        EventLoopGroup ioLoops = transport.newGroup(0, "junction-io");
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(acceptLoop, ioLoops)
                .channel(transport.serverChannelClass())
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childHandler(initializer);
        listener = NettyListener.bind(bootstrap, List.of(acceptLoop, ioLoops), settings.host(), settings.port(),
                "server.host, server.port");
        LOG.info("Avatica endpoint listening on {}:{} ({} transport, {} worker threads)", settings.host(), port(),
                transport.name().toLowerCase(Locale.ROOT), settings.workerThreads());
    }

    /** The bound port; differs from the configured one when that was 0. */
    public int port() {
        if (listener == null) {
            throw new IllegalStateException("the Avatica server is not started");
        }
        return listener.port();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        shuttingDown.set(true);
        if (listener != null) {
            listener.stopAccepting();
        }
        boolean drained = awaitInFlight();
        if (drained) {
            workers.shutdown();
            openChannels.close().awaitUninterruptibly();
        } else {
            LOG.warn("{} requests still running after server.shutdown-grace of {}; interrupting them and closing "
                    + "their connections", inFlight.count(), settings.shutdownGrace());
            // Connections first: an interrupted request would otherwise race its error answer
            // against the close, and its client might get an answer instead of a dropped request.
            openChannels.close().awaitUninterruptibly();
            workers.shutdownNow();
        }
        awaitWorkers();
        if (listener != null) {
            listener.stopEventLoops();
        }
        LOG.info("Avatica endpoint stopped");
    }

    private boolean awaitInFlight() {
        try {
            return inFlight.awaitNone(settings.shutdownGrace());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Workers interrupted above still try to answer their (now closed) channels; that needs the
     * event loops, so they stop only after the workers, or after a bound if JDBC ignores interrupts.
     */
    private void awaitWorkers() {
        try {
            if (!workers.awaitTermination(EVENT_LOOP_STOP_SECONDS, TimeUnit.SECONDS)) {
                LOG.warn("Worker threads still busy {} s after shutdown; leaving them behind", EVENT_LOOP_STOP_SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
