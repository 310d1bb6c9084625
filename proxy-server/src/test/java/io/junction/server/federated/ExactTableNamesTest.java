package io.junction.server.federated;

import io.junction.server.testing.TestGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static io.junction.server.federated.FederatedSources.rows;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tables whose names hold {@code _} or {@code %} are found by their exact names in a query across
 * sources: Calcite's JDBC adapter passes names to getTables/getColumns as LIKE patterns, so
 * {@code order_line} matched {@code order1line} (which sorts first) and schema {@code jfe_n_s}
 * matched {@code jfe_nxs}.
 */
class ExactTableNamesTest {
    private static TestGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        FederatedSources.postgres().execute(
                "DROP SCHEMA IF EXISTS jfe_n_s CASCADE", "DROP SCHEMA IF EXISTS jfe_nxs CASCADE",
                "CREATE SCHEMA jfe_n_s", "CREATE SCHEMA jfe_nxs",
                "CREATE TABLE jfe_n_s.order_line (id int PRIMARY KEY, line text)",
                "CREATE TABLE jfe_n_s.order1line (id int PRIMARY KEY, other text, extra int)",
                "CREATE TABLE jfe_nxs.order_line (id int PRIMARY KEY, wrong_schema text)",
                "INSERT INTO jfe_n_s.order_line VALUES (1, 'right pg 1'), (2, 'right pg 2')",
                "INSERT INTO jfe_n_s.order1line VALUES (1, 'look-alike', 0)",
                "INSERT INTO jfe_nxs.order_line VALUES (1, 'wrong schema')");
        FederatedSources.mariadb().execute(
                "DROP DATABASE IF EXISTS jfe_names", "CREATE DATABASE jfe_names",
                "CREATE TABLE jfe_names.`pct%rate` (id int PRIMARY KEY, rate int)",
                "CREATE TABLE jfe_names.`pct1rate` (id int PRIMARY KEY, wrong int, extra int)",
                "INSERT INTO jfe_names.`pct%rate` VALUES (1, 10), (2, 20)",
                "INSERT INTO jfe_names.`pct1rate` VALUES (1, -1, -1)");
        gateway = FederatedSources.start();
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void crossSourceJoin_readsTheTablesNamedExactly_notLookAlikes() throws Exception {
        try (Connection connection = gateway.connect(""); Statement statement = connection.createStatement()) {
            ResultSet rs = statement.executeQuery("SELECT o.id, o.line, r.rate FROM pg.jfe_n_s.order_line o "
                    + "JOIN maria.jfe_names.\"pct%rate\" r ON r.id = o.id ORDER BY o.id");

            assertThat(rows(rs)).containsExactly(List.of(1, "right pg 1", 10), List.of(2, "right pg 2", 20));
        }
    }

    @Test
    void selectStar_hasExactlyTheTablesOwnColumns() throws Exception {
        try (Connection connection = gateway.connect(""); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT * FROM pg.jfe_n_s.order_line o "
                     + "JOIN maria.jfe_names.\"pct%rate\" r ON r.id = o.id WHERE o.id = 1")) {
            ResultSetMetaData md = rs.getMetaData();
            List<String> labels = new ArrayList<>();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                labels.add(md.getColumnLabel(i));
            }

            assertThat(labels).containsExactly("id", "line", "id0", "rate");
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString("line")).isEqualTo("right pg 1");
        }
    }
}
