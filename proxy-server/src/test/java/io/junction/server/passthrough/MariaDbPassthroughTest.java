package io.junction.server.passthrough;

import io.junction.server.testing.TestGateway;
import io.junction.server.testing.Upstream;
import io.junction.server.testing.Upstreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
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
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Passthrough to a real MariaDB through the real driver and server. */
class MariaDbPassthroughTest {
    private static Upstream maria;
    private static TestGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        maria = Upstreams.mariadb();
        maria.execute("DROP TABLE IF EXISTS jt_maria_types",
                "DROP TABLE IF EXISTS jt_maria_items",
                "CREATE TABLE jt_maria_types (id int PRIMARY KEY, i int, b bigint, s smallint, ti tinyint,"
                        + " ub bigint unsigned, ui int unsigned, d decimal(38,10), f8 double, f4 float, bo boolean,"
                        + " t text, vc varchar(40), ch char(5), dt date, tm time(3), dtm datetime(3),"
                        + " ts timestamp(3) NULL, vb varbinary(300), bl blob, js json)"
                        + " CHARACTER SET utf8mb4",
                "CREATE TABLE jt_maria_items (id int PRIMARY KEY, name varchar(40) NOT NULL UNIQUE, qty int)");
        gateway = TestGateway.start(Map.of("maria", maria));
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
        try (Connection junction = gateway.connect("maria")) {
            try (PreparedStatement insert = junction.prepareStatement("INSERT INTO jt_maria_types VALUES"
                    + " (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                insert.setInt(1, 1);
                insert.setInt(2, Integer.MIN_VALUE);
                insert.setLong(3, Long.MAX_VALUE);
                insert.setShort(4, Short.MIN_VALUE);
                insert.setByte(5, Byte.MIN_VALUE);
                insert.setBigDecimal(6, new BigDecimal("18446744073709551615"));
                insert.setLong(7, 4_294_967_295L);
                insert.setBigDecimal(8, new BigDecimal("1234567890123456789012345678.0123456789"));
                insert.setDouble(9, Math.E);
                insert.setFloat(10, 2.5f);
                insert.setBoolean(11, true);
                insert.setString(12, "Grüße, 世界 🚀 \\ backslash 'single'");
                insert.setString(13, "varchar ✓");
                insert.setString(14, "ab");
                insert.setDate(15, Date.valueOf("1969-07-20"));
                insert.setTime(16, new Time(Time.valueOf("23:59:58").getTime() + 123));
                insert.setTimestamp(17, Timestamp.valueOf(LocalDateTime.parse("1999-12-31T23:59:59.999")));
                insert.setTimestamp(18, Timestamp.valueOf(LocalDateTime.parse("2024-06-01T12:00:00.456")));
                insert.setBytes(19, allBytes);
                insert.setBytes(20, allBytes);
                insert.setString(21, "{\"a\": [1, 2, {\"b\": null}]}");
                assertThat(insert.executeUpdate()).isEqualTo(1);
            }
            try (Statement statement = junction.createStatement()) {
                assertThat(statement.executeUpdate("INSERT INTO jt_maria_types (id) VALUES (2)")).isEqualTo(1);
            }
            try (Connection direct = maria.connect();
                 Statement viaDirect = direct.createStatement();
                 Statement viaJunction = junction.createStatement()) {
                String query = "SELECT * FROM jt_maria_types ORDER BY id";
                ValueComparison.assertSameRows(viaDirect.executeQuery(query), viaJunction.executeQuery(query));
            }
        }
    }

    @Test
    void reportsTheUpstreamIdentity() throws Exception {
        try (Connection junction = gateway.connect("maria"); Connection direct = maria.connect()) {
            assertThat(junction.getMetaData().getDatabaseProductName()).isEqualTo("MariaDB");
            assertThat(junction.getMetaData().getDatabaseProductVersion())
                    .isEqualTo(direct.getMetaData().getDatabaseProductVersion());
        }
    }

    @Test
    void metadataWalkFindsTablesAndColumns() throws Exception {
        try (Connection junction = gateway.connect("maria")) {
            DatabaseMetaData md = junction.getMetaData();
            Map<String, Integer> columns = new HashMap<>();
            try (ResultSet rs = md.getColumns("test", null, "jt_maria_items", null)) {
                while (rs.next()) {
                    columns.put(rs.getString("COLUMN_NAME"), rs.getInt("DATA_TYPE"));
                }
            }
            assertThat(columns).containsEntry("id", Types.INTEGER).containsEntry("name", Types.VARCHAR)
                    .containsEntry("qty", Types.INTEGER);
            try (ResultSet tables = md.getTables("test", null, "jt_maria_%", null)) {
                int found = 0;
                while (tables.next()) {
                    found++;
                }
                assertThat(found).isEqualTo(2);
            }
        }
    }

    @Test
    void largeResultsArriveComplete() throws Exception {
        try (Connection junction = gateway.connect("maria"); Statement statement = junction.createStatement()) {
            statement.setFetchSize(2_000);
            long count = 0;
            long sum = 0;
            try (ResultSet rs = statement.executeQuery("SELECT seq FROM seq_1_to_100000")) {
                while (rs.next()) {
                    count++;
                    sum += rs.getLong(1);
                }
            }
            assertThat(count).isEqualTo(100_000);
            assertThat(sum).isEqualTo(100_000L * 100_001L / 2);
        }
    }

    @Test
    void transactionsAndBatches() throws Exception {
        try (Connection writer = gateway.connect("maria"); Connection reader = gateway.connect("maria")) {
            try (Statement statement = writer.createStatement()) {
                statement.execute("DELETE FROM jt_maria_items");
            }
            writer.setAutoCommit(false);
            try (PreparedStatement insert = writer.prepareStatement("INSERT INTO jt_maria_items VALUES (?, ?, ?)")) {
                for (int i = 1; i <= 3; i++) {
                    insert.setInt(1, i);
                    insert.setString(2, "item-" + i);
                    insert.setInt(3, i);
                    insert.addBatch();
                }
                assertThat(insert.executeBatch()).containsExactly(1, 1, 1);
            }
            assertThat(count(reader)).isZero();
            writer.rollback();
            assertThat(count(writer)).isZero();
            try (Statement statement = writer.createStatement()) {
                statement.executeUpdate("INSERT INTO jt_maria_items VALUES (10, 'kept', 1)");
            }
            writer.commit();
            assertThat(count(reader)).isEqualTo(1);
            writer.setAutoCommit(true);
        }
    }

    @Test
    void upstreamErrorsKeepTheirSqlStateAndVendorCode() throws Exception {
        try (Connection junction = gateway.connect("maria"); Statement statement = junction.createStatement()) {
            assertThatThrownBy(() -> statement.executeQuery("SELECT * FROM jt_no_such_table"))
                    .isInstanceOf(SQLException.class)
                    .satisfies(e -> {
                        assertThat(((SQLException) e).getSQLState()).isEqualTo("42S02");
                        assertThat(((SQLException) e).getErrorCode()).isEqualTo(1146);
                    });
            statement.execute("DELETE FROM jt_maria_items WHERE id = 50");
            statement.execute("INSERT INTO jt_maria_items VALUES (50, 'dup-name', 1)");
            assertThatThrownBy(() -> statement.execute("INSERT INTO jt_maria_items VALUES (51, 'dup-name', 1)"))
                    .satisfies(e -> {
                        assertThat(((SQLException) e).getSQLState()).isEqualTo("23000");
                        assertThat(((SQLException) e).getErrorCode()).isEqualTo(1062);
                    });
        }
    }

    private static int count(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT count(*) FROM jt_maria_items")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
