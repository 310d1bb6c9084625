package io.junction.server.passthrough;

import io.junction.server.testing.TestGateway;
import io.junction.server.testing.Upstream;
import io.junction.server.testing.Upstreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Passthrough to a real PostgreSQL through the real driver and server. */
class PostgresPassthroughTest {
    private static Upstream pg;
    private static TestGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        pg = Upstreams.postgres();
        pg.execute("DROP TABLE IF EXISTS jt_pg_types",
                "DROP TABLE IF EXISTS jt_pg_items",
                "CREATE TABLE jt_pg_types (id int PRIMARY KEY, i int, b bigint, s smallint, d decimal(38,10),"
                        + " f8 double precision, f4 real, bo boolean, t text, vc varchar(40), ch char(5), dt date,"
                        + " tm time(3), ts timestamp(3), tz timestamptz(3), by bytea, u uuid, js json, jb jsonb,"
                        + " ai int[], at text[])",
                "CREATE TABLE jt_pg_items (id int PRIMARY KEY, name text NOT NULL UNIQUE, qty int)");
        gateway = TestGateway.start(Map.of("pg", pg));
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void everyCommonTypeRoundTripsAsOnADirectConnection() throws Exception {
        byte[] allBytes = new byte[256];
        for (int i = 0; i < allBytes.length; i++) {
            allBytes[i] = (byte) i;
        }
        try (Connection junction = gateway.connect("pg")) {
            try (PreparedStatement insert = junction.prepareStatement("INSERT INTO jt_pg_types VALUES"
                    + " (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::uuid, ?::json, ?::jsonb,"
                    + " '{1,2,3}', ARRAY['a', NULL, 'ü'])")) {
                insert.setInt(1, 1);
                insert.setInt(2, Integer.MIN_VALUE);
                insert.setLong(3, 9_007_199_254_740_993L);
                insert.setShort(4, Short.MIN_VALUE);
                insert.setBigDecimal(5, new BigDecimal("1234567890123456789012345678.0123456789"));
                insert.setDouble(6, Math.PI);
                insert.setFloat(7, 1.5f);
                insert.setBoolean(8, true);
                insert.setString(9, "Grüße, 世界 🚀 \"quoted\" 'single'");
                insert.setString(10, "varchar ✓");
                insert.setString(11, "ab");
                insert.setDate(12, Date.valueOf("1969-07-20"));
                insert.setTime(13, new Time(Time.valueOf("23:59:58").getTime() + 123));
                insert.setTimestamp(14, Timestamp.valueOf(LocalDateTime.parse("1999-12-31T23:59:59.999")));
                insert.setTimestamp(15, Timestamp.from(Instant.parse("2024-06-01T12:00:00.456Z")));
                insert.setBytes(16, allBytes);
                insert.setString(17, "123e4567-e89b-12d3-a456-426614174000");
                insert.setString(18, "{\"a\": [1, 2, {\"b\": null}]}");
                insert.setString(19, "{\"k\": \"v\"}");
                assertThat(insert.executeUpdate()).isEqualTo(1);
            }
            try (Statement statement = junction.createStatement()) {
                assertThat(statement.executeUpdate("INSERT INTO jt_pg_types (id) VALUES (2)")).isEqualTo(1);
            }
            try (Connection direct = pg.connect();
                 Statement viaDirect = direct.createStatement();
                 Statement viaJunction = junction.createStatement()) {
                String query = "SELECT * FROM jt_pg_types ORDER BY id";
                ValueComparison.assertSameRows(viaDirect.executeQuery(query), viaJunction.executeQuery(query));
            }
        }
    }

    @Test
    void reportsTheUpstreamIdentityAndCapabilities() throws Exception {
        try (Connection junction = gateway.connect("pg"); Connection direct = pg.connect()) {
            DatabaseMetaData viaJunction = junction.getMetaData();
            DatabaseMetaData viaDirect = direct.getMetaData();
            assertThat(viaJunction.getDatabaseProductName()).isEqualTo("PostgreSQL");
            assertThat(viaJunction.getDatabaseProductVersion()).isEqualTo(viaDirect.getDatabaseProductVersion());
            assertThat(viaJunction.getDatabaseMajorVersion()).isEqualTo(viaDirect.getDatabaseMajorVersion());
            assertThat(viaJunction.getDriverName()).containsIgnoringCase("Junction");
        }
    }

