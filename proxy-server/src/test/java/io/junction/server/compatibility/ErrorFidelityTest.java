package io.junction.server.compatibility;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Upstream errors as the upstream driver raises them (compared by their nearest {@code java.sql} class), directly and through Junction: the same JDBC class
 * (MariaDB Connector/J's SQLIntegrityConstraintViolationException and SQLSyntaxErrorException, pgjdbc's plain
 * SQLException), SQLState, vendor code, verbatim message, next exceptions, and a failed batch's update counts.
 */
class ErrorFidelityTest {
    /** For {@link #describe} where no test id is in the message. */
    private static final int NO_ID = 987_654_321;

    @BeforeAll
    static void createTables() throws Exception {
        for (String kind : List.of(Databases.POSTGRESQL, Databases.MARIADB)) {
            Databases.upstream(kind).execute("DROP TABLE IF EXISTS jfr_errors",
                    "CREATE TABLE jfr_errors (id int PRIMARY KEY, note varchar(10) NOT NULL)");
        }
        Databases.gateway();
    }

    @ParameterizedTest
    @ValueSource(strings = {Databases.POSTGRESQL, Databases.MARIADB})
    void statementErrorsAreTheUpstreamDriversOwn(String kind) throws Exception {
        List<String> direct = statementErrors(kind, false);
        List<String> junction = statementErrors(kind, true);
        assertThat(junction).isEqualTo(direct);
        assertThat(junction).noneMatch(line -> line.contains("Error while executing"));
    }

    @ParameterizedTest
    @ValueSource(strings = {Databases.POSTGRESQL, Databases.MARIADB})
    void aFailedBatchKeepsItsCountsAndChain(String kind) throws Exception {
        assertThat(batchError(kind, true)).isEqualTo(batchError(kind, false));
    }

    @ParameterizedTest
    @ValueSource(strings = {Databases.MARIADB})
    void mariaDbDuplicateKeysAreIntegrityConstraintViolations(String kind) throws Exception {
        try (Connection connection = Databases.junction(kind); Statement statement = connection.createStatement()) {
            statement.executeUpdate("DELETE FROM jfr_errors WHERE id = 900");
            statement.executeUpdate("INSERT INTO jfr_errors VALUES (900, 'a')");
            SQLException e = failure(() -> statement.executeUpdate("INSERT INTO jfr_errors VALUES (900, 'b')"));
            assertThat((Object) e).isInstanceOf(SQLIntegrityConstraintViolationException.class);
            assertThat(e.getMessage()).contains("Duplicate entry '900'").doesNotContain("Error while executing");
        }
    }

    /**
     * getParameterMetaData travels through Junction's protocol extension, not Avatica's messages: the upstream's
     * refusal still arrives as pgjdbc raised it (class, SQLState, vendor code, verbatim message), for SQL
     * PostgreSQL rejects and for an answer pgjdbc refuses (an index out of range).
     */
    @ParameterizedTest
    @ValueSource(strings = {Databases.POSTGRESQL})
    void parameterMetadataErrorsAreTheUpstreamDriversOwn(String kind) throws Exception {
        List<String> direct = parameterMetadataErrors(kind, false);
        List<String> junction = parameterMetadataErrors(kind, true);
        assertThat(junction).isEqualTo(direct);
        assertThat(junction).anyMatch(line -> line.startsWith("missing table SQLException 42P01 0 ERROR: relation"))
                .anyMatch(line -> line.startsWith("syntax SQLException 42601 0 ERROR: syntax error"));
    }

