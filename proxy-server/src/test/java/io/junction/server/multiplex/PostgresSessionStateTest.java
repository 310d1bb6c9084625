package io.junction.server.multiplex;

import io.junction.server.config.PoolSettings;
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
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import static io.junction.server.multiplex.Sql.run;
import static io.junction.server.multiplex.Sql.text;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Session state set through SQL on PostgreSQL, through the real driver and server: a tracked
 * parameter follows its session onto whichever connection serves it and never reaches another
 * session; what cannot be tracked pins the session, and its connection comes back clean.
 */
class PostgresSessionStateTest {
    private static TestGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        Upstream pg = Upstreams.postgres();
        pg.execute("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'j4_role') THEN "
                + "CREATE ROLE j4_role; END IF; END $$");
        Map<String, SourceSettings> sources = new LinkedHashMap<>();
        sources.put("one", TestGateway.source("one", pg, pool(1), Map.of("ApplicationName", "j4-state-one")));
        sources.put("two", TestGateway.source("two", pg, pool(2), Map.of("ApplicationName", "j4-state-two")));
        gateway = TestGateway.startWith(sources, ServerSettings.defaults().withPort(0), SessionSettings.defaults(),
                UpstreamSettings.defaults());
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    static PoolSettings pool(int size) {
        return new PoolSettings(size, Duration.ofSeconds(10), Duration.ofMinutes(10), Duration.ofMinutes(30));
    }

