package io.junction.server.testing;

import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.JdbcDatabaseContainer;
import org.testcontainers.containers.MariaDBContainer;
import org.testcontainers.containers.PostgreSQLContainer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Finds the real PostgreSQL and MariaDB the tests run against, in this order: an explicit URL from
 * the environment ({@code JUNCTION_TEST_PG_URL}/{@code _USER}/{@code _PASSWORD}, likewise
 * {@code JUNCTION_TEST_MARIADB_*}), the local service on its standard port, then a
 * Testcontainers container when a Docker engine is present. When none exists the test is skipped
 * with a message saying how to provide one — unless {@code JUNCTION_REQUIRE_UPSTREAMS} is set
 * (CI sets it), when it fails instead.
 */
public final class Upstreams {
    private static Upstream postgres;
    private static Upstream mariadb;

    private Upstreams() {
    }

    public static synchronized Upstream postgres() {
        if (postgres == null) {
            postgres = resolve("PG", "PostgreSQL", "jdbc:postgresql://127.0.0.1:5432/test", "postgres", "", 5432,
                    () -> new PostgreSQLContainer<>("postgres:15-alpine").withDatabaseName("test"));
        }
        return postgres;
    }

    public static synchronized Upstream mariadb() {
        if (mariadb == null) {
            mariadb = resolve("MARIADB", "MariaDB", "jdbc:mariadb://127.0.0.1:3306/test", "root", "", 3306,
                    () -> new MariaDBContainer<>("mariadb:10.11").withDatabaseName("test"));
        }
        return mariadb;
    }

    private static Upstream resolve(String envPrefix, String kind, String localUrl, String localUser,
                                    String localPassword, int localPort,
                                    Supplier<JdbcDatabaseContainer<?>> container) {
        String url = System.getenv("JUNCTION_TEST_" + envPrefix + "_URL");
        if (url != null && !url.isBlank()) {
            return new Upstream(kind, url, env("JUNCTION_TEST_" + envPrefix + "_USER", localUser),
                    env("JUNCTION_TEST_" + envPrefix + "_PASSWORD", localPassword));
        }
        if (listening(localPort)) {
            return new Upstream(kind, localUrl, localUser, localPassword);
        }
        Optional<Upstream> started = startContainer(kind, container);
        if (started.isPresent()) {
            return started.get();
        }
        String how = kind + " is not reachable: start it on 127.0.0.1:" + localPort + ", set JUNCTION_TEST_"
                + envPrefix + "_URL, or run a Docker engine for Testcontainers.";
        if (System.getenv("JUNCTION_REQUIRE_UPSTREAMS") != null) {
            throw new IllegalStateException(how + " (JUNCTION_REQUIRE_UPSTREAMS is set, so this fails the build)");
        }
        Assumptions.abort(how);
        throw new AssertionError("unreachable");
    }

    private static Optional<Upstream> startContainer(String kind, Supplier<JdbcDatabaseContainer<?>> factory) {
        try {
            if (!DockerClientFactory.instance().isDockerAvailable()) {
                return Optional.empty();
            }
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        JdbcDatabaseContainer<?> container = factory.get();
        container.start();
        Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
        return Optional.of(new Upstream(kind, container.getJdbcUrl(), container.getUsername(),
                container.getPassword()));
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }
}
