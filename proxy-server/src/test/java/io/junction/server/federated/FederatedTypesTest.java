package io.junction.server.federated;

import io.junction.server.testing.TestGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Joins across PostgreSQL and MariaDB on keys of each joinable type match exactly the rows whose
 * values are equal: integers of different widths, decimals, dates, timestamps with fractions,
 * booleans (MariaDB's TINYINT(1)), binary strings (PostgreSQL bytea with MariaDB VARBINARY and
 * BLOB, bytes of 0x80 and above, zero bytes, the empty string) and UUIDs (PostgreSQL uuid with
 * MariaDB UUID, and with a CHAR(36) cast to UUID). Binary and UUID joins, filters and groupings
 * return what the same query returns inside PostgreSQL over a copy of the MariaDB table.
 */
class FederatedTypesTest {
    private static final String U1 = "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11";
    private static final String U2 = "00000000-0000-0000-0000-000000000002";
    private static final String U4 = "ffffffff-8000-4000-8000-000000000004";
    private static final String MARIA_ROWS = "(10, x'01', x'01', '" + U1 + "', '" + U1.toUpperCase() + "'), "
            + "(20, x'0203', x'0203', '" + U2 + "', '" + U2 + "'), (30, x'', x'', NULL, NULL), "
            + "(40, x'80ff00', x'80ff00', '" + U4 + "', '" + U4.toUpperCase() + "'), (50, x'0000', x'0000', NULL, NULL)";

