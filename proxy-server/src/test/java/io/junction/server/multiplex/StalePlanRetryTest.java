package io.junction.server.multiplex;

import io.junction.server.config.ServerSettings;
import io.junction.server.config.SessionSettings;
import io.junction.server.config.SourceSettings;
import io.junction.server.config.UpstreamSettings;
import io.junction.server.testing.TestGateway;
import io.junction.server.testing.Upstream;
import io.junction.server.testing.Upstreams;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A prepared statement whose upstream plan is cached (pgjdbc's prepareThreshold) survives DDL that
 * changes its result type: Junction retries once outside a transaction (never inside one, where the
 * failed statement has aborted the transaction).
 */
class StalePlanRetryTest {
    @Test
    void cachedPlanAfterDdl_isRetriedOutsideATransaction() throws Exception {
        Upstream pg = Upstreams.postgres();
        pg.execute("DROP TABLE IF EXISTS j4_plan", "CREATE TABLE j4_plan (a int)", "INSERT INTO j4_plan VALUES (1)");
        Map<String, SourceSettings> sources = Map.of("pg", TestGateway.source("pg", pg,
                PostgresSessionStateTest.pool(1), Map.of()));
        try (TestGateway gateway = TestGateway.startWith(sources, ServerSettings.defaults().withPort(0),
                SessionSettings.defaults(), UpstreamSettings.defaults());
             Connection connection = gateway.connect("pg");
             PreparedStatement select = connection.prepareStatement("SELECT * FROM j4_plan")) {
            for (int i = 0; i < 10; i++) {
                assertThat(columns(select)).isEqualTo(1);
            }
            pg.execute("ALTER TABLE j4_plan ADD COLUMN b int");

            assertThat(columns(select)).isEqualTo(2);

        }
    }

    private static int columns(PreparedStatement select) throws SQLException {
        try (ResultSet rows = select.executeQuery()) {
            rows.next();
            return rows.getMetaData().getColumnCount();
        }
    }
}
