package io.junction.server.multiplex;

import io.junction.server.testing.TestGateway;
import io.junction.server.testing.Upstream;
import io.junction.server.testing.Upstreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static io.junction.server.multiplex.Sql.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Statement.cancel() from another thread and setQueryTimeout stop the statement on the upstream
 * (stock Avatica only sets a local flag): the client sees 57014 and its connection stays usable.
 */
class CancelAndTimeoutTest {
    private static final String PG_SLOW = "SELECT pg_sleep(60) /* j4-cancel */";
    private static final String MARIA_SLOW =
            "SELECT count(*) FROM seq_1_to_200000 a, seq_1_to_200000 b /* j4-cancel */";

    private static TestGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        gateway = TestGateway.start(Map.of("pg", Upstreams.postgres(), "maria", Upstreams.mariadb()));
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void cancel_fromAnotherThread_stopsThePostgresStatement() throws Exception {
        try (Connection connection = gateway.connect("pg"); Statement statement = connection.createStatement()) {
            CompletableFuture<Object> running = CompletableFuture.supplyAsync(() -> execute(statement, PG_SLOW));
            awaitRunning(Upstreams.postgres(), "SELECT count(*) FROM pg_stat_activity WHERE query = '" + PG_SLOW
                    + "' AND state = 'active'");

            statement.cancel();

            assertCancelled(running);
            assertThat(text(connection, "SELECT 1")).isEqualTo("1");
        }
    }

    @Test
    void cancel_ofAPreparedStatement_stopsTheMariaDbStatement() throws Exception {
        try (Connection connection = gateway.connect("maria");
             PreparedStatement statement = connection.prepareStatement(MARIA_SLOW)) {
            CompletableFuture<Object> running = CompletableFuture.supplyAsync(() -> {
                try {
                    return statement.executeQuery();
                } catch (SQLException e) {
                    throw new RuntimeException(e);
                }
            });
            awaitRunning(Upstreams.mariadb(), "SELECT count(*) FROM information_schema.PROCESSLIST WHERE INFO = '"
                    + MARIA_SLOW + "'");

            statement.cancel();

            assertCancelled(running);
            assertThat(text(connection, "SELECT 1")).isEqualTo("1");
        }
    }

    @Test
    void queryTimeout_stopsThePostgresStatement() throws SQLException {
        try (Connection connection = gateway.connect("pg"); Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(1);

            assertThatThrownBy(() -> statement.executeQuery("SELECT pg_sleep(60)"))
                    .isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("57014"))
                    .hasMessageContaining("query timeout of 1 s");
            assertThat(text(connection, "SELECT 1")).isEqualTo("1");
            statement.setQueryTimeout(0);
            assertThat(statement.executeQuery("SELECT pg_sleep(1.5), 2").next()).isTrue();
        }
    }

    @Test
    void queryTimeout_stopsTheMariaDbStatement() throws SQLException {
        try (Connection connection = gateway.connect("maria");
             PreparedStatement statement = connection.prepareStatement(MARIA_SLOW)) {
            statement.setQueryTimeout(1);

            assertThatThrownBy(statement::executeQuery)
                    .isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("57014"));
            assertThat(text(connection, "SELECT 1")).isEqualTo("1");
        }
    }

    private static Object execute(Statement statement, String sql) {
        try {
            return statement.executeQuery(sql);
        } catch (SQLException e) {
            throw new RuntimeException(e);
        }
    }

    private static void assertCancelled(CompletableFuture<Object> running) {
        assertThatThrownBy(() -> running.get(30, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .satisfies(e -> {
                    SQLException cause = (SQLException) e.getCause().getCause();
                    assertThat(cause.getSQLState()).isEqualTo("57014");
                    assertThat(cause.getMessage()).contains("cancelled on request");
                });
    }

    /** Waits (bounded) until the upstream shows the statement running: only then can it be cancelled. */
    private static void awaitRunning(Upstream upstream, String countQuery) throws Exception {
        try (Connection direct = upstream.connect()) {
            for (int i = 0; i < 300; i++) {
                if (!"0".equals(text(direct, countQuery))) {
                    return;
                }
                Thread.sleep(50);
            }
        }
        throw new AssertionError("the statement never started on the upstream");
    }
}
