package io.junction.server.config;

import java.time.Duration;

/**
 * The Avatica endpoint clients connect to ({@code server:} in the config file).
 *
 * @param host            address to bind
 * @param port            port to bind; 0 picks a free one (tests)
 * @param workerThreads   threads that run JDBC work; the event loops never do
 * @param maxQueuedRequests requests that may wait for a worker before new ones are refused
 * @param maxRequestBytes largest request body accepted
 * @param shutdownGrace   how long a shutdown waits for in-flight requests
 * @param maxHeaderBytes  largest request line plus headers accepted ({@code server.max-header-size})
 */
public record ServerSettings(String host, int port, int workerThreads, int maxQueuedRequests,
                             int maxRequestBytes, Duration shutdownGrace, int maxHeaderBytes) {
    public static final int DEFAULT_PORT = 8765;
    public static final int DEFAULT_MAX_HEADER_BYTES = 16 * 1024;

    /** Settings with the default header limit; kept so that code written before that key still compiles. */
    public ServerSettings(String host, int port, int workerThreads, int maxQueuedRequests,
                          int maxRequestBytes, Duration shutdownGrace) {
        this(host, port, workerThreads, maxQueuedRequests, maxRequestBytes, shutdownGrace, DEFAULT_MAX_HEADER_BYTES);
    }

    public static ServerSettings defaults() {
        return new ServerSettings("127.0.0.1", DEFAULT_PORT, 64, 1024, 16 * 1024 * 1024, Duration.ofSeconds(20),
                DEFAULT_MAX_HEADER_BYTES);
    }

    public ServerSettings withPort(int newPort) {
        return new ServerSettings(host, newPort, workerThreads, maxQueuedRequests, maxRequestBytes, shutdownGrace,
                maxHeaderBytes);
    }
}
