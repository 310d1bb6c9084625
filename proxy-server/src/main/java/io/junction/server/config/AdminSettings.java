package io.junction.server.config;

/** The operator's HTTP endpoint ({@code admin:}): Prometheus metrics and health. */
public record AdminSettings(String host, int port) {
    public static final int DEFAULT_PORT = 8766;

    public static AdminSettings defaults() {
        return new AdminSettings("127.0.0.1", DEFAULT_PORT);
    }

    public AdminSettings withPort(int newPort) {
        return new AdminSettings(host, newPort);
    }
}
