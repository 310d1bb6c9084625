package io.junction.server.federated;

import io.junction.federation.testing.ComparableValues;
import io.junction.server.testing.TestGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every column type of a PostgreSQL and a MariaDB table read in one query across the two sources
 * comes back as each source returns it directly: numerics and decimals exactly, dates, times and
 * timestamps (MariaDB DATETIME(n) included) with their fractions and no zone shift, booleans,
 * binary, UUID and JSON (as text). JSON cannot be compared or grouped across sources: a 0A000 names
 * the column and the cast that compares its text.
 */
class CrossSourceTypesTest {
    private static final String PG_COLUMNS = "p.small, p.big, p.exact, p.loose, p.single, p.doubled, p.dt, "
            + "p.clock, p.moment, p.flag, p.bytes, p.id_uuid, p.doc, p.docb, p.label";
    private static final String MARIA_COLUMNS = "m.tiny, m.big, m.exact, m.doubled, m.dt, m.clock, m.moment, "
            + "m.moment3, m.stamp, m.flag, m.bytes, m.id_uuid, m.doc, m.label";

    private static TestGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        FederatedSources.postgres().execute("DROP SCHEMA IF EXISTS jfe_types CASCADE", "CREATE SCHEMA jfe_types",
                "CREATE TABLE jfe_types.pg_values (id int PRIMARY KEY, small smallint, big bigint, "
                        + "exact numeric(20,5), loose numeric, single real, doubled double precision, dt date, "
                        + "clock time(6), moment timestamp(6), flag boolean, bytes bytea, id_uuid uuid, doc json, "
                        + "docb jsonb, label varchar(30))",
                "INSERT INTO jfe_types.pg_values VALUES (1, -32768, 9223372036854775807, 123456789012345.12345, "
                        + "0.000000000000000000001, 1.5, 2.718281828459045, '1999-12-31', '23:59:59.999999', "
                        + "'2024-03-31 02:30:00.123456', true, '\\x00ff10', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', "
                        + "'{\"a\": [1, 2]}', '{\"b\": true}', 'Zoë')",
                "INSERT INTO jfe_types.pg_values VALUES (2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, "
                        + "NULL, NULL, NULL, NULL, NULL, NULL)");
        FederatedSources.mariadb().execute("DROP DATABASE IF EXISTS jfe_types", "CREATE DATABASE jfe_types",
                "CREATE TABLE jfe_types.maria_values (id int PRIMARY KEY, tiny tinyint, big bigint, "
                        + "exact decimal(20,5), doubled double, dt date, clock time(6), moment datetime(6), "
                        + "moment3 datetime(3), stamp timestamp(6) NULL, flag boolean, bytes varbinary(16), "
                        + "id_uuid uuid, doc json, label varchar(30))",
                "INSERT INTO jfe_types.maria_values VALUES (1, -128, -9223372036854775808, -99999.99999, "
                        + "1.7976931348623157E308, '2000-02-29', '12:34:56.000001', '2024-03-31 02:30:00.654321', "
                        + "'1970-01-01 00:00:00.001', '2038-01-19 03:14:07.999999', true, x'00ff10', "
                        + "'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '{\"c\": null}', 'Åsa')",
                "INSERT INTO jfe_types.maria_values VALUES (2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, "
                        + "NULL, NULL, NULL, NULL, NULL, NULL)");
        gateway = FederatedSources.start();
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void everyColumn_readAcrossSources_equalsTheSourcesOwnValue() throws Exception {
        List<List<Object>> pg = direct(FederatedSources.postgres().connect(),
                "SELECT " + PG_COLUMNS + " FROM jfe_types.pg_values p ORDER BY p.id", true);
        List<List<Object>> maria = direct(FederatedSources.mariadb().connect(),
                "SELECT " + MARIA_COLUMNS + " FROM jfe_types.maria_values m ORDER BY m.id", true);
        List<List<Object>> expected = new ArrayList<>();
        for (int i = 0; i < pg.size(); i++) {
            List<Object> row = new ArrayList<>(pg.get(i));
            row.addAll(maria.get(i));
            expected.add(row);
        }

        List<List<Object>> federated;
        try (Connection connection = gateway.connect("")) {
            federated = direct(connection, "SELECT " + PG_COLUMNS + ", " + MARIA_COLUMNS
                    + " FROM pg.jfe_types.pg_values p JOIN maria.jfe_types.maria_values m ON m.id = p.id ORDER BY p.id",
                    false);
        }

        for (int i = 0; i < expected.size(); i++) {
            List<Object> expectedRow = expected.get(i);
            List<Object> actualRow = federated.get(i);
            List<String> labels = new ArrayList<>(Arrays.asList((PG_COLUMNS + ", " + MARIA_COLUMNS).split(", ")));
            for (int c = 0; c < expectedRow.size(); c++) {
                assertThat(actualRow.get(c)).as("row %d, %s", i + 1, labels.get(c)).isEqualTo(expectedRow.get(c));
            }
        }
    }

