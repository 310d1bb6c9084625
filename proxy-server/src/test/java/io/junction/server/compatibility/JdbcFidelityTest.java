package io.junction.server.compatibility;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The JDBC calls frameworks depend on, made the same way directly and through Junction against PostgreSQL
 * and MariaDB: both must give the same answers.
 */
class JdbcFidelityTest {
    /** DatabaseMetaData calls that describe the driver or the connection URL, not the database. */
    private static final Set<String> DRIVER_CALLS = Set.of("getURL", "getUserName", "getDriverName",
            "getDriverVersion", "getDriverMajorVersion", "getDriverMinorVersion", "getJDBCMajorVersion",
            "getJDBCMinorVersion", "getResultSetHoldability");

    @BeforeAll
    static void createTables() throws Exception {
        for (String kind : List.of(Databases.POSTGRESQL, Databases.MARIADB)) {
            boolean pg = kind.equals(Databases.POSTGRESQL);
            Databases.upstream(kind).execute(
                    "DROP TABLE IF EXISTS j3_child",
                    "DROP TABLE IF EXISTS j3_parent",
                    "DROP TABLE IF EXISTS j3_keys",
                    "DROP TABLE IF EXISTS j3_values",
                    "CREATE TABLE j3_parent (id int PRIMARY KEY, code varchar(20) NOT NULL UNIQUE)",
                    "CREATE TABLE j3_child (id int PRIMARY KEY, parent_id int NOT NULL, note varchar(40),"
                            + " CONSTRAINT j3_child_parent FOREIGN KEY (parent_id) REFERENCES j3_parent (id))",
                    "CREATE INDEX j3_child_note ON j3_child (note)",
                    pg ? "CREATE TABLE j3_keys (id bigserial PRIMARY KEY, name varchar(40) NOT NULL UNIQUE)"
                            : "CREATE TABLE j3_keys (id bigint AUTO_INCREMENT PRIMARY KEY, name varchar(40) NOT NULL UNIQUE)",
                    pg ? "CREATE TABLE j3_values (id int PRIMARY KEY, i int, s varchar(20), d date, n numeric(10,2),"
                            + " b bytea, t text)"
                            : "CREATE TABLE j3_values (id int PRIMARY KEY, i int, s varchar(20), d date,"
                            + " n numeric(10,2), b longblob, t longtext)");
        }
        Databases.gateway();
    }

