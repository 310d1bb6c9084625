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

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A prepared statement whose upstream plan is cached (pgjdbc's prepareThreshold) meets DDL that changes its
 * result type: PostgreSQL answers 0A000 "cached plan must not change result type". Outside a transaction
 * Junction runs the statement again, re-planned (pgjdbc does the same on a direct autocommit connection; under
 * Junction an autocommit query runs in a short transaction, where pgjdbc does not); inside one the failed
 * statement has aborted the transaction, so the error reaches the client exactly as on a direct pgjdbc
 * connection. Either way the physical connection
 * stays in the pool: 0A000 is a statement's error, not the connection's (HikariCP would evict for it).
 *
 * <p>Deterministic: the gateway's pool holds one connection, so the plan cached by the first executions is the
 * one the DDL invalidates, and {@code pg_backend_pid()} tells whether that connection survived.
 */
class StalePlanRetryTest {
    private static final String STALE_PLAN = "cached plan must not change result type";

    private static Upstream pg;
    private static TestGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        pg = Upstreams.postgres();
        Map<String, SourceSettings> sources = Map.of("pg", TestGateway.source("pg", pg,
                PostgresSessionStateTest.pool(1), Map.of()));
        gateway = TestGateway.startWith(sources, ServerSettings.defaults().withPort(0), SessionSettings.defaults(),
                UpstreamSettings.defaults());
    }

    @AfterAll
    static void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
        pg.execute("DROP TABLE IF EXISTS jmx_plan_auto", "DROP TABLE IF EXISTS jmx_plan_tx",
                "DROP TABLE IF EXISTS jmx_plan_direct_auto", "DROP TABLE IF EXISTS jmx_plan_direct_tx");
    }

    @Test
    void outsideATransaction_theStatementIsRunAgainOnTheSameConnection() throws Exception {
        Outcome direct;
        try (Connection connection = pg.connect()) {
            // pgjdbc re-plans and runs it again by itself in autocommit mode.
            direct = staleAfterDdl(connection, "jmx_plan_direct_auto", false);
        }
        try (Connection connection = gateway.connect("pg")) {
            int backend = backendPid(connection);
            Outcome outcome = staleAfterDdl(connection, "jmx_plan_auto", false);

            assertThat(direct.sqlState()).as("direct pgjdbc").isNull();
            assertThat(outcome.sqlState()).as("the retry answers the client").isNull();
            assertThat(outcome.columnsAfter()).isEqualTo(direct.columnsAfter()).isEqualTo(2);
            assertThat(backendPid(connection)).as("the connection was not evicted").isEqualTo(backend);
        }
    }

    @Test
    void insideATransaction_theErrorReachesTheClientAsOnADirectConnection() throws Exception {
        Outcome direct;
        try (Connection connection = pg.connect()) {
            direct = staleAfterDdl(connection, "jmx_plan_direct_tx", true);
        }
        try (Connection connection = gateway.connect("pg")) {
            int backend = backendPid(connection);
            Outcome junction = staleAfterDdl(connection, "jmx_plan_tx", true);

            assertThat(direct.sqlState()).as("direct pgjdbc").isEqualTo("0A000");
            assertThat(junction.sqlState()).as("through Junction").isEqualTo(direct.sqlState());
            assertThat(junction.message()).contains(STALE_PLAN);
            // After the rollback both re-plan: the same statement now answers with the new column.
            assertThat(junction.columnsAfter()).isEqualTo(direct.columnsAfter()).isEqualTo(2);
            assertThat(backendPid(connection)).as("the connection was not evicted").isEqualTo(backend);
        }
    }

    /**
     * Executes {@code SELECT * FROM table} often enough for pgjdbc to keep a server-side plan, changes the
     * table's columns from another connection, then executes it again (in a transaction when asked, rolled back
     * after a failure) and once more afterwards.
     */
    private static Outcome staleAfterDdl(Connection connection, String table, boolean inTransaction)
            throws SQLException {
        pg.execute("DROP TABLE IF EXISTS " + table, "CREATE TABLE " + table + " (a int)",
                "INSERT INTO " + table + " VALUES (1)");
        try (PreparedStatement select = connection.prepareStatement("SELECT * FROM " + table)) {
            for (int i = 0; i < 10; i++) {
                assertThat(columns(select)).isEqualTo(1);
            }
            // Before the transaction touches the table, so the DDL takes its lock at once.
            pg.execute("ALTER TABLE " + table + " ADD COLUMN b int");
            connection.setAutoCommit(!inTransaction);
            SQLException error = catchThrowableOfType(() -> columns(select), SQLException.class);
            if (inTransaction) {
                connection.rollback();
                connection.setAutoCommit(true);
            }
            return new Outcome(error == null ? null : error.getSQLState(), error == null ? null : error.getMessage(),
                    columns(select));
        }
    }

    /** The SQLState and message of the execution after the DDL (null when it succeeded), and the columns after. */
    private record Outcome(String sqlState, String message, int columnsAfter) {
    }

    private static int columns(PreparedStatement select) throws SQLException {
        try (ResultSet rows = select.executeQuery()) {
            rows.next();
            return rows.getMetaData().getColumnCount();
        }
    }

    private static int backendPid(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet pid = statement.executeQuery("SELECT pg_backend_pid()")) {
            pid.next();
            return pid.getInt(1);
        }
    }
}