    private static TestGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        FederatedSources.postgres().execute("DROP SCHEMA IF EXISTS jfe_join CASCADE", "CREATE SCHEMA jfe_join",
                "CREATE TABLE jfe_join.pk (id int PRIMARY KEY, k_int bigint, k_dec numeric(10,2), k_date date, "
                        + "k_ts timestamp(6), k_bool boolean, k_bin bytea, k_uuid uuid)",
                "INSERT INTO jfe_join.pk VALUES (1, 5000000000, 1.50, '2024-01-01', '2024-01-01 10:00:00.125', "
                        + "true, '\\x01', '" + U1 + "'), (2, 7, 2.00, '2024-02-29', '2024-02-29 23:59:59.5', false, "
                        + "'\\x0203', '" + U2 + "'), (3, -1, 3.33, '1970-01-01', '1970-01-01 00:00:00', NULL, '\\x', "
                        + "NULL), (4, NULL, NULL, NULL, NULL, NULL, '\\x80ff00', '" + U4 + "'), "
                        + "(5, NULL, NULL, NULL, NULL, NULL, '\\x00', NULL)",
                // The MariaDB table's binary and uuid keys, for the same joins inside PostgreSQL.
                "CREATE TABLE jfe_join.mk_copy (id int PRIMARY KEY, k_bin bytea, k_blob bytea, k_uuid uuid, "
                        + "k_uuid_text char(36))",
                "INSERT INTO jfe_join.mk_copy VALUES " + MARIA_ROWS.replace("x'", "'\\x"));
        FederatedSources.mariadb().execute("DROP DATABASE IF EXISTS jfe_join", "CREATE DATABASE jfe_join",
                "CREATE TABLE jfe_join.mk (id int PRIMARY KEY, k_int bigint, k_dec decimal(10,2), k_date date, "
                        + "k_ts datetime(6), k_bool tinyint(1), k_bin varbinary(8), k_blob blob, k_uuid uuid, "
                        + "k_uuid_text char(36))",
                "INSERT INTO jfe_join.mk (id, k_int, k_dec, k_date, k_ts, k_bool) VALUES "
                        + "(10, 5000000000, 1.5, '2024-01-01', '2024-01-01 10:00:00.125', 1), "
                        + "(20, 8, 2.0, '2024-02-29', '2024-02-29 23:59:59.5', 0), "
                        + "(30, -1, 3.30, '1970-01-02', '1970-01-01 00:00:00.001', NULL), (40, NULL, NULL, NULL, "
                        + "NULL, NULL), (50, NULL, NULL, NULL, NULL, NULL)",
                "CREATE TABLE jfe_join.keys (id int PRIMARY KEY, k_bin varbinary(8), k_blob blob, k_uuid uuid, "
                        + "k_uuid_text char(36))",
                "INSERT INTO jfe_join.keys VALUES " + MARIA_ROWS,
                "UPDATE jfe_join.mk m JOIN jfe_join.keys k ON k.id = m.id SET m.k_bin = k.k_bin, "
                        + "m.k_blob = k.k_blob, m.k_uuid = k.k_uuid, m.k_uuid_text = k.k_uuid_text",
                "DROP TABLE jfe_join.keys");
        gateway = FederatedSources.start();
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "k_int  | 1-10,3-30",
        "k_dec  | 1-10,2-20",
        "k_date | 1-10,2-20",
        "k_ts   | 1-10,2-20",
        "k_bool | 1-10,2-20"})
    void joinOnKeyOfEachType_matchesEqualValuesOnly(String key, String expected) throws Exception {
        assertThat(federated("SELECT p.id, m.id FROM pg.jfe_join.pk p JOIN maria.jfe_join.mk m ON m." + key
                + " = p." + key + " ORDER BY p.id, m.id")).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"k_bin", "k_blob"})
    void joinOnBinaryKey_matchesTheSameJoinInsideOneDatabase(String key) throws Exception {
        String federated = federated("SELECT p.id, m.id FROM pg.jfe_join.pk p JOIN maria.jfe_join.mk m ON m." + key
                + " = p.k_bin ORDER BY p.id, m.id");

        assertThat(federated).isEqualTo(inPostgres("SELECT p.id, m.id FROM jfe_join.pk p JOIN jfe_join.mk_copy m "
                + "ON m." + key + " = p.k_bin ORDER BY p.id, m.id")).isEqualTo("1-10,2-20,3-30,4-40");
    }

    @Test
    void binaryEqualityFilters_inEachSource_matchTheirBytesOnly() throws Exception {
        String join = "SELECT p.id, m.id FROM pg.jfe_join.pk p JOIN maria.jfe_join.mk m ON m.id = p.id * 10 ";

        assertThat(federated(join + "WHERE p.k_bin = X'80FF00' AND m.k_blob = X'80FF00'")).isEqualTo("4-40");
        // PostgreSQL reads X'80FF00' as a bit string: it is sent the bytes as bytea.
        assertThat(explain(join + "WHERE p.k_bin = X'80FF00' AND m.k_blob = X'80FF00'"))
                .containsPattern("(?i)decode\"?\\('80ff00', 'hex'\\)").containsIgnoringCase("X'80FF00'");
        assertThat(federated(join + "WHERE p.k_bin = X'00' OR m.k_bin = X'0000' ORDER BY p.id")).isEqualTo("5-50");
        assertThat(federated(join + "WHERE p.k_bin <> m.k_bin ORDER BY p.id")).isEqualTo("5-50");
        try (Connection connection = gateway.connect("");
             PreparedStatement statement = connection.prepareStatement(join + "WHERE p.k_bin = ? AND m.k_bin = ?")) {
            statement.setBytes(1, new byte[] {(byte) 0x80, (byte) 0xff, 0});
            statement.setBytes(2, new byte[] {(byte) 0x80, (byte) 0xff, 0});
            assertThat(pairs(statement.executeQuery())).isEqualTo("4-40");
        }
    }

    @Test
    void groupingAndDistinctOnBinary_acrossSources_asInsideOneDatabase() throws Exception {
        String union = "(SELECT k_bin AS k FROM %s UNION ALL SELECT k_blob FROM %s) u";
        String grouped = "SELECT k, COUNT(*) FROM " + union + " GROUP BY k";
        String distinct = "SELECT DISTINCT k, 1 FROM " + union;

        for (String query : List.of(grouped, distinct)) {
            assertThat(counts(gateway.connect(""), String.format(query, "pg.jfe_join.pk", "maria.jfe_join.mk")))
                    .isEqualTo(counts(FederatedSources.postgres().connect(),
                            String.format(query, "jfe_join.pk", "jfe_join.mk_copy")))
                    .containsKeys("80ff00", "00", "0000", "");
        }
    }

    @Test
    void binaryValues_returnTheSourcesBytes() throws Exception {
        try (Connection connection = gateway.connect(""); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT p.k_bin, m.k_bin, m.k_blob FROM pg.jfe_join.pk p "
                     + "JOIN maria.jfe_join.mk m ON m.id = p.id * 10 WHERE p.id = 4")) {
            assertThat(rs.next()).isTrue();
            byte[] expected = {(byte) 0x80, (byte) 0xff, 0};
            for (int c = 1; c <= 3; c++) {
                assertThat(rs.getBytes(c)).as("column %d", c).isEqualTo(expected);
                assertThat(rs.getObject(c)).as("column %d", c).isEqualTo(expected);
            }
        }
    }

    @Test
    void joinOnUuid_withMariaDbUuidAndCastText_asInsideOneDatabase() throws Exception {
        String expected = inPostgres("SELECT p.id, m.id FROM jfe_join.pk p JOIN jfe_join.mk_copy m "
                + "ON m.k_uuid = p.k_uuid ORDER BY p.id, m.id");

        assertThat(federated("SELECT p.id, m.id FROM pg.jfe_join.pk p JOIN maria.jfe_join.mk m "
                + "ON m.k_uuid = p.k_uuid ORDER BY p.id, m.id")).isEqualTo(expected).isEqualTo("1-10,2-20,4-40");
        assertThat(federated("SELECT p.id, m.id FROM pg.jfe_join.pk p JOIN maria.jfe_join.mk m "
                + "ON CAST(m.k_uuid_text AS UUID) = p.k_uuid ORDER BY p.id, m.id")).isEqualTo(expected);
    }

    @Test
    void uuidFilters_andValues_acrossSources() throws Exception {
        String join = "SELECT p.id, m.id FROM pg.jfe_join.pk p JOIN maria.jfe_join.mk m ON m.id = p.id * 10 ";

        assertThat(federated(join + "WHERE p.k_uuid = CAST('" + U4.toUpperCase() + "' AS UUID) "
                + "AND m.k_uuid = CAST('" + U4 + "' AS UUID)")).isEqualTo("4-40");
        try (Connection connection = gateway.connect("");
             PreparedStatement statement = connection.prepareStatement(join + "WHERE p.k_uuid = ? AND m.k_uuid = ?")) {
            // As text, in any case, or as a java.util.UUID (the Junction driver tags it).
            statement.setString(1, U1.toUpperCase());
            statement.setString(2, U1);
            assertThat(pairs(statement.executeQuery())).isEqualTo("1-10");
            statement.setObject(1, UUID.fromString(U4));
            statement.setObject(2, UUID.fromString(U4), Types.OTHER);
            assertThat(pairs(statement.executeQuery())).isEqualTo("4-40");
        }
        try (Connection connection = gateway.connect(""); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT p.k_uuid, m.k_uuid FROM pg.jfe_join.pk p "
                     + "JOIN maria.jfe_join.mk m ON m.k_uuid = p.k_uuid WHERE p.id = 4")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo(U4);
            assertThat(rs.getString(2)).isEqualTo(U4);
        }
    }

    @Test
    void orderingUuidsAcrossSources_isRefusedWithTheCastToUse() throws Exception {
        assertThatThrownBy(() -> federated("SELECT p.id FROM pg.jfe_join.pk p JOIN maria.jfe_join.mk m "
                + "ON m.k_uuid = p.k_uuid ORDER BY p.k_uuid"))
                .isInstanceOfSatisfying(SQLException.class, e -> {
                    assertThat(e.getSQLState()).isEqualTo("0A000");
                    assertThat(e.getMessage()).contains("k_uuid", "CAST(k_uuid AS VARCHAR)");
                });
        assertThat(federated("SELECT p.id, m.id FROM pg.jfe_join.pk p JOIN maria.jfe_join.mk m "
                + "ON m.k_uuid = p.k_uuid ORDER BY CAST(p.k_uuid AS VARCHAR)")).isEqualTo("2-20,1-10,4-40");
    }

    private static String federated(String sql) throws SQLException {
        try (Connection connection = gateway.connect(""); Statement statement = connection.createStatement()) {
            return pairs(statement.executeQuery(sql));
        }
    }

    private static String explain(String sql) throws SQLException {
        try (Connection connection = gateway.connect(""); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("EXPLAIN " + sql)) {
            StringBuilder plan = new StringBuilder();
            while (rs.next()) {
                plan.append(rs.getString(1)).append('\n');
            }
            return plan.toString();
        }
    }

    private static String inPostgres(String sql) throws SQLException {
        try (Connection connection = FederatedSources.postgres().connect();
             Statement statement = connection.createStatement()) {
            return pairs(statement.executeQuery(sql));
        }
    }

    private static String pairs(ResultSet rs) throws SQLException {
        try (rs) {
            List<String> pairs = new ArrayList<>();
            while (rs.next()) {
                pairs.add(rs.getInt(1) + "-" + rs.getInt(2));
            }
            return String.join(",", pairs);
        }
    }

    /** A query's rows as hex of its first column to its second (a count), null as "null". */
    private static TreeMap<String, Long> counts(Connection connection, String sql) throws SQLException {
        try (connection; Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            TreeMap<String, Long> counts = new TreeMap<>();
            while (rs.next()) {
                byte[] key = rs.getBytes(1);
                counts.put(key == null ? "null" : HexFormat.of().formatHex(key), rs.getLong(2));
            }
            return counts;
        }
    }
}
