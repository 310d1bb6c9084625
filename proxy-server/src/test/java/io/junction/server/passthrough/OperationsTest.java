package io.junction.server.passthrough;

import io.junction.server.testing.TestGateway;
import io.junction.server.testing.Upstream;
import io.junction.server.testing.Upstreams;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What an operator relies on: the Prometheus endpoint and a shutdown that commits nothing. */
class OperationsTest {
    private static Upstream pg;

    @BeforeAll
    static void prepare() throws Exception {
        pg = Upstreams.postgres();
        pg.execute("DROP TABLE IF EXISTS jt_ops", "CREATE TABLE jt_ops (id int PRIMARY KEY)");
    }

    @Test
    void metricsShowRequestsErrorsPoolsAndTheJvm() throws Exception {
        try (TestGateway gateway = TestGateway.start(Map.of("pg", pg))) {
            try (Connection connection = gateway.connect("pg"); Statement statement = connection.createStatement()) {
                try (ResultSet rs = statement.executeQuery("SELECT 1")) {
                    assertThat(rs.next()).isTrue();
                }
                assertThatThrownBy(() -> statement.executeQuery("SELECT * FROM jt_ops_missing"))
                        .isInstanceOf(SQLException.class);
                String metrics = scrape(gateway.adminPort());
                assertThat(metrics)
                        .contains("junction_requests_seconds_count{outcome=\"ok\",type=\"PrepareAndExecute\"}")
                        .contains("junction_errors_total{sqlstate_class=\"42\"}")
                        .contains("junction_sessions_open 1.0")
                        .contains("hikaricp_connections{pool=\"junction-pg\"}")
                        .contains("jvm_memory_used_bytes");
            }
        }
    }

    @Test
    void shutdownRollsBackWhatClientsLeftOpen() throws Exception {
        TestGateway gateway = TestGateway.start(Map.of("pg", pg));
        try (Connection connection = gateway.connect("pg")) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.executeUpdate("INSERT INTO jt_ops VALUES (1)");
            }
            gateway.close();
            assertThatThrownBy(connection::commit).isInstanceOf(SQLException.class);
        } catch (SQLException closeAfterShutdown) {
            // Closing a connection to a stopped server may fail; what matters is below.
        } finally {
            gateway.close();
        }
        try (Connection direct = pg.connect(); Statement statement = direct.createStatement();
             ResultSet rs = statement.executeQuery("SELECT count(*) FROM jt_ops")) {
            rs.next();
            assertThat(rs.getInt(1)).isZero();
        }
    }

    private static String scrape(int adminPort) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }
}
