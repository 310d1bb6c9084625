package io.junction.server.compatibility;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Types;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Arrays;
import java.util.UUID;
import java.util.TimeZone;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Parameters as the upstream's own driver binds them, directly and through Junction, with the client JVM outside
 * UTC (surefire's TZ): nulls of every JDBC type (pgjdbc needs the type for {@code ? IS NULL}), TIME values with
 * microseconds, and both again in batches and after {@code clearParameters}.
 */
class ParameterFidelityTest {
    private static final LocalTime MICROS = LocalTime.parse("13:14:15.654321");

    @BeforeAll
    static void createTables() throws Exception {
        Databases.upstream(Databases.POSTGRESQL).execute("DROP TABLE IF EXISTS jfp_values",
                "CREATE TABLE jfp_values (id int PRIMARY KEY, n int, t time(6))");
        Databases.upstream(Databases.MARIADB).execute("DROP TABLE IF EXISTS jfp_values",
                "CREATE TABLE jfp_values (id int PRIMARY KEY, n int, t time(6))");
        for (String kind : List.of(Databases.POSTGRESQL, Databases.MARIADB)) {
            Databases.upstream(kind).execute("DROP TABLE IF EXISTS jfp_described",
                    "CREATE TABLE jfp_described (id int PRIMARY KEY, name varchar(20), amount decimal(10,2))");
        }
        Databases.upstream(Databases.POSTGRESQL).execute("DROP TABLE IF EXISTS jfp_uuids",
                "CREATE TABLE jfp_uuids (id int PRIMARY KEY, u uuid, c char(36))");
        Databases.upstream(Databases.MARIADB).execute("DROP TABLE IF EXISTS jfp_uuids",
                "CREATE TABLE jfp_uuids (id int PRIMARY KEY, u uuid, c char(36))");
        // The same table name with other column types, in a schema a session reaches through SET search_path.
        Databases.upstream(Databases.POSTGRESQL).execute("DROP SCHEMA IF EXISTS jfp_other CASCADE",
                "CREATE SCHEMA jfp_other",
                "CREATE TABLE jfp_other.jfp_described (id text, name bigint, amount date)");
    }

    @ParameterizedTest
    @ValueSource(strings = {Databases.POSTGRESQL, Databases.MARIADB})
    void nullsOfEveryJdbcTypeBindAsOnADirectConnection(String kind) throws Exception {
        List<String> direct = typedNulls(kind, false);
        List<String> junction = typedNulls(kind, true);
        assertThat(junction).isEqualTo(direct);
        if (kind.equals(Databases.POSTGRESQL)) {
            // The cases that failed while the type was lost on the way (an untyped null is "unknown" to PostgreSQL).
            assertThat(junction).contains("INTEGER: true integer", "VARCHAR: true character varying",
                    "TIMESTAMP_WITH_TIMEZONE: error 42P18", "BOOLEAN: true boolean", "NUMERIC: true numeric",
                    "DATE: true date", "VARBINARY: true bytea", "NVARCHAR: error 07006");
        } else {
            assertThat(junction).contains("INTEGER: true fallback", "VARCHAR: true fallback");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {Databases.POSTGRESQL, Databases.MARIADB})
    void typedNullsThroughSettersBatchesAndClearedParameters(String kind) throws Exception {
        // pgjdbc leaves TIME and TIMESTAMP nulls untyped (a cast types them); the other setters type their nulls.
        List<String> direct = nullScenario(kind, false);
        List<String> junction = nullScenario(kind, true);
        assertThat(junction).isEqualTo(direct);
        assertThat(junction).contains("batch: [1, 1, 1]", "rows: 11 null, 12 null, 13 -1",
                "rows with a value: 13 -1", "typed setters: truetruetruetruetrue");
    }

    @ParameterizedTest
    @ValueSource(strings = {Databases.POSTGRESQL, Databases.MARIADB})
    void timeParametersKeepMicroseconds(String kind) throws Exception {
        assertThat(TimeZone.getDefault().getRawOffset()).as("the client JVM runs outside UTC").isNotZero();
        List<String> direct = timeScenario(kind, false);
        List<String> junction = timeScenario(kind, true);
        assertThat(junction).isEqualTo(direct);
        assertThat(junction).contains("stored: 13:14:15.654321", "matched by time: 1", "batch stored: 13:14:15.654321",
                "setTime: 01:02:03", "typed setObject: 23:59:59.999999");
    }

    @ParameterizedTest
    @ValueSource(strings = {Databases.POSTGRESQL, Databases.MARIADB})
    void uuidParametersBindAsOnADirectConnection(String kind) throws Exception {
        // Hibernate binds UUID ids with setObject(i, uuid) (Types.OTHER on PostgreSQL); Avatica has no UUID value.
        List<String> direct = uuidScenario(kind, false);
        List<String> junction = uuidScenario(kind, true);
        assertThat(junction).isEqualTo(direct);
        assertThat(junction).contains("found by uuid: 1", "typed OTHER: 1", "batch: [1, 1]",
                "as text into char(36): 1");
    }

    @ParameterizedTest
    @ValueSource(strings = {Databases.POSTGRESQL, Databases.MARIADB})
    void parameterMetadataIsTheUpstreamDriversAnswer(String kind) throws Exception {
        List<String> direct = metadataScenario(kind, false);
        List<String> junction = metadataScenario(kind, true);
        assertThat(junction).isEqualTo(direct);
        if (kind.equals(Databases.POSTGRESQL)) {
            assertThat(junction).contains("1: mode=1 type=4 typeName=int4 className=java.lang.Integer precision=0 scale=0"
                    + " nullable=2 signed=true", "3: mode=1 type=2 typeName=numeric className=java.math.BigDecimal"
                    + " precision=0 scale=0 nullable=2 signed=true", "broken: error 42601",
                    "after search_path 1: mode=1 type=12 typeName=text className=java.lang.String precision=0 scale=0"
                    + " nullable=2 signed=false", "unset: error 42P18", "set first 1: mode=1 type=12 typeName=varchar"
                    + " className=java.lang.String precision=0 scale=0 nullable=2 signed=false",
                    "set first 2: mode=1 type=4 typeName=int4 className=java.lang.Integer precision=0 scale=0"
                    + " nullable=2 signed=true", "after DDL 1: mode=1 type=4 typeName=int4"
                    + " className=java.lang.Integer precision=0 scale=0 nullable=2 signed=true");
        } else {
            // MariaDB Connector/J counts the parameters but does not know their types.
            assertThat(junction).contains("count: 3").anyMatch(line -> line.startsWith("1: mode=1 type=error 0A000"));
        }
    }

    @org.junit.jupiter.api.Test
    void federatedParameterMetadataIsGeneric() throws Exception {
        try (Connection connection = Databases.gateway().connect("");
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT id FROM pg.public.jfp_described WHERE id = ? AND name = ?")) {
            java.sql.ParameterMetaData metaData = statement.getParameterMetaData();
            assertThat(metaData.getParameterCount()).isEqualTo(2);
            assertThat(metaData.getParameterType(1)).isEqualTo(Types.OTHER);
            assertThat(metaData.getParameterMode(2)).isEqualTo(java.sql.ParameterMetaData.parameterModeIn);
        }
    }

    private static List<String> metadataScenario(String kind, boolean viaJunction) throws Exception {
        boolean pg = kind.equals(Databases.POSTGRESQL);
        String sql = "SELECT id FROM jfp_described WHERE id = ? AND name = ? AND amount > ?";
        List<String> seen = new ArrayList<>();
        try (Connection connection = Databases.connect(kind, viaJunction)) {
            for (int round = 1; round <= 2; round++) {
                // Twice: the second answer may come from Junction's cache and must not differ.
                try (PreparedStatement statement = connection.prepareStatement(sql)) {
                    seen.addAll(describe("", statement.getParameterMetaData()));
                    statement.setInt(1, 1);
                    statement.setString(2, "x");
                    statement.setBigDecimal(3, java.math.BigDecimal.ONE);
                    try (ResultSet rs = statement.executeQuery()) {
                        seen.add("executes after describing: " + rs.next());
                    }
                }
            }
            // Described with the types of the values set so far, as pgjdbc does: CONCAT(unknown) is refused.
            try (PreparedStatement statement = connection.prepareStatement("SELECT CONCAT(?, '%'), ? + 1")) {
                seen.addAll(describe("unset ", statement.getParameterMetaData()));
                statement.setString(1, "abc");
                statement.setLong(2, 1L);
                seen.addAll(describe("set ", statement.getParameterMetaData()));
            } catch (SQLException e) {
                seen.add("unset: error " + e.getSQLState());
            }
            try (PreparedStatement statement = connection.prepareStatement("SELECT CONCAT(?, '%'), ? + 1")) {
                statement.setString(1, "abc");
                statement.setNull(2, Types.INTEGER);
                seen.addAll(describe("set first ", statement.getParameterMetaData()));
            }
            if (pg) {
                // (Junction prepares MariaDB statements on the server, so there it reports a syntax error when
                // describing, where a client-side prepared statement of the direct driver waits for execution.)
                try (PreparedStatement statement = connection.prepareStatement("SELEC ?")) {
                    seen.add("broken: count " + statement.getParameterMetaData().getParameterCount());
                } catch (SQLException e) {
                    seen.add("broken: error " + e.getSQLState());
                }
                try (java.sql.Statement set = connection.createStatement()) {
                    set.execute("SET search_path TO jfp_other");
                }
                try (PreparedStatement statement = connection.prepareStatement(sql)) {
                    seen.addAll(describe("after search_path ", statement.getParameterMetaData()));
                }
                // DDL through the connection: a new statement is described anew (Junction forgets its answers).
                try (java.sql.Statement alter = connection.createStatement()) {
                    alter.execute("ALTER TABLE jfp_described ALTER COLUMN id TYPE int USING id::int");
                }
                try (PreparedStatement statement = connection.prepareStatement(sql)) {
                    seen.addAll(describe("after DDL ", statement.getParameterMetaData()));
                } finally {
                    try (java.sql.Statement alter = connection.createStatement()) {
                        alter.execute("ALTER TABLE jfp_described ALTER COLUMN id TYPE text USING id::text");
                    }
                }
            }
        }
        return seen;
    }

    private static List<String> describe(String label, java.sql.ParameterMetaData metaData) {
        List<String> lines = new ArrayList<>();
        int count;
        try {
            count = metaData.getParameterCount();
        } catch (SQLException e) {
            lines.add(label + "count: error " + e.getSQLState());
            return lines;
        }
        lines.add(label + "count: " + count);
        for (int i = 1; i <= count + 1; i++) {
            int index = i;
            lines.add(label + i + ": mode=" + answer(() -> metaData.getParameterMode(index))
                    + " type=" + answer(() -> metaData.getParameterType(index))
                    + " typeName=" + answer(() -> metaData.getParameterTypeName(index))
                    + " className=" + answer(() -> metaData.getParameterClassName(index))
                    + " precision=" + answer(() -> metaData.getPrecision(index))
                    + " scale=" + answer(() -> metaData.getScale(index))
                    + " nullable=" + answer(() -> metaData.isNullable(index))
                    + " signed=" + answer(() -> metaData.isSigned(index)));
        }
        return lines;
    }

    private interface MetaDataCall {
        Object call() throws SQLException;
    }

    /** The answer, or the SQLState it was refused with (an index past the last one included). */
    private static String answer(MetaDataCall call) {
        try {
            return String.valueOf(call.call());
        } catch (SQLException e) {
            return "error " + e.getSQLState();
        }
    }

    /** For every constant of java.sql.Types: {@code ? IS NULL} and the type the upstream gave the null. */
    private static List<String> typedNulls(String kind, boolean viaJunction) throws Exception {
        boolean pg = kind.equals(Databases.POSTGRESQL);
        List<String> seen = new ArrayList<>();
        try (Connection connection = Databases.connect(kind, viaJunction)) {
            for (var type : jdbcTypes().entrySet()) {
                // A fresh statement each time: a failed execution must not leave state behind.
                try (PreparedStatement statement = connection.prepareStatement(pg
                        ? "SELECT ? IS NULL, pg_typeof(?)::text" : "SELECT ? IS NULL, COALESCE(?, 'fallback')")) {
                    statement.setNull(1, type.getValue());
                    statement.setNull(2, type.getValue());
                    try (ResultSet rs = statement.executeQuery()) {
                        rs.next();
                        seen.add(type.getKey() + ": " + rs.getBoolean(1) + " " + rs.getString(2));
                    }
                } catch (SQLException e) {
                    seen.add(type.getKey() + ": error " + e.getSQLState());
                }
            }
        }
        return seen;
    }

    private static List<String> nullScenario(String kind, boolean viaJunction) throws Exception {
        boolean pg = kind.equals(Databases.POSTGRESQL);
        int base = viaJunction ? 20 : 10;
        List<String> seen = new ArrayList<>();
        try (Connection connection = Databases.connect(kind, viaJunction)) {
            connection.createStatement().execute("DELETE FROM jfp_values WHERE id BETWEEN " + base + " AND " + (base + 9));
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO jfp_values (id, n) VALUES (?, CASE WHEN ? IS NULL THEN ? ELSE -1 END)")) {
                insert.setInt(1, base + 1);
                insert.setObject(2, null, Types.VARCHAR);
                insert.setNull(3, Types.INTEGER);
                insert.addBatch();
                insert.setInt(1, base + 2);
                insert.setString(2, null);
                insert.setObject(3, null, Types.INTEGER);
                insert.addBatch();
                insert.setInt(1, base + 3);
                insert.setString(2, "not null");
                insert.setNull(3, Types.INTEGER);
                insert.addBatch();
                seen.add("batch: " + java.util.Arrays.toString(insert.executeBatch()));
            }
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT id, n FROM jfp_values WHERE id BETWEEN ? AND ? AND (? IS NULL OR n = ?) ORDER BY id")) {
                select.setInt(1, base);
                select.setInt(2, base + 9);
                select.setBigDecimal(3, null);
                select.setBigDecimal(4, null);
                seen.add("rows: " + rows(select, base));
                select.clearParameters();
                select.setInt(1, base);
                select.setInt(2, base + 9);
                select.setNull(3, Types.INTEGER);
                select.setNull(4, Types.INTEGER);
                seen.add("rows after clearParameters: " + rows(select, base));
                select.setInt(3, -1);
                select.setInt(4, -1);
                seen.add("rows with a value: " + rows(select, base));
            }
            try (PreparedStatement select = connection.prepareStatement(pg
                    ? "SELECT ? IS NULL, ? IS NULL, ?::time IS NULL, ?::timestamp IS NULL, ? IS NULL"
                    : "SELECT ? IS NULL, ? IS NULL, ? IS NULL, ? IS NULL, ? IS NULL")) {
                select.setString(1, null);
                select.setDate(2, null);
                select.setTime(3, null);
                select.setTimestamp(4, null);
                select.setBytes(5, null);
                try (ResultSet rs = select.executeQuery()) {
                    rs.next();
                    seen.add("typed setters: " + rs.getBoolean(1) + rs.getBoolean(2) + rs.getBoolean(3)
                            + rs.getBoolean(4) + rs.getBoolean(5));
                } catch (SQLException e) {
                    seen.add("typed setters: error " + e.getSQLState());
                }
            }
        }
        return seen;
    }

    private static String rows(PreparedStatement select, int base) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                rows.add(rs.getInt(1) - base + 10 + " " + rs.getString(2));
            }
        }
        return String.join(", ", rows);
    }

    private static List<String> timeScenario(String kind, boolean viaJunction) throws Exception {
        boolean pg = kind.equals(Databases.POSTGRESQL);
        int base = viaJunction ? 40 : 30;
        String asText = pg ? "t::text" : "CAST(t AS CHAR)";
        List<String> seen = new ArrayList<>();
        try (Connection connection = Databases.connect(kind, viaJunction)) {
            connection.createStatement().execute("DELETE FROM jfp_values WHERE id BETWEEN " + base + " AND " + (base + 9));
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO jfp_values (id, t) VALUES (?, ?)")) {
                insert.setInt(1, base);
                insert.setObject(2, MICROS);
                insert.executeUpdate();
                insert.setInt(1, base + 1);
                insert.setObject(2, MICROS);
                insert.addBatch();
                insert.setInt(1, base + 2);
                insert.setTime(2, Time.valueOf("01:02:03"));
                insert.addBatch();
                insert.setInt(1, base + 3);
                insert.setObject(2, LocalTime.parse("23:59:59.999999"), Types.TIME);
                insert.addBatch();
                insert.executeBatch();
            }
            try (PreparedStatement update = connection.prepareStatement("UPDATE jfp_values SET n = 1 WHERE id = ? AND t = ?")) {
                update.setInt(1, base);
                update.setObject(2, MICROS);
                seen.add("matched by time: " + update.executeUpdate());
            }
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT id, " + asText + " FROM jfp_values WHERE id BETWEEN ? AND ? ORDER BY id")) {
                select.setInt(1, base);
                select.setInt(2, base + 9);
                String[] labels = {"stored: ", "batch stored: ", "setTime: ", "typed setObject: "};
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        seen.add(labels[rs.getInt(1) - base] + trimZeros(rs.getString(2)));
                    }
                }
            }
        }
        return seen;
    }

    private static List<String> uuidScenario(String kind, boolean viaJunction) throws Exception {
        UUID first = UUID.fromString("0f8fad5b-d9cb-469f-a165-70867728950e");
        UUID second = UUID.fromString("7c9e6679-7425-40de-944b-e07fc1f90ae7");
        int base = viaJunction ? 60 : 50;
        List<String> seen = new ArrayList<>();
        try (Connection connection = Databases.connect(kind, viaJunction)) {
            connection.createStatement().execute("DELETE FROM jfp_uuids WHERE id BETWEEN " + base + " AND " + (base + 9));
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO jfp_uuids (id, u, c) VALUES (?, ?, ?)")) {
                insert.setInt(1, base);
                insert.setObject(2, first);
                insert.setObject(3, first.toString(), Types.CHAR);
                insert.executeUpdate();
                insert.setInt(1, base + 1);
                insert.setObject(2, second, Types.OTHER);
                insert.setObject(3, second, Types.CHAR);
                insert.addBatch();
                insert.setInt(1, base + 2);
                insert.setObject(2, null, Types.OTHER);
                insert.setString(3, null);
                insert.addBatch();
                seen.add("batch: " + Arrays.toString(insert.executeBatch()));
            }
            try (PreparedStatement find = connection.prepareStatement(
                    "SELECT COUNT(*) FROM jfp_uuids WHERE u = ? AND id BETWEEN ? AND ?")) {
                find.setObject(1, first);
                find.setInt(2, base);
                find.setInt(3, base + 9);
                seen.add("found by uuid: " + count(find));
                find.setObject(1, second, Types.OTHER);
                seen.add("typed OTHER: " + count(find));
            }
            try (PreparedStatement find = connection.prepareStatement(
                    "SELECT COUNT(*) FROM jfp_uuids WHERE c = ? AND id BETWEEN ? AND ?")) {
                find.setObject(1, second, Types.CHAR);
                find.setInt(2, base);
                find.setInt(3, base + 9);
                seen.add("as text into char(36): " + count(find));
            }
            try (ResultSet rs = connection.createStatement().executeQuery("SELECT id, u, c FROM jfp_uuids WHERE id BETWEEN "
                    + base + " AND " + (base + 9) + " ORDER BY id")) {
                while (rs.next()) {
                    seen.add("row " + (rs.getInt(1) - base) + ": " + rs.getString(2) + " " + rs.getString(3));
                }
            }
        }
        return seen;
    }

    private static long count(PreparedStatement query) throws SQLException {
        try (ResultSet rs = query.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** MariaDB prints {@code time(6)} with six digits always; PostgreSQL drops trailing zeros. */
    private static String trimZeros(String time) {
        return time.contains(".") ? time.replaceAll("\\.?0+$", "") : time;
    }

    private static TreeMap<String, Integer> jdbcTypes() throws IllegalAccessException {
        TreeMap<String, Integer> types = new TreeMap<>();
        for (Field field : Types.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == int.class) {
                types.put(field.getName(), field.getInt(null));
            }
        }
        return types;
    }
}
