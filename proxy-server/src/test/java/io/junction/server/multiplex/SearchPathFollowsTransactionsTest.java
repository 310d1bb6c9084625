package io.junction.server.multiplex;

import io.junction.server.testing.TestGateway;
import io.junction.server.testing.Upstream;
import io.junction.server.testing.Upstreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.junction.server.multiplex.Sql.run;
import static io.junction.server.multiplex.Sql.text;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * PostgreSQL undoes a SET made in a transaction that rolls back (or back to a savepoint set before it), ends a
 * SET LOCAL with the transaction, and rolls back a failed transaction that is committed: the session's search
 * path through Junction, and {@code getSchema()}, follow exactly as on a direct pgjdbc connection. Run on a pool
 * of one connection that a second session uses between transactions, which never sees the first one's path.
 */
class SearchPathFollowsTransactionsTest {
    private static Upstream pg;
    private static TestGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        pg = Upstreams.postgres();
        pg.execute("CREATE SCHEMA IF NOT EXISTS jtx_s1", "CREATE SCHEMA IF NOT EXISTS jtx_s2");
        gateway = SharedPoolScenario.gatewayOnPoolsOfOne(Map.of("pg", pg));
    }

    @AfterAll
    static void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
        pg.execute("DROP SCHEMA IF EXISTS jtx_s1", "DROP SCHEMA IF EXISTS jtx_s2");
    }

    @Test
    void searchPathFollowsCommitsRollbacksSavepointsAndSetLocal() throws Exception {
        assertThat(SharedPoolScenario.sameAsDirect(pg, gateway, "pg", SearchPathFollowsTransactionsTest::scenario,
                SearchPathFollowsTransactionsTest::searchPath)).contains("schema=jtx_s1", "schema=jtx_s2", "schema=public");
    }

    private static List<String> scenario(Connection c, SharedPoolScenario.OtherSession other) throws SQLException {
        List<String> seen = new ArrayList<>();
        c.setSchema("jtx_s1");
        seen.add(schema(c));
        other.check();

        // The brief's case: a SET in a transaction that rolls back is undone.
        c.setAutoCommit(false);
        run(c, "SET search_path TO jtx_s2");
        seen.add(schema(c));
        c.rollback();
        seen.add(schema(c));
        seen.add(searchPath(c));
        c.commit();
        other.check();
        seen.add(searchPath(c));
        c.commit();

        // SET LOCAL lasts the transaction.
        run(c, "SET LOCAL search_path TO jtx_s2");
        seen.add(schema(c));
        c.commit();
        seen.add(schema(c));
        c.commit();

        // SET, then SET LOCAL of the same parameter: the SET's value comes back at the commit.
        run(c, "SET search_path TO jtx_s2");
        run(c, "SET LOCAL search_path TO public");
        seen.add(schema(c));
        c.commit();
        seen.add(schema(c));
        c.commit();
        other.check();

        // A rollback to a savepoint undoes the SETs made after it, through SQL and through JDBC.
        run(c, "SAVEPOINT a");
        run(c, "SET search_path TO jtx_s1");
        seen.add(schema(c));
        run(c, "ROLLBACK TO SAVEPOINT a");
        seen.add(schema(c));
        run(c, "SET search_path TO public");
        run(c, "RELEASE SAVEPOINT a");
        Savepoint b = c.setSavepoint();
        run(c, "SET search_path TO jtx_s1");
        seen.add(schema(c));
        c.rollback(b);
        seen.add(schema(c));
        c.commit();
        seen.add(schema(c));
        c.commit();
        other.check();

        // COMMIT of a failed transaction rolls it back, SETs included.
        run(c, "SET search_path TO jtx_s2");
        seen.add(failure(c, "SELECT * FROM jtx_missing_table"));
        c.commit();
        seen.add(schema(c));
        c.commit();

        // pgjdbc's setSchema inside a transaction is a SET, undone by the rollback too.
        run(c, "SELECT 1");
        c.setSchema("jtx_s2");
        seen.add(schema(c));
        c.rollback();
        seen.add(schema(c));
        c.commit();
        c.setAutoCommit(true);
        other.check();

        // A transaction opened by SQL on an autocommit connection.
        run(c, "BEGIN");
        run(c, "SET search_path TO jtx_s2");
        seen.add(schema(c));
        run(c, "ROLLBACK");
        seen.add(schema(c));
        run(c, "BEGIN");
        run(c, "SET search_path TO jtx_s1, public");
        run(c, "COMMIT");
        seen.add(schema(c));
        other.check();
        seen.add(searchPath(c));
        return seen;
    }

    private static String schema(Connection connection) throws SQLException {
        return "schema=" + connection.getSchema();
    }

    private static String searchPath(Connection connection) throws SQLException {
        return "search_path=" + text(connection, "SELECT current_setting('search_path') || ' / ' || current_schema()");
    }

    private static String failure(Connection connection, String sql) {
        try {
            run(connection, sql);
            return "ok";
        } catch (SQLException e) {
            return "failed=" + e.getSQLState();
        }
    }
}
