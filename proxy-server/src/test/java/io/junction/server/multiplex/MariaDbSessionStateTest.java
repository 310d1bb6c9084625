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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import static io.junction.server.multiplex.Sql.run;
import static io.junction.server.multiplex.Sql.text;
import static org.assertj.core.api.Assertions.assertThat;

/** Session state set through SQL on MariaDB: tracked variables follow their session; the rest pins. */
class MariaDbSessionStateTest {
    private static TestGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        Upstream maria = Upstreams.mariadb();
        maria.execute("CREATE TABLE IF NOT EXISTS j4_locked (x INT)", "CREATE TABLE IF NOT EXISTS j4_other (x INT)",
                "DROP TABLE IF EXISTS j4_autocommit", "CREATE TABLE j4_autocommit (x INT)");
        Map<String, SourceSettings> sources = new LinkedHashMap<>();
        sources.put("one", TestGateway.source("one", maria, PostgresSessionStateTest.pool(1), Map.of()));
        sources.put("two", TestGateway.source("two", maria, PostgresSessionStateTest.pool(2), Map.of()));
        gateway = TestGateway.startWith(sources, ServerSettings.defaults().withPort(0), SessionSettings.defaults(),
                UpstreamSettings.defaults());
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    static Stream<Arguments> trackedVariables() {
        return Stream.of(
                Arguments.of("SET time_zone = '+05:30'", "@@time_zone", "+05:30"),
                Arguments.of("SET SESSION sql_mode = 'ANSI_QUOTES'", "@@sql_mode", "ANSI_QUOTES"),
                Arguments.of("SET @@session.sql_mode = 'NO_ZERO_DATE'", "@@sql_mode", "NO_ZERO_DATE"),
                Arguments.of("SET NAMES utf8mb3", "@@character_set_client", "utf8mb3"),
                Arguments.of("SET character_set_results = 'utf8mb3'", "@@character_set_results", "utf8mb3"),
                Arguments.of("SET collation_connection = 'utf8mb4_bin'", "@@collation_connection", "utf8mb4_bin"),
                Arguments.of("SET SESSION TRANSACTION ISOLATION LEVEL SERIALIZABLE", "@@tx_isolation",
                        "SERIALIZABLE"),
                Arguments.of("SET SESSION TRANSACTION READ ONLY", "@@tx_read_only", "1"),
                Arguments.of("SET max_statement_time = 7", "@@max_statement_time", "7.0"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("trackedVariables")
    void trackedVariable_followsItsSessionAndNeverLeaks_poolOfOne(String set, String variable, String value)
            throws SQLException {
        String show = "SELECT " + variable;
        try (Connection a = gateway.connect("one"); Connection b = gateway.connect("one")) {
            String before = text(b, show);
            assertThat(before).isNotEqualTo(value);

            run(a, set);

            assertThat(text(a, show)).isEqualTo(value);
            assertThat(text(b, show)).isEqualTo(before);
            assertThat(text(a, show)).isEqualTo(value);
            assertThat(text(b, show)).isEqualTo(before);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("trackedVariables")
    void trackedVariable_isReplayedOnAnotherPhysicalConnection_poolOfTwo(String set, String variable, String value)
            throws SQLException {
        try (Connection a = gateway.connect("two"); Connection b = gateway.connect("two");
             Connection c = gateway.connect("two")) {
            run(a, set);
            long setOn = Long.parseLong(text(a, "SELECT CONNECTION_ID()"));
            b.setAutoCommit(false);
            c.setAutoCommit(false);
            long bId = Long.parseLong(text(b, "SELECT CONNECTION_ID()"));
            long cId = Long.parseLong(text(c, "SELECT CONNECTION_ID()"));
            assertThat(bId).isNotEqualTo(cId);
            (bId == setOn ? c : b).commit();
            Connection holder = bId == setOn ? b : c;

            try (Statement statement = a.createStatement();
                 ResultSet row = statement.executeQuery("SELECT " + variable + ", CONNECTION_ID()")) {
                row.next();
                assertThat(row.getString(1)).isEqualTo(value);
                assertThat(row.getLong(2)).isNotEqualTo(setOn);
            }
            assertThat(text(holder, "SELECT " + variable)).isNotEqualTo(value);
            holder.commit();
        }
    }

    /** A pinning statement, a probe, what the probe shows in the pinned session and in any other ("error": it fails). */
    static Stream<Arguments> pins() {
        return Stream.of(
                Arguments.of("user-variable", "SET @j4 = 5", "SELECT coalesce(@j4, 'none')", "5", "none"),
                Arguments.of("named-lock", "SELECT GET_LOCK('j4lock', 0)",
                        "SELECT coalesce(IS_USED_LOCK('j4lock') = CONNECTION_ID(), 0)", "1", "0"),
                Arguments.of("lock-tables", "LOCK TABLES j4_locked READ", "SELECT count(*) FROM j4_other", "error",
                        "0"),
                Arguments.of("temp-table", "CREATE TEMPORARY TABLE j4_tmp (x INT)", "SELECT count(*) FROM j4_tmp",
                        "0", "error"),
                Arguments.of("sql-prepare", "PREPARE j4_stmt FROM 'SELECT 42'", "EXECUTE j4_stmt", "42", "error"),
                Arguments.of("untracked-set", "SET SESSION div_precision_increment = 9",
                        "SELECT @@div_precision_increment", "9", "4"),
                // As mysqldump writes it: the server runs the comment's SET, which Junction does not read.
                Arguments.of("executable-comment", "/*!40101 SET SESSION div_precision_increment = 7 */",
                        "SELECT @@div_precision_increment", "7", "4"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("pins")
    void pinningStatement_keepsItsConnection_othersNeverSeeIt(String reason, String pinning, String probe,
                                                              String pinned, String clean) throws Exception {
        try (Connection a = gateway.connect("two"); Connection b = gateway.connect("two")) {
            run(a, pinning);
            assertThat(textOrError(a, probe)).isEqualTo(pinned);
            assertThat(textOrError(b, probe)).isEqualTo(clean);
            assertThat(textOrError(a, probe)).isEqualTo(pinned);
            assertThat(Sql.adminGet(gateway.adminPort(), "/sessions")).contains("\"pinned\":\"" + reason + "\"");
        }
        try (Connection a = gateway.connect("one")) {
            run(a, pinning);
            assertThat(textOrError(a, probe)).isEqualTo(pinned);
        }
        // The pool of one has a single connection: the pinned session's, reset when it ended.
        try (Connection b = gateway.connect("one")) {
            assertThat(textOrError(b, probe)).isEqualTo(clean);
        }
    }

    private static String textOrError(Connection connection, String sql) {
        try {
            return text(connection, sql);
        } catch (SQLException e) {
            return "error";
        }
    }

    @Test
    void autocommitOffThroughSql_opensATransactionThatOnlyItsCommitEnds() throws SQLException {
        try (Connection a = gateway.connect("one"); Connection b = gateway.connect("two")) {
            run(a, "SET autocommit = 0");
            run(a, "INSERT INTO j4_autocommit VALUES (1)");
            assertThat(text(b, "SELECT count(*) FROM j4_autocommit")).isEqualTo("0");
            run(a, "ROLLBACK");
            run(a, "INSERT INTO j4_autocommit VALUES (2)");
            run(a, "COMMIT");
            assertThat(text(b, "SELECT group_concat(x) FROM j4_autocommit")).isEqualTo("2");
            run(a, "SET autocommit = 1");
            assertThat(text(a, "SELECT @@autocommit")).isEqualTo("1");
        }
        try (Connection c = gateway.connect("one")) {
            assertThat(text(c, "SELECT @@autocommit")).isEqualTo("1");
        }
    }
}