    @ParameterizedTest
    @ValueSource(strings = {Databases.POSTGRESQL, Databases.MARIADB})
    void everyCapabilityCallAnswersAsTheUpstream(String kind) throws Exception {
        try (Connection direct = Databases.direct(kind); Connection junction = Databases.junction(kind)) {
            Map<String, Object> expected = capabilities(direct.getMetaData());
            Map<String, Object> actual = capabilities(junction.getMetaData());
            assertThat(actual).isEqualTo(expected);
            assertThat(junction.getMetaData().getDatabaseProductName())
                    .isEqualTo(direct.getMetaData().getDatabaseProductName());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {Databases.POSTGRESQL, Databases.MARIADB})
    void aCatalogWalkLikeABiToolsAnswersAsTheUpstream(String kind) throws Exception {
        Map<String, List<Map<String, String>>> direct = catalogWalk(Databases.direct(kind));
        Map<String, List<Map<String, String>>> junction = catalogWalk(Databases.junction(kind));
        assertThat(direct.get("getPrimaryKeys")).isNotEmpty();
        assertThat(direct.get("getImportedKeys")).isNotEmpty();
        assertThat(direct.get("getIndexInfo")).isNotEmpty();
        assertThat(junction).isEqualTo(direct);
    }

    @ParameterizedTest
    @ValueSource(strings = {Databases.POSTGRESQL, Databases.MARIADB})
    void generatedKeysInEveryForm(String kind) throws Exception {
        for (boolean viaJunction : new boolean[] {false, true}) {
            String tag = kind + "-" + viaJunction + "-";
            try (Connection connection = Databases.connect(kind, viaJunction)) {
                try (Statement statement = connection.createStatement()) {
                    statement.executeUpdate("INSERT INTO j3_keys (name) VALUES ('" + tag + "s')",
                            Statement.RETURN_GENERATED_KEYS);
                    assertThat(firstKeys(statement.getGeneratedKeys())).containsExactly(idOf(connection, tag + "s"));
                    statement.executeUpdate("INSERT INTO j3_keys (name) VALUES ('" + tag + "plain')");
                }
                try (PreparedStatement insert = connection.prepareStatement("INSERT INTO j3_keys (name) VALUES (?)",
                        Statement.RETURN_GENERATED_KEYS)) {
                    insert.setString(1, tag + "p1");
                    insert.executeUpdate();
                    assertThat(firstKeys(insert.getGeneratedKeys())).containsExactly(idOf(connection, tag + "p1"));
                    insert.setString(1, tag + "p2");
                    insert.executeUpdate();
                    assertThat(firstKeys(insert.getGeneratedKeys())).containsExactly(idOf(connection, tag + "p2"));
                }
                try (PreparedStatement insert = connection.prepareStatement("INSERT INTO j3_keys (name) VALUES (?)",
                        new String[] {"id"})) {
                    insert.setString(1, tag + "n");
                    insert.executeUpdate();
                    assertThat(firstKeys(insert.getGeneratedKeys())).containsExactly(idOf(connection, tag + "n"));
                }
                try (PreparedStatement insert = connection.prepareStatement("INSERT INTO j3_keys (name) VALUES (?)",
                        Statement.RETURN_GENERATED_KEYS)) {
                    for (String name : List.of("b1", "b2", "b3")) {
                        insert.setString(1, tag + name);
                        insert.addBatch();
                    }
                    insert.executeBatch();
                    assertThat(firstKeys(insert.getGeneratedKeys())).containsExactly(idOf(connection, tag + "b1"),
                            idOf(connection, tag + "b2"), idOf(connection, tag + "b3"));
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {Databases.POSTGRESQL, Databases.MARIADB})
    void savepointsSetRollBackToAndRelease(String kind) throws Exception {
        for (boolean viaJunction : new boolean[] {false, true}) {
            try (Connection connection = Databases.connect(kind, viaJunction)) {
                int base = viaJunction ? 1000 : 2000;
                connection.setAutoCommit(false);
                insertParent(connection, base + 1);
                Savepoint unnamed = connection.setSavepoint();
                insertParent(connection, base + 2);
                connection.rollback(unnamed);
                Savepoint named = connection.setSavepoint("j3_named");
                assertThat(named.getSavepointName()).isEqualTo("j3_named");
                assertThatThrownBy(named::getSavepointId).isInstanceOf(SQLException.class);
                insertParent(connection, base + 3);
                connection.releaseSavepoint(named);
                connection.commit();
                connection.setAutoCommit(true);
                assertThat(parentIds(connection, base)).containsExactly(base + 1, base + 3);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {Databases.POSTGRESQL, Databases.MARIADB})
    void rollbackAfterAFailedStatementKeepsTheFirstError(String kind) throws Exception {
        List<String> states = new ArrayList<>();
        for (boolean viaJunction : new boolean[] {false, true}) {
            try (Connection connection = Databases.connect(kind, viaJunction)) {
                int base = viaJunction ? 3000 : 4000;
                connection.setAutoCommit(false);
                insertParent(connection, base + 1);
                SQLException first = catchThrowableOfType(() -> insertParent(connection, base + 1), SQLException.class);
                connection.rollback();
                connection.setAutoCommit(true);
                assertThat(parentIds(connection, base)).isEmpty();
                states.add(first.getSQLState() + "/" + first.getErrorCode());
            }
        }
        assertThat(states.get(1)).isEqualTo(states.get(0));
    }

    @ParameterizedTest
    @ValueSource(strings = {Databases.POSTGRESQL, Databases.MARIADB})
    void isolationChangesTakeEffectBeforeTheNextStatement(String kind) throws Exception {
        String query = kind.equals(Databases.POSTGRESQL) ? "SHOW transaction_isolation" : "SELECT @@tx_isolation";
        List<String> seen = new ArrayList<>();
        for (boolean viaJunction : new boolean[] {false, true}) {
            try (Connection connection = Databases.connect(kind, viaJunction)) {
                connection.setAutoCommit(false);
                connection.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
                try (Statement statement = connection.createStatement();
                     ResultSet rs = statement.executeQuery(query)) {
                    rs.next();
                    seen.add(rs.getString(1));
                }
                connection.rollback();
            }
        }
        assertThat(seen.get(1)).isEqualTo(seen.get(0));
    }

    @ParameterizedTest
    @ValueSource(strings = {Databases.POSTGRESQL, Databases.MARIADB})
    void aFailedBatchIsABatchUpdateExceptionWithTheUpstreamsCounts(String kind) throws Exception {
        List<String> outcomes = new ArrayList<>();
        for (boolean viaJunction : new boolean[] {false, true}) {
            try (Connection connection = Databases.connect(kind, viaJunction)) {
                int base = viaJunction ? 5000 : 6000;
                try (PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO j3_parent (id, code) VALUES (?, ?)")) {
                    for (int id : new int[] {base + 1, base + 2, base + 1}) {
                        insert.setInt(1, id);
                        insert.setString(2, "c" + id + "-" + insert.hashCode());
                        insert.addBatch();
                    }
                    BatchUpdateException e = catchThrowableOfType(insert::executeBatch, BatchUpdateException.class);
                    assertThat((Object) e).as("BatchUpdateException through " + (viaJunction ? "Junction" : "direct"))
                            .isNotNull();
                    outcomes.add(e.getSQLState() + "/" + e.getErrorCode() + "/" + Arrays.toString(e.getUpdateCounts()));
                }
            }
        }
        assertThat(outcomes.get(1)).isEqualTo(outcomes.get(0));
    }

    @ParameterizedTest
    @ValueSource(strings = {Databases.POSTGRESQL, Databases.MARIADB})
    void typedNullsLargeValuesAndStreams(String kind) throws Exception {
        byte[] megabyte = new byte[1 << 20];
        for (int i = 0; i < megabyte.length; i++) {
            megabyte[i] = (byte) (i * 31);
        }
        String text = "é".repeat(600_000);
        for (boolean viaJunction : new boolean[] {false, true}) {
            int id = viaJunction ? 1 : 2;
            try (Connection connection = Databases.connect(kind, viaJunction)) {
                try (PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO j3_values (id, i, s, d, n, b, t) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                    insert.setInt(1, id);
                    insert.setNull(2, Types.INTEGER);
                    insert.setNull(3, Types.VARCHAR);
                    insert.setNull(4, Types.DATE);
                    insert.setNull(5, Types.NUMERIC);
                    insert.setBinaryStream(6, new ByteArrayInputStream(megabyte));
                    insert.setCharacterStream(7, new StringReader(text));
                    insert.executeUpdate();
                    insert.clearParameters();
                    insert.setInt(1, id + 10);
                    insert.setInt(2, 7);
                    insert.setString(3, "reused");
                    insert.setNull(4, Types.DATE);
                    insert.setNull(5, Types.DECIMAL);
                    insert.setBytes(6, megabyte);
                    insert.setString(7, text);
                    insert.executeUpdate();
                }
                try (PreparedStatement select = connection.prepareStatement(
                        "SELECT i, s, d, n, b, t FROM j3_values WHERE id = ?")) {
                    for (int row : new int[] {id, id + 10}) {
                        select.setInt(1, row);
                        try (ResultSet rs = select.executeQuery()) {
                            assertThat(rs.next()).isTrue();
                            assertThat((Object) rs.getObject(3)).isNull();
                            assertThat((Object) rs.getObject(4)).isNull();
                            assertThat(rs.getBytes(5)).isEqualTo(megabyte);
                            assertThat(rs.getString(6)).isEqualTo(text);
                        }
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {Databases.POSTGRESQL, Databases.MARIADB})
    void maxRowsLimitsPreparedStatementsToo(String kind) throws Exception {
        for (boolean viaJunction : new boolean[] {false, true}) {
            int base = viaJunction ? 7000 : 8000;
            try (Connection connection = Databases.connect(kind, viaJunction)) {
                for (int i = 1; i <= 3; i++) {
                    insertParent(connection, base + i);
                }
                try (PreparedStatement select = connection.prepareStatement(
                        "SELECT id FROM j3_parent WHERE id > ? AND id < ? ORDER BY id")) {
                    select.setInt(1, base);
                    select.setInt(2, base + 1000);
                    select.setMaxRows(2);
                    assertThat(ids(select)).containsExactly(base + 1, base + 2);
                    select.setMaxRows(0);
                    assertThat(ids(select)).containsExactly(base + 1, base + 2, base + 3);
                }
                try (Statement statement = connection.createStatement()) {
                    statement.setMaxRows(1);
                    try (ResultSet rs = statement.executeQuery("SELECT id FROM j3_parent WHERE id > " + base
                            + " AND id < " + (base + 1000) + " ORDER BY id")) {
                        assertThat(rs.next()).isTrue();
                        assertThat(rs.next()).isFalse();
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {Databases.POSTGRESQL, Databases.MARIADB})
    void nativeSqlIsTheUpstreamDriversTranslation(String kind) throws Exception {
        String sql = "SELECT {fn ucase('a')}, {d '2024-01-02'}";
        try (Connection direct = Databases.direct(kind); Connection junction = Databases.junction(kind)) {
            assertThat(junction.nativeSQL(sql)).isEqualTo(direct.nativeSQL(sql));
        }
    }

    // ---- helpers ---------------------------------------------------------------------------

    private static Map<String, Object> capabilities(DatabaseMetaData metaData) throws Exception {
        Map<String, Object> values = new TreeMap<>();
        for (Method method : DatabaseMetaData.class.getMethods()) {
            Class<?> type = method.getReturnType();
            if (method.getParameterCount() == 0 && !Modifier.isStatic(method.getModifiers())
                    && (type == boolean.class || type == int.class || type == long.class || type == String.class)
                    && !DRIVER_CALLS.contains(method.getName())) {
                values.put(method.getName(), call(metaData, method));
            }
        }
        for (int level : new int[] {Connection.TRANSACTION_NONE, Connection.TRANSACTION_READ_UNCOMMITTED,
                Connection.TRANSACTION_READ_COMMITTED, Connection.TRANSACTION_REPEATABLE_READ,
                Connection.TRANSACTION_SERIALIZABLE}) {
            values.put("supportsTransactionIsolationLevel:" + level, metaData.supportsTransactionIsolationLevel(level));
        }
        for (int type : new int[] {ResultSet.TYPE_FORWARD_ONLY, ResultSet.TYPE_SCROLL_INSENSITIVE,
                ResultSet.TYPE_SCROLL_SENSITIVE}) {
            values.put("supportsResultSetType:" + type, metaData.supportsResultSetType(type));
        }
        return values;
    }

    private static Object call(DatabaseMetaData metaData, Method method) throws Exception {
        try {
            return method.invoke(metaData);
        } catch (InvocationTargetException e) {
            return "throws " + e.getCause().getClass().getSimpleName();
        }
    }

    private static Map<String, List<Map<String, String>>> catalogWalk(Connection connection) throws SQLException {
        try (connection) {
            DatabaseMetaData md = connection.getMetaData();
            String catalog = connection.getCatalog();
            String schema = connection.getSchema();
            Map<String, List<Map<String, String>>> walk = new LinkedHashMap<>();
            // What a BI tool walks first: catalogs, schemas, table types, tables, type info.
            walk.put("getCatalogs", rows(md.getCatalogs()));
            walk.put("getSchemas", rows(md.getSchemas()));
            walk.put("getTableTypes", rows(md.getTableTypes()));
            walk.put("getTables", rows(md.getTables(catalog, schema, "j3_%", new String[] {"TABLE"})));
            walk.put("getTypeInfo", rows(md.getTypeInfo()));
            walk.put("getPrimaryKeys", rows(md.getPrimaryKeys(catalog, schema, "j3_child")));
            walk.put("getImportedKeys", rows(md.getImportedKeys(catalog, schema, "j3_child")));
            walk.put("getExportedKeys", rows(md.getExportedKeys(catalog, schema, "j3_parent")));
            walk.put("getCrossReference", rows(md.getCrossReference(catalog, schema, "j3_parent", catalog, schema,
                    "j3_child")));
            walk.put("getIndexInfo", rows(md.getIndexInfo(catalog, schema, "j3_child", false, true)));
            walk.put("getBestRowIdentifier", rows(md.getBestRowIdentifier(catalog, schema, "j3_child",
                    DatabaseMetaData.bestRowSession, false)));
            walk.put("getVersionColumns", rows(md.getVersionColumns(catalog, schema, "j3_child")));
            walk.put("getClientInfoProperties", rows(md.getClientInfoProperties()));
            walk.put("getColumns", rows(md.getColumns(catalog, schema, "j3_child", null)));
            return walk;
        }
    }

    /** Every row by column label, values as text (drivers differ only in boxing: Short vs Integer). */
    private static List<Map<String, String>> rows(ResultSet resultSet) throws SQLException {
        try (resultSet) {
            ResultSetMetaData md = resultSet.getMetaData();
            List<Map<String, String>> rows = new ArrayList<>();
            while (resultSet.next()) {
                Map<String, String> row = new LinkedHashMap<>();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    Object value = resultSet.getObject(i);
                    row.put(md.getColumnLabel(i).toUpperCase(java.util.Locale.ROOT),
                            value == null ? null : value.toString());
                }
                rows.add(row);
            }
            return rows;
        }
    }

    private static List<Long> firstKeys(ResultSet keys) throws SQLException {
        try (keys) {
            List<Long> values = new ArrayList<>();
            while (keys.next()) {
                values.add(keys.getLong(1));
            }
            return values;
        }
    }

    private static long idOf(Connection connection, String name) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT id FROM j3_keys WHERE name = ?")) {
            select.setString(1, name);
            try (ResultSet rs = select.executeQuery()) {
                assertThat(rs.next()).as("row " + name).isTrue();
                return rs.getLong(1);
            }
        }
    }

    private static void insertParent(Connection connection, int id) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO j3_parent (id, code) VALUES (?, ?)")) {
            insert.setInt(1, id);
            insert.setString(2, "p" + id);
            insert.executeUpdate();
        }
    }

    private static List<Integer> ids(PreparedStatement select) throws SQLException {
        List<Integer> ids = new ArrayList<>();
        try (ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                ids.add(rs.getInt(1));
            }
        }
        return ids;
    }

    private static List<Integer> parentIds(Connection connection, int base) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT id FROM j3_parent WHERE id > ? AND id < ? ORDER BY id")) {
            select.setInt(1, base);
            select.setInt(2, base + 1000);
            List<Integer> ids = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getInt(1));
                }
            }
            return ids;
        }
    }
}