    @Test
    void metadataWalkFindsTablesAndColumnsWithTheirTypes() throws Exception {
        try (Connection junction = gateway.connect("pg")) {
            DatabaseMetaData md = junction.getMetaData();
            try (ResultSet tables = md.getTables(null, "public", "jt_pg_%", new String[] {"TABLE"})) {
                Map<String, String> found = new HashMap<>();
                while (tables.next()) {
                    found.put(tables.getString("TABLE_NAME"), tables.getString("TABLE_TYPE"));
                }
                assertThat(found).containsEntry("jt_pg_types", "TABLE").containsEntry("jt_pg_items", "TABLE");
            }
            Map<String, Integer> columns = new HashMap<>();
            try (ResultSet rs = md.getColumns(null, "public", "jt_pg_types", null)) {
                while (rs.next()) {
                    columns.put(rs.getString("COLUMN_NAME"), rs.getInt("DATA_TYPE"));
                }
            }
            assertThat(columns).hasSize(21)
                    .containsEntry("i", Types.INTEGER)
                    .containsEntry("b", Types.BIGINT)
                    .containsEntry("d", Types.NUMERIC)
                    .containsEntry("bo", Types.BIT)
                    .containsEntry("dt", Types.DATE)
                    .containsEntry("ts", Types.TIMESTAMP)
                    .containsEntry("by", Types.BINARY)
                    .containsEntry("ai", Types.ARRAY);
            try (ResultSet schemas = md.getSchemas()) {
                boolean publicFound = false;
                while (schemas.next()) {
                    publicFound |= "public".equals(schemas.getString("TABLE_SCHEM"));
                }
                assertThat(publicFound).isTrue();
            }
            try (ResultSet types = md.getTypeInfo()) {
                assertThat(types.next()).isTrue();
            }
        }
    }

    @Test
    void hundredThousandRowsArriveCompleteInFrames() throws Exception {
        try (Connection junction = gateway.connect("pg"); Statement statement = junction.createStatement()) {
            statement.setFetchSize(5_000);
            long count = 0;
            long sum = 0;
            long checksum = 0;
            try (ResultSet rs = statement.executeQuery(
                    "SELECT g, md5(g::text) FROM generate_series(1, 100000) g ORDER BY g")) {
                while (rs.next()) {
                    count++;
                    long value = rs.getLong(1);
                    assertThat(value).isEqualTo(count);
                    sum += value;
                    checksum = checksum * 31 + rs.getString(2).hashCode();
                }
            }
            long expectedChecksum = 0;
            try (Connection direct = pg.connect(); Statement viaDirect = direct.createStatement();
                 ResultSet rs = viaDirect.executeQuery("SELECT md5(g::text) FROM generate_series(1, 100000) g ORDER BY g")) {
                while (rs.next()) {
                    expectedChecksum = expectedChecksum * 31 + rs.getString(1).hashCode();
                }
            }
            assertThat(count).isEqualTo(100_000);
            assertThat(sum).isEqualTo(100_000L * 100_001L / 2);
            assertThat(checksum).isEqualTo(expectedChecksum);
        }
    }

    @Test
    void aMillionRowResultStreamsThrough() throws Exception {
        try (Connection junction = gateway.connect("pg"); Statement statement = junction.createStatement()) {
            statement.setFetchSize(10_000);
            long count = 0;
            long sum = 0;
            try (ResultSet rs = statement.executeQuery("SELECT g, repeat('x', 100) FROM generate_series(1, 1000000) g")) {
                while (rs.next()) {
                    count++;
                    sum += rs.getLong(1);
                }
            }
            assertThat(count).isEqualTo(1_000_000);
            assertThat(sum).isEqualTo(1_000_000L * 1_000_001L / 2);
        }
    }

    @Test
    void batchesReturnTheirUpdateCounts() throws Exception {
        try (Connection junction = gateway.connect("pg")) {
            try (Statement statement = junction.createStatement()) {
                statement.execute("DELETE FROM jt_pg_items");
            }
            try (PreparedStatement insert = junction.prepareStatement("INSERT INTO jt_pg_items VALUES (?, ?, ?)")) {
                for (int i = 1; i <= 5; i++) {
                    insert.setInt(1, i);
                    insert.setString(2, "item-" + i);
                    insert.setInt(3, i * 10);
                    insert.addBatch();
                }
                assertThat(insert.executeBatch()).containsExactly(1, 1, 1, 1, 1);
            }
            try (Statement statement = junction.createStatement()) {
                statement.addBatch("UPDATE jt_pg_items SET qty = qty + 1 WHERE id <= 3");
                statement.addBatch("DELETE FROM jt_pg_items WHERE id = 5");
                assertThat(statement.executeBatch()).containsExactly(3, 1);
            }
        }
    }

