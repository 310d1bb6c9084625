package io.junction.server.multiplex;

import io.junction.server.testing.TestGateway;
import io.junction.server.testing.Upstream;
import io.junction.server.testing.Upstreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.junction.server.multiplex.Sql.run;
import static io.junction.server.multiplex.Sql.text;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Isolation and read-only changed through SQL: {@code getTransactionIsolation()} and {@code isReadOnly()} answer
 * what the direct driver answers, and the upstream session behaves as the direct one does (its isolation, the
 * writes it refuses). Each scenario runs on a direct connection and through Junction on a pool of one
 * connection, which a second session uses between the steps: it must never see the first one's state, and the
 * first one must find its state again on the connection it gets back.
 *
 * <p>What the direct drivers do, from their source: pgjdbc answers {@code getTransactionIsolation()} with
 * {@code SHOW TRANSACTION ISOLATION LEVEL} (the open transaction's level, else the session's default) and
 * {@code isReadOnly()} with the flag JDBC set; MariaDB Connector/J answers the session's {@code tx_isolation},
 * which the server reports after each change (session tracking), and {@code isReadOnly()} with the flag too.
 */
class IsolationFollowsSqlTest {
    private static Upstream pg;
    private static Upstream mariadb;
    private static TestGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        pg = Upstreams.postgres();
        mariadb = Upstreams.mariadb();
        pg.execute("DROP TABLE IF EXISTS jtx_writes", "CREATE TABLE jtx_writes (x int)");
        mariadb.execute("DROP TABLE IF EXISTS jtx_writes", "CREATE TABLE jtx_writes (x int)");
        gateway = SharedPoolScenario.gatewayOnPoolsOfOne(Map.of("pg", pg, "maria", mariadb));
    }

    @AfterAll
    static void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
        pg.execute("DROP TABLE IF EXISTS jtx_writes");
        mariadb.execute("DROP TABLE IF EXISTS jtx_writes");
    }

    @Test
    void postgresIsolationAndReadOnlySetThroughSql() throws Exception {
        assertThat(SharedPoolScenario.sameAsDirect(pg, gateway, "pg", IsolationFollowsSqlTest::postgresScenario,
                IsolationFollowsSqlTest::postgresState)).contains("isolation=8", "isolation=4", "write=25006");
    }

    @Test
    void mariadbIsolationAndReadOnlySetThroughSql() throws Exception {
        assertThat(SharedPoolScenario.sameAsDirect(mariadb, gateway, "maria", IsolationFollowsSqlTest::mariadbScenario,
                IsolationFollowsSqlTest::mariadbState)).contains("isolation=2", "isolation=8", "write=25006");
    }

    private static List<String> postgresScenario(Connection c, SharedPoolScenario.OtherSession other) throws SQLException {
        List<String> seen = new ArrayList<>();
        seen.add(isolation(c));
        run(c, "SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL SERIALIZABLE");
        seen.add(isolation(c));
        seen.add(text(c, "SHOW transaction_isolation"));
        other.check();
        seen.add(text(c, "SHOW transaction_isolation"));
        run(c, "SET default_transaction_isolation = 'repeatable read'");
        seen.add(isolation(c));
        other.check();
        seen.add(text(c, "SHOW transaction_isolation"));

        // Inside a transaction SHOW answers the transaction's own level, whatever the session's default becomes.
        c.setAutoCommit(false);
        seen.add(isolation(c));
        run(c, "SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL READ COMMITTED");
        seen.add(isolation(c));
        c.commit();
        seen.add(isolation(c));
        run(c, "SET TRANSACTION ISOLATION LEVEL SERIALIZABLE");
        seen.add(isolation(c));
        seen.add(text(c, "SHOW transaction_isolation"));
        run(c, "SET default_transaction_isolation = 'repeatable read'");
        c.rollback();
        // The rollback undid the SET: the default is still read committed.
        seen.add(isolation(c));
        other.check();
        seen.add(text(c, "SHOW transaction_isolation"));
        c.commit();
        c.setAutoCommit(true);
        run(c, "BEGIN ISOLATION LEVEL REPEATABLE READ");
        seen.add(isolation(c));
        run(c, "COMMIT");
        seen.add(isolation(c));

        // JDBC, then SQL: the later one holds, on every connection the session gets.
        c.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
        seen.add(isolation(c));
        run(c, "SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL REPEATABLE READ");
        seen.add(isolation(c));
        seen.add(text(c, "SHOW transaction_isolation"));
        other.check();
        seen.add(text(c, "SHOW transaction_isolation"));
        c.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
        seen.add(isolation(c));
        seen.add(text(c, "SHOW transaction_isolation"));
        other.check();
        run(c, "SET default_transaction_isolation TO DEFAULT");
        seen.add(isolation(c));
        seen.add(text(c, "SHOW transaction_isolation"));

        // Read-only through SQL: isReadOnly() stays JDBC's flag, the session refuses writes.
        run(c, "SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY");
        seen.add("readOnly=" + c.isReadOnly());
        seen.add(write(c));
        other.check();
        seen.add(write(c));
        run(c, "SET default_transaction_read_only = off");
        seen.add(write(c));
        c.setReadOnly(true);
        run(c, "SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE");
        seen.add("readOnly=" + c.isReadOnly());
        c.setAutoCommit(false);
        // pgjdbc begins the transaction READ ONLY for JDBC's flag.
        seen.add(write(c));
        c.rollback();
        c.setAutoCommit(true);
        c.setReadOnly(false);
        other.check();
        return seen;
    }

    private static List<String> mariadbScenario(Connection c, SharedPoolScenario.OtherSession other) throws SQLException {
        List<String> seen = new ArrayList<>();
        seen.add(isolation(c));
        run(c, "SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED");
        seen.add(isolation(c));
        seen.add(text(c, "SELECT @@tx_isolation"));
        other.check();
        seen.add(text(c, "SELECT @@tx_isolation"));

        run(c, "SET SESSION TRANSACTION READ ONLY");
        seen.add("readOnly=" + c.isReadOnly());
        seen.add(write(c));
        other.check();
        seen.add(write(c));
        run(c, "SET SESSION TRANSACTION READ WRITE");
        seen.add(write(c));

        run(c, "SET tx_isolation = 'SERIALIZABLE'");
        seen.add(isolation(c));
        other.check();
        seen.add(text(c, "SELECT @@tx_isolation"));
        run(c, "SET SESSION tx_read_only = 1");
        seen.add("readOnly=" + c.isReadOnly());
        seen.add(write(c));
        other.check();
        seen.add(write(c));
        run(c, "SET @@session.tx_read_only = 0");
        seen.add(write(c));
        // (MariaDB 10.11 has no transaction_isolation or transaction_read_only, MySQL's and MariaDB 11's names.)

        // JDBC, then SQL: the later one holds, on every connection the session gets.
        c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        seen.add(isolation(c));
        run(c, "SET SESSION TRANSACTION ISOLATION LEVEL SERIALIZABLE");
        seen.add(isolation(c));
        seen.add(text(c, "SELECT @@tx_isolation"));
        other.check();
        seen.add(text(c, "SELECT @@tx_isolation"));
        c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
        seen.add(isolation(c));
        seen.add(text(c, "SELECT @@tx_isolation"));
        other.check();

        // Inside a transaction the session's level changes at once (for the next transactions).
        c.setAutoCommit(false);
        run(c, "SET SESSION TRANSACTION ISOLATION LEVEL READ UNCOMMITTED");
        seen.add(isolation(c));
        c.commit();
        seen.add(isolation(c));
        c.setAutoCommit(true);
        run(c, "SET tx_isolation = DEFAULT");
        seen.add(isolation(c));
        seen.add(text(c, "SELECT @@tx_isolation"));
        other.check();
        return seen;
    }

    private static String isolation(Connection connection) throws SQLException {
        return "isolation=" + connection.getTransactionIsolation();
    }

    /** Whether the session accepts a write: "write=ok", or "write=" and the SQLState it failed with. */
    private static String write(Connection connection) throws SQLException {
        try {
            run(connection, "INSERT INTO jtx_writes VALUES (1)");
            return "write=ok";
        } catch (SQLException e) {
            return "write=" + e.getSQLState();
        }
    }

    /** What a session finds on the pool's connection: its isolation and read-only defaults. */
    private static String postgresState(Connection connection) throws SQLException {
        return text(connection, "SELECT current_setting('transaction_isolation') || ', '"
                + " || current_setting('default_transaction_isolation') || ', '"
                + " || current_setting('default_transaction_read_only')");
    }

    private static String mariadbState(Connection connection) throws SQLException {
        return text(connection, "SELECT CONCAT(@@tx_isolation, ', ', @@tx_read_only)");
    }
}
