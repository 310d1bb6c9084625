package io.junction.server.multiplex;

import io.junction.server.testing.TestGateway;
import io.junction.server.testing.Upstream;
import io.junction.server.testing.Upstreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.util.Map;

import static io.junction.server.multiplex.Sql.run;
import static io.junction.server.multiplex.Sql.text;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a session sets through JDBC (schema, catalog, isolation) or SQL that JDBC shows (MariaDB {@code USE}) is
 * applied on each connection it leases and never reaches the next session to use that connection: a pool of one
 * connection shared by two sessions, their statements interleaved.
 */
class JdbcStateNeverLeaksTest {
    private static Upstream pg;
    private static Upstream mariadb;
    private static TestGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        pg = Upstreams.postgres();
        mariadb = Upstreams.mariadb();
        pg.execute("CREATE SCHEMA IF NOT EXISTS jtx_leak");
        mariadb.execute("CREATE DATABASE IF NOT EXISTS jtx_leak");
        gateway = SharedPoolScenario.gatewayOnPoolsOfOne(Map.of("pg", pg, "maria", mariadb));
    }

    @AfterAll
    static void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
        pg.execute("DROP SCHEMA IF EXISTS jtx_leak");
        mariadb.execute("DROP DATABASE IF EXISTS jtx_leak");
    }

    @Test
    void postgresSchemaAndIsolationSetThroughJdbc_stayWithTheirSession() throws Exception {
        String state = "SELECT current_schema() || ', ' || current_setting('default_transaction_isolation')";
        try (Connection a = gateway.connect("pg"); Connection b = gateway.connect("pg")) {
            String clean = text(b, state);
            a.setSchema("jtx_leak");
            a.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
            assertThat(text(a, state)).isEqualTo("jtx_leak, serializable");
            assertThat(text(b, state)).isEqualTo(clean);
            assertThat(text(a, state)).isEqualTo("jtx_leak, serializable");
            assertThat(text(b, state)).isEqualTo(clean);
        }
    }

    @Test
    void mariadbDatabaseAndIsolation_stayWithTheirSession() throws Exception {
        String state = "SELECT CONCAT(DATABASE(), ', ', @@tx_isolation)";
        try (Connection a = gateway.connect("maria"); Connection b = gateway.connect("maria")) {
            String clean = text(b, state);
            a.setCatalog("jtx_leak");
            a.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
            assertThat(text(a, state)).isEqualTo("jtx_leak, SERIALIZABLE");
            assertThat(text(b, state)).isEqualTo(clean);
            assertThat(text(a, state)).isEqualTo("jtx_leak, SERIALIZABLE");
            run(a, "USE test");
            a.setCatalog("jtx_leak");
            run(a, "SELECT 1");
            assertThat(text(b, state)).isEqualTo(clean);
            run(a, "USE jtx_leak");
            assertThat(text(b, state)).isEqualTo(clean);
            assertThat(text(a, state)).isEqualTo("jtx_leak, SERIALIZABLE");
        }
    }
}