    @Test
    void commitIsSeenAndRollbackIsNotFromAnotherConnection() throws Exception {
        try (Connection writer = gateway.connect("pg"); Connection reader = gateway.connect("pg")) {
            try (Statement statement = writer.createStatement()) {
                statement.execute("DELETE FROM jt_pg_items WHERE id >= 100");
            }
            writer.setAutoCommit(false);
            try (Statement statement = writer.createStatement()) {
                statement.executeUpdate("INSERT INTO jt_pg_items VALUES (100, 'rolled-back', 1)");
                assertThat(countItems(writer, 100)).isEqualTo(1);
                assertThat(countItems(reader, 100)).isZero();
                writer.rollback();
                assertThat(countItems(writer, 100)).isZero();

                statement.executeUpdate("INSERT INTO jt_pg_items VALUES (101, 'committed', 1)");
                assertThat(countItems(reader, 101)).isZero();
                writer.commit();
                assertThat(countItems(reader, 101)).isEqualTo(1);
            }
            writer.setAutoCommit(true);
        }
    }

    @Test
    void upstreamErrorsKeepTheirSqlStateAndMessage() throws Exception {
        try (Connection junction = gateway.connect("pg"); Statement statement = junction.createStatement()) {
            assertThatThrownBy(() -> statement.executeQuery("SELEC 1"))
                    .isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42601"))
                    .hasMessageContaining("syntax error");
            assertThatThrownBy(() -> statement.executeQuery("SELECT * FROM jt_no_such_table"))
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42P01"))
                    .hasMessageContaining("jt_no_such_table")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("at io.junction"));
            statement.execute("DELETE FROM jt_pg_items WHERE id = 200");
            statement.execute("INSERT INTO jt_pg_items VALUES (200, 'unique-name', 1)");
            assertThatThrownBy(() -> statement.execute("INSERT INTO jt_pg_items VALUES (201, 'unique-name', 1)"))
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("23505"));
            try (ResultSet rs = statement.executeQuery("SELECT 1")) {
                assertThat(rs.next()).isTrue();
            }
        }
    }

    @Test
    void aBatchFailureCarriesTheUpstreamSqlState() throws Exception {
        try (Connection junction = gateway.connect("pg");
             PreparedStatement insert = junction.prepareStatement("INSERT INTO jt_pg_items VALUES (?, ?, 1)")) {
            insert.setInt(1, 300);
            insert.setString(2, "dup");
            insert.addBatch();
            insert.setInt(1, 301);
            insert.setString(2, "dup");
            insert.addBatch();
            assertThatThrownBy(insert::executeBatch)
                    .isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(sqlStateOf((SQLException) e)).isEqualTo("23505"));
        }
    }

    @Test
    void prepareIsAsLenientAsPgjdbc() throws Exception {
        try (Connection junction = gateway.connect("pg");
             PreparedStatement statement = junction.prepareStatement("SELECT CONCAT(?, '%')")) {
            statement.setString(1, "abc");
            try (ResultSet rs = statement.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("abc%");
            }
            assertThat(statement.getParameterMetaData().getParameterCount()).isEqualTo(1);
        }
    }

    @Test
    void maxRowsLimitsTheResult() throws Exception {
        try (Connection junction = gateway.connect("pg"); Statement statement = junction.createStatement()) {
            statement.setMaxRows(7);
            int rows = 0;
            try (ResultSet rs = statement.executeQuery("SELECT g FROM generate_series(1, 100) g")) {
                while (rs.next()) {
                    rows++;
                }
            }
            assertThat(rows).isEqualTo(7);
        }
    }

    private static String sqlStateOf(SQLException e) {
        if (e instanceof BatchUpdateException && e.getNextException() != null && e.getSQLState() == null) {
            return e.getNextException().getSQLState();
        }
        return e.getSQLState();
    }

    private static int countItems(Connection connection, int id) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT count(*) FROM jt_pg_items WHERE id = ?")) {
            statement.setInt(1, id);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
