package io.junction.server.multiplex;

import io.junction.server.testing.TestGateway;
import io.junction.server.testing.Upstream;
import io.junction.server.testing.Upstreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * After SQL changes what JDBC exposes as connection properties (MariaDB {@code SET autocommit} and
 * {@code USE}, PostgreSQL {@code SET search_path}), {@code getAutoCommit()}, {@code getCatalog()} and
 * {@code getSchema()} answer what the direct driver answers, and a JDBC setter that restores the old value
 * reaches the upstream. Each scenario runs on a direct connection and through Junction, and the sequences of
 * answers must be equal.
 */
class ConnectionPropertiesFollowSqlTest {
    private static Upstream pg;
    private static Upstream mariadb;
    private static TestGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        pg = Upstreams.postgres();
        mariadb = Upstreams.mariadb();
        pg.execute("CREATE SCHEMA IF NOT EXISTS jmx_s1", "CREATE SCHEMA IF NOT EXISTS jmx_s2");
        mariadb.execute("CREATE DATABASE IF NOT EXISTS jmx_other");
        gateway = TestGateway.start(Map.of("pg", pg, "maria", mariadb));
    }

    @AfterAll
    static void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
        pg.execute("DROP SCHEMA IF EXISTS jmx_s1", "DROP SCHEMA IF EXISTS jmx_s2");
        mariadb.execute("DROP DATABASE IF EXISTS jmx_other");
    }

    @Test
    void mariadbAutocommitAndDatabaseSetThroughSql() throws Exception {
        List<String> direct;
        try (Connection connection = mariadb.connect()) {
            direct = mariadbScenario(connection);
        }
        try (Connection connection = gateway.connect("maria")) {
            assertThat(mariadbScenario(connection)).isEqualTo(direct);
        }
        assertThat(direct).contains("autoCommit=false", "catalog=jmx_other");
    }

    @Test
    void postgresSearchPathSetThroughSql() throws Exception {
        List<String> direct;
        try (Connection connection = pg.connect()) {
            direct = postgresScenario(connection);
        }
        try (Connection connection = gateway.connect("pg")) {
            assertThat(postgresScenario(connection)).isEqualTo(direct);
        }
        assertThat(direct).contains("schema=jmx_s1", "schema=jmx_s2");
    }

    private static List<String> mariadbScenario(Connection connection) throws SQLException {
        List<String> seen = new ArrayList<>();
        seen.add("catalog=" + connection.getCatalog());
        execute(connection, "SET autocommit = 0");
        seen.add("autoCommit=" + connection.getAutoCommit());
        execute(connection, "USE jmx_other");
        seen.add("catalog=" + connection.getCatalog());
        seen.add("database=" + single(connection, "SELECT DATABASE()"));
        // JDBC restores what SQL changed: the upstream must be told, not only the client's copy.
        connection.setAutoCommit(true);
        seen.add("autoCommit=" + connection.getAutoCommit());
        seen.add("@@autocommit=" + single(connection, "SELECT @@autocommit"));
        connection.setCatalog("test");
        seen.add("catalog=" + connection.getCatalog());
        seen.add("database=" + single(connection, "SELECT DATABASE()"));
        execute(connection, "SET autocommit = 0");
        execute(connection, "SET autocommit = 1");
        seen.add("autoCommit=" + connection.getAutoCommit());
        return seen;
    }

    private static List<String> postgresScenario(Connection connection) throws SQLException {
        List<String> seen = new ArrayList<>();
        seen.add("schema=" + connection.getSchema());
        execute(connection, "SET search_path TO jmx_s1, public");
        seen.add("schema=" + connection.getSchema());
        seen.add("current_schema=" + single(connection, "SELECT current_schema()"));
        // A later JDBC change of another property must not send the schema back as if the client had set it.
        connection.setAutoCommit(false);
        seen.add("search_path=" + single(connection, "SHOW search_path"));
        connection.commit();
        connection.setAutoCommit(true);
        connection.setSchema("jmx_s2");
        seen.add("schema=" + connection.getSchema());
        seen.add("current_schema=" + single(connection, "SELECT current_schema()"));
        execute(connection, "SET search_path TO jmx_s1");
        seen.add("schema=" + connection.getSchema());
        seen.add("current_schema=" + single(connection, "SELECT current_schema()"));
        connection.setSchema("jmx_s2");
        seen.add("schema=" + connection.getSchema());
        seen.add("current_schema=" + single(connection, "SELECT current_schema()"));
        execute(connection, "RESET search_path");
        seen.add("schema=" + connection.getSchema());
        return seen;
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static String single(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }
}