    static Stream<Arguments> trackedParameters() {
        return Stream.of(
                Arguments.of("SET TimeZone = 'Pacific/Chatham'", "TimeZone", "Pacific/Chatham"),
                Arguments.of("SET TIME ZONE 'Europe/Lisbon'", "TimeZone", "Europe/Lisbon"),
                Arguments.of("SELECT set_config('TimeZone', 'Asia/Kolkata', false)", "TimeZone", "Asia/Kolkata"),
                Arguments.of("SET search_path = j4_nowhere, public", "search_path", "j4_nowhere, public"),
                Arguments.of("SET SESSION statement_timeout = '4321ms'", "statement_timeout", "4321ms"),
                Arguments.of("SET lock_timeout = 1234", "lock_timeout", "1234ms"),
                Arguments.of("SET application_name = 'j4-renamed'", "application_name", "j4-renamed"),
                Arguments.of("SET DateStyle = 'ISO, DMY'", "DateStyle", "ISO, DMY"),
                Arguments.of("SET IntervalStyle = iso_8601", "IntervalStyle", "iso_8601"),
                Arguments.of("SET extra_float_digits = -2", "extra_float_digits", "-2"),
                Arguments.of("SET standard_conforming_strings = off", "standard_conforming_strings", "off"),
                Arguments.of("SET client_min_messages = error", "client_min_messages", "error"),
                Arguments.of("SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL SERIALIZABLE",
                        "default_transaction_isolation", "serializable"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("trackedParameters")
    void trackedParameter_followsItsSessionAndNeverLeaks_poolOfOne(String set, String parameter, String value)
            throws SQLException {
        String show = "SELECT current_setting('" + parameter + "')";
        try (Connection a = gateway.connect("one"); Connection b = gateway.connect("one")) {
            String before = text(b, show);
            assertThat(before).isNotEqualTo(value);

            run(a, set);

            assertThat(text(a, show)).isEqualTo(value);
            assertThat(text(b, show)).isEqualTo(before);
            assertThat(text(a, show)).isEqualTo(value);
            assertThat(text(b, show)).isEqualTo(before);
        }
        try (Connection c = gateway.connect("one")) {
            assertThat(text(c, show)).isNotEqualTo(value);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("trackedParameters")
    void trackedParameter_isReplayedOnAnotherPhysicalConnection_poolOfTwo(String set, String parameter,
                                                                         String value) throws SQLException {
        String show = "SELECT current_setting('" + parameter + "'), pg_backend_pid()";
        try (Connection a = gateway.connect("two"); Connection b = gateway.connect("two");
             Connection c = gateway.connect("two")) {
            run(a, set);
            int setOn = Integer.parseInt(text(a, "SELECT pg_backend_pid()"));
            // b and c hold both connections; the one that served a's SET stays held.
            b.setAutoCommit(false);
            c.setAutoCommit(false);
            int bPid = Integer.parseInt(text(b, "SELECT pg_backend_pid()"));
            int cPid = Integer.parseInt(text(c, "SELECT pg_backend_pid()"));
            assertThat(bPid).isNotEqualTo(cPid);
            (bPid == setOn ? c : b).commit();
            Connection holder = bPid == setOn ? b : c;

            try (Statement statement = a.createStatement(); ResultSet row = statement.executeQuery(show)) {
                row.next();
                assertThat(row.getString(1)).isEqualTo(value);
                assertThat(row.getInt(2)).isNotEqualTo(setOn);
            }
            assertThat(text(holder, "SELECT current_setting('" + parameter + "')")).isNotEqualTo(value);
            holder.commit();
        }
    }

    /** A pinning statement, a query showing its state in the session that ran it, and what others see. */
    static Stream<Arguments> pins() {
        return Stream.of(
                Arguments.of("temp-table", "CREATE TEMP TABLE j4_tmp (x int)",
                        "SELECT coalesce(to_regclass('pg_temp.j4_tmp')::text, 'none')", "none"),
                Arguments.of("advisory-lock", "SELECT pg_advisory_lock(4242)",
                        "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND objid = 4242 "
                                + "AND pid = pg_backend_pid()", "0"),
                Arguments.of("listen", "LISTEN j4_channel", "SELECT count(*) FROM pg_listening_channels()", "0"),
                Arguments.of("sql-prepare", "PREPARE j4_plan AS SELECT 42",
                        "SELECT count(*) FROM pg_prepared_statements WHERE name = 'j4_plan'", "0"),
                Arguments.of("with-hold-cursor", "DECLARE j4_cursor CURSOR WITH HOLD FOR SELECT 1",
                        "SELECT count(*) FROM pg_cursors WHERE name = 'j4_cursor'", "0"),
                Arguments.of("untracked-set", "SET work_mem = '7MB'", "SELECT current_setting('work_mem')", "4MB"),
                Arguments.of("untracked-set", "SELECT set_config('j4.custom', 'v', false)",
                        "SELECT coalesce(current_setting('j4.custom', true), '')", ""),
                Arguments.of("set-role", "SET ROLE j4_role", "SELECT current_user", "postgres"),
                Arguments.of("set-role", "SET SESSION AUTHORIZATION j4_role", "SELECT session_user", "postgres"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("pins")
    void pinningStatement_keepsItsConnection_othersNeverSeeIt(String reason, String pinning, String probe,
                                                              String clean) throws Exception {
        try (Connection a = gateway.connect("two"); Connection b = gateway.connect("two")) {
            run(a, pinning);
            String pinnedState = text(a, probe);
            assertThat(pinnedState).isNotEqualTo(clean);

            assertThat(text(b, probe)).isEqualTo(clean);
            assertThat(text(a, probe)).isEqualTo(pinnedState);
            assertThat(Sql.adminGet(gateway.adminPort(), "/sessions")).contains("\"pinned\":\"" + reason + "\"");
        }
        try (Connection a = gateway.connect("one")) {
            run(a, pinning);
            assertThat(text(a, probe)).isNotEqualTo(clean);
        }
        // The pool of one has a single connection: the pinned session's, reset when it ended.
        try (Connection b = gateway.connect("one")) {
            assertThat(text(b, probe)).isEqualTo(clean);
        }
        assertThat(Sql.adminGet(gateway.adminPort(), "/metrics"))
                .containsPattern("junction_sessions_pins_total\\{reason=\"" + reason + "\"} [1-9]");
    }

    @Test
    void setInsideRolledBackTransaction_isForgotten() throws SQLException {
        try (Connection a = gateway.connect("one"); Connection b = gateway.connect("one")) {
            String before = text(b, "SHOW TimeZone");
            a.setAutoCommit(false);
            run(a, "SET TimeZone = 'Pacific/Chatham'");
            assertThat(text(a, "SHOW TimeZone")).isEqualTo("Pacific/Chatham");
            a.rollback();
            a.setAutoCommit(true);
            assertThat(text(a, "SHOW TimeZone")).isEqualTo(before);
            assertThat(text(b, "SHOW TimeZone")).isEqualTo(before);
        }
    }

    @Test
    void transactionOpenedBySql_staysOnOneConnectionAndNeverLeaks() throws SQLException {
        Upstreams.postgres().execute("DROP TABLE IF EXISTS j4_sqltx", "CREATE TABLE j4_sqltx (x int)");
        try (Connection a = gateway.connect("one"); Connection b = gateway.connect("two")) {
            run(a, "BEGIN");
            run(a, "INSERT INTO j4_sqltx VALUES (1)");
            assertThat(text(b, "SELECT count(*) FROM j4_sqltx")).isEqualTo("0");
            run(a, "ROLLBACK");
            run(a, "BEGIN");
            run(a, "INSERT INTO j4_sqltx VALUES (2)");
            run(a, "COMMIT");
            assertThat(text(b, "SELECT string_agg(x::text, ',') FROM j4_sqltx")).isEqualTo("2");
        }
    }
}
