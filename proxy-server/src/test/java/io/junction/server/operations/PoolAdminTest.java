package io.junction.server.operations;

import io.junction.server.testing.AdminHttp;
import io.junction.server.testing.TestGateway;
import io.junction.server.testing.Upstreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The pools' admin routes and the console page, on a real gateway in front of real PostgreSQL. */
class PoolAdminTest {
    private static TestGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        gateway = TestGateway.start(Map.of("pg", Upstreams.postgres()));
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void pools_showWhatEachPoolLendsAndItsSettings() throws Exception {
        try (Connection connection = gateway.connect("pg")) {
            connection.setAutoCommit(false);
            select(connection, 1);

            String pools = AdminHttp.call(gateway.adminPort(), "GET", "/pools").body();

            assertThat(pools).contains("\"source\":\"pg\"", "\"dialect\":\"postgresql\"", "\"open\":true",
                    "\"active\":1", "\"max-size\":10", "\"acquire-timeout\":\"30s\"");
            connection.rollback();
        }
    }

    @Test
    void tune_changesTheRunningPool_untilTunedAgain() throws Exception {
        HttpResponse<String> tuned = AdminHttp.call(gateway.adminPort(), "POST",
                "/pools/tune?source=pg&max-size=1&acquire-timeout=1s");
        try {
            assertThat(tuned.statusCode()).isEqualTo(200);
            assertThat(tuned.body()).contains("\"max-size\":1", "\"acquire-timeout\":\"1s\"");
            try (Connection holder = gateway.connect("pg"); Connection other = gateway.connect("pg")) {
                holder.setAutoCommit(false);
                select(holder, 1);
                assertThatThrownBy(() -> select(other, 2)).isInstanceOf(SQLException.class)
                        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("53300"))
                        .hasMessageContaining("max=1");
                holder.rollback();
                assertThat(select(other, 3)).isEqualTo(3);
            }
        } finally {
            AdminHttp.call(gateway.adminPort(), "POST", "/pools/tune?source=pg&max-size=10&acquire-timeout=30s");
        }
    }

    @Test
    void tune_refusesWhatTheConfigFileWouldRefuse_namingTheKey() throws Exception {
        HttpResponse<String> badValue = AdminHttp.call(gateway.adminPort(), "POST", "/pools/tune?source=pg&max-size=0");
        HttpResponse<String> badKey = AdminHttp.call(gateway.adminPort(), "POST", "/pools/tune?source=pg&min-size=2");
        HttpResponse<String> unknown = AdminHttp.call(gateway.adminPort(), "POST", "/pools/tune?source=nope&max-size=2");

        assertThat(badValue.statusCode()).isEqualTo(400);
        assertThat(badValue.body()).contains("max-size: expected a positive integer, got '0'");
        assertThat(badKey.statusCode()).isEqualTo(400);
        assertThat(badKey.body()).contains("unknown pool setting 'min-size'");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(AdminHttp.call(gateway.adminPort(), "GET", "/pools").body()).contains("\"max-size\":10");
    }

    @Test
    void changes_fromAnotherSitesPage_areRefused_whileTheConsolesOwnAreTaken() throws Exception {
        int port = gateway.adminPort();
        HttpResponse<String> crossSite = AdminHttp.callFrom("http://evil.example", port, "POST",
                "/pools/tune?source=pg&max-size=2");
        HttpResponse<String> sameSite = AdminHttp.callFrom("http://127.0.0.1:" + port, port, "POST",
                "/pools/tune?source=pg&max-size=10");

        assertThat(crossSite.statusCode()).isEqualTo(403);
        assertThat(sameSite.statusCode()).isEqualTo(200);
        assertThat(AdminHttp.call(port, "GET", "/pools").body()).contains("\"max-size\":10");
    }

    @Test
    void console_isServedAtTheRoot_andReadsTheAdminRoutes() throws Exception {
        HttpResponse<String> page = AdminHttp.call(gateway.adminPort(), "GET", "/");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
                .startsWith("text/html"));
        assertThat(page.body()).contains("<title>Junction admin</title>", "\"/pools\"", "\"/sessions\"",
                "\"/config/reload\"", "/cache/flush?");
    }

    private static int select(Connection connection, int value) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT " + value)) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
