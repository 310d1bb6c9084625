package io.junction.server.multiplex;

import io.junction.server.config.ServerSettings;
import io.junction.server.config.SessionSettings;
import io.junction.server.config.SourceSettings;
import io.junction.server.config.UpstreamSettings;
import io.junction.server.testing.TestGateway;
import io.junction.server.testing.Upstream;
import io.junction.server.testing.Upstreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.junction.server.multiplex.Sql.text;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What reaches PostgreSQL, round trip by round trip, when a client works through Junction, next to what direct
 * pgjdbc sends for the same JDBC calls ({@link PostgresWireRecorder} sits in front of the upstream for both).
 */
class PostgresRoundTripsTest {
    private static PostgresWireRecorder recorder;
    private static Upstream recorded;
    private static TestGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        Upstream pg = Upstreams.postgres();
        pg.execute("CREATE SCHEMA IF NOT EXISTS jtx_rt");
        URI address = URI.create(pg.url().substring("jdbc:".length()));
        recorder = new PostgresWireRecorder(address.getHost(), address.getPort());
        recorded = new Upstream(pg.kind(), "jdbc:postgresql://127.0.0.1:" + recorder.port() + address.getRawPath(),
                pg.user(), pg.password());
        Map<String, SourceSettings> sources = new LinkedHashMap<>();
        sources.put("pg", TestGateway.source("pg", recorded, PostgresSessionStateTest.pool(1), Map.of()));
        gateway = TestGateway.startWith(sources, ServerSettings.defaults().withPort(0), SessionSettings.defaults(),
                UpstreamSettings.defaults());
    }

    @AfterAll
    static void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
        recorder.close();
        Upstreams.postgres().execute("DROP SCHEMA IF EXISTS jtx_rt");
    }

    @Test
    void transactionOfOneStatement_costsWhatDirectPgjdbcSends() throws Exception {
        List<List<String>> direct = secondRun(recorded.connect(), PostgresRoundTripsTest::transaction);
        List<List<String>> through = secondRun(gateway.connect("pg"), PostgresRoundTripsTest::transaction);
        assertThat(direct).hasSize(3).last().isEqualTo(List.of("bind S_n"));
        assertThat(through).isEqualTo(direct);
    }

    @Test
    void schemaSetThroughJdbc_isNotSentAgainForEachTransaction() throws Exception {
        List<List<String>> direct = secondRun(inSchema(recorded.connect()), PostgresRoundTripsTest::transaction);
        List<List<String>> through = secondRun(inSchema(gateway.connect("pg")), PostgresRoundTripsTest::transaction);
        assertThat(direct).noneMatch(roundTrip -> roundTrip.toString().contains("search_path"));
        assertThat(through).isEqualTo(direct);
    }

    @Test
    void queryWhoseRowLimitFitsOneFetch_costsWhatDirectPgjdbcSends() throws Exception {
        List<List<String>> direct = secondRun(recorded.connect(), PostgresRoundTripsTest::preview);
        List<List<String>> through = secondRun(gateway.connect("pg"), PostgresRoundTripsTest::preview);
        // No BEGIN and COMMIT around it: 200 rows at most come back in one fetch, no cursor is needed.
        assertThat(direct).hasSize(1);
        assertThat(through).isEqualTo(direct);
    }

    @FunctionalInterface
    private interface Work {
        void run(Connection connection) throws SQLException;
    }

    /** The round trips of {@code work}'s second run on {@code connection} (the first warms statement caches). */
    private static List<List<String>> secondRun(Connection connection, Work work) throws Exception {
        try (connection) {
            work.run(connection);
            recorder.take();
            work.run(connection);
            return recorder.take();
        }
    }

    private static Connection inSchema(Connection connection) throws SQLException {
        connection.setSchema("jtx_rt");
        return connection;
    }

    /** A BI tool's preview: an autocommit query with a small row limit. */
    private static void preview(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.setMaxRows(200);
            try (ResultSet rows = statement.executeQuery("SELECT g FROM generate_series(1, 500) AS g")) {
                int count = 0;
                while (rows.next()) {
                    count++;
                }
                assertThat(count).isEqualTo(200);
            }
        }
    }

    private static void transaction(Connection connection) throws SQLException {
        connection.setAutoCommit(false);
        text(connection, "SELECT 1");
        connection.commit();
        connection.setAutoCommit(true);
    }
}