    @Test
    void comparingOrGroupingJsonAcrossSources_isRefusedWith0A000NamingTheColumn() throws Exception {
        String join = "SELECT p.id FROM pg.jfe_types.pg_values p JOIN maria.jfe_types.maria_values m ";
        try (Connection connection = gateway.connect(""); Statement statement = connection.createStatement()) {
            for (String sql : List.of(join + "ON m.id = p.id WHERE p.docb = m.doc",
                    "SELECT p.doc, COUNT(*) FROM pg.jfe_types.pg_values p JOIN maria.jfe_types.maria_values m "
                            + "ON m.id = p.id GROUP BY p.doc")) {
                assertThatThrownBy(() -> statement.executeQuery(sql)).as(sql)
                        .isInstanceOfSatisfying(SQLException.class, e -> {
                            assertThat(e.getSQLState()).isEqualTo("0A000");
                            assertThat(e.getMessage()).containsPattern("pg_values\\.doc|maria_values\\.doc")
                                    .contains("AS VARCHAR)");
                        });
            }
            try (ResultSet rs = statement.executeQuery("SELECT CAST(p.docb AS VARCHAR), m.doc FROM "
                    + "pg.jfe_types.pg_values p JOIN maria.jfe_types.maria_values m ON m.id = p.id "
                    + "WHERE CAST(p.docb AS VARCHAR) = '{\"b\": true}'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("{\"b\": true}");
                assertThat(rs.getString(2)).isEqualTo("{\"c\": null}");
                assertThat(rs.next()).isFalse();
            }
        }
    }

    /**
     * Rows of a query, values through getObject made comparable (see {@link ComparableValues}); times
     * and timestamps as java.time, which keeps their fractions.
     *
     * @param millis whether to cut times and timestamps to milliseconds, as federation's runtime holds
     *               them (README, known limits)
     */
    private static List<List<Object>> direct(Connection connection, String sql, boolean millis) throws Exception {
        try (connection; Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            List<List<Object>> rows = new ArrayList<>();
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<Object> row = new ArrayList<>();
                for (int c = 1; c <= columns; c++) {
                    int type = rs.getMetaData().getColumnType(c);
                    if (type == Types.TIME) {
                        LocalTime time = rs.getObject(c, LocalTime.class);
                        row.add(time == null ? null : (millis ? time.truncatedTo(ChronoUnit.MILLIS) : time).toString());
                    } else if (type == Types.TIMESTAMP) {
                        LocalDateTime moment = rs.getObject(c, LocalDateTime.class);
                        row.add(moment == null ? null
                                : (millis ? moment.truncatedTo(ChronoUnit.MILLIS) : moment).toString());
                    } else {
                        row.add(ComparableValues.of(rs.getObject(c)));
                    }
                }
                rows.add(row);
            }
            return rows;
        }
    }
}