    /**
     * Junction prepares MariaDB statements on the server: its getParameterMetaData of SQL MariaDB rejects fails as
     * MariaDB Connector/J's does with useServerPrepStmts (its SQLPrepareException: an SQLException, 42000, 1064,
     * the server's message).
     */
    @ParameterizedTest
    @ValueSource(strings = {Databases.MARIADB})
    void mariaDbParameterMetadataErrorsAreTheServerPrepareErrors(String kind) throws Exception {
        String sql = "SELEC ? FROM jfr_errors";
        SQLException direct;
        try (Connection connection = java.sql.DriverManager.getConnection(
                Databases.upstream(kind).url() + (Databases.upstream(kind).url().contains("?") ? "&" : "?")
                        + "useServerPrepStmts=true", Databases.upstream(kind).user(),
                Databases.upstream(kind).password())) {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                direct = failure(statement::getParameterMetaData);
            }
        }
        SQLException junction;
        try (Connection connection = Databases.junction(kind);
             PreparedStatement statement = connection.prepareStatement(sql)) {
            junction = failure(statement::getParameterMetaData);
        }
        assertThat(describe(junction, NO_ID)).isEqualTo(describe(direct, NO_ID))
                .startsWith("SQLException 42000 1064 (conn=N) You have an error in your SQL syntax");
    }

    private static List<String> parameterMetadataErrors(String kind, boolean viaJunction) throws Exception {
        List<String> seen = new ArrayList<>();
        try (Connection connection = Databases.connect(kind, viaJunction)) {
            for (String[] named : new String[][] {{"missing table", "SELECT * FROM jfr_missing WHERE id = ?"},
                    {"syntax", "SELEC ? FROM jfr_errors"}, {"unknown column", "SELECT 1 FROM jfr_errors WHERE nope = ?"},
                    {"out of range", "SELECT 1 FROM jfr_errors WHERE id = ?"}}) {
                try (PreparedStatement statement = connection.prepareStatement(named[1])) {
                    seen.add(named[0] + " " + describe(failure(() -> statement.getParameterMetaData()
                            .getParameterType(2)), NO_ID));
                }
            }
        }
        return seen;
    }

    private static List<String> statementErrors(String kind, boolean viaJunction) throws Exception {
        int id = viaJunction ? 20 : 10;
        List<String> seen = new ArrayList<>();
        try (Connection connection = Databases.connect(kind, viaJunction);
             Statement statement = connection.createStatement()) {
            statement.executeUpdate("DELETE FROM jfr_errors WHERE id IN (" + id + ", " + (id + 1) + ")");
            statement.executeUpdate("INSERT INTO jfr_errors VALUES (" + id + ", 'a')");
            seen.add("duplicate key " + describe(failure(() -> statement.executeUpdate(
                    "INSERT INTO jfr_errors VALUES (" + id + ", 'b')")), id));
            seen.add("syntax " + describe(failure(() -> statement.executeQuery("SELEC 1")), id));
            seen.add("missing table " + describe(failure(() -> {
                try (ResultSet rs = statement.executeQuery("SELECT * FROM jfr_missing")) {
                    rs.next();
                }
            }), id));
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO jfr_errors VALUES (?, ?)")) {
                insert.setInt(1, id + 1);
                insert.setString(2, null);
                seen.add("prepared not null " + describe(failure(insert::executeUpdate), id + 1));
                insert.setString(2, "far too long a note");
                seen.add("prepared too long " + describe(failure(insert::executeUpdate), id + 1));
            }
            connection.setAutoCommit(false);
            seen.add("in a transaction " + describe(failure(() -> statement.executeQuery("SELECT 1/0").next()), id));
            connection.rollback();
        }
        return seen;
    }

    private static String batchError(String kind, boolean viaJunction) throws Exception {
        int id = viaJunction ? 40 : 30;
        try (Connection connection = Databases.connect(kind, viaJunction);
             Statement statement = connection.createStatement()) {
            statement.executeUpdate("DELETE FROM jfr_errors WHERE id BETWEEN " + id + " AND " + (id + 2));
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO jfr_errors VALUES (?, 'x')")) {
                for (int i : new int[] {id, id + 1, id, id + 2}) {
                    insert.setInt(1, i);
                    insert.addBatch();
                }
                SQLException e = failure(insert::executeBatch);
                assertThat((Object) e).isInstanceOf(BatchUpdateException.class);
                return describe(e, id) + " counts " + Arrays.toString(((BatchUpdateException) e).getUpdateCounts());
            }
        }
    }

    /** Class, SQLState, vendor code, message and next exceptions, with the test's ids and MariaDB's connection id masked. */
    private static String describe(SQLException e, int id) {
        if (e == null) {
            return "no error";
        }
        StringBuilder text = new StringBuilder();
        for (SQLException next = e; next != null; next = next.getNextException()) {
            text.append(next == e ? "" : " / next ").append(standardClass(next.getClass())).append(' ')
                    .append(next.getSQLState()).append(' ').append(next.getErrorCode()).append(' ')
                    .append(String.valueOf(next.getMessage()).replaceAll("\\(conn=\\d+\\)", "(conn=N)")
                            .replace(String.valueOf(id), "ID"));
        }
        return text.toString();
    }

    /** The JDBC class a vendor's exception is (pgjdbc's PSQLException is an SQLException). */
    private static String standardClass(Class<?> type) {
        Class<?> c = type;
        while (!c.getName().startsWith("java.sql.")) {
            c = c.getSuperclass();
        }
        return c.getSimpleName();
    }

    private static SQLException failure(FailingCall call) {
        try {
            call.run();
            return null;
        } catch (SQLException e) {
            return e;
        }
    }

    private interface FailingCall {
        void run() throws SQLException;
    }
}
