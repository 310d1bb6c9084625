package io.junction.server.federated;

import io.junction.server.testing.TestGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;

import static io.junction.server.federated.FederatedSources.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code ?} parameters in queries across PostgreSQL and MariaDB: bound through Calcite, typed from
 * where they stand, pushed into each source's SQL with the source's own type (a DATE reaches
 * PostgreSQL as a date, not Calcite's day number); a wrong count fails with 07001, a value that is
 * not of the parameter's type with 22023.
 */
class CrossSourceParametersTest {
    private static final String JOIN = "SELECT o.id, c.name, o.amount FROM pg.jfe_params.orders o "
            + "JOIN maria.jfe_params.customers c ON c.id = o.customer_id ";

    private static TestGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        FederatedSources.postgres().execute("DROP SCHEMA IF EXISTS jfe_params CASCADE", "CREATE SCHEMA jfe_params",
                "CREATE TABLE jfe_params.orders (id int PRIMARY KEY, customer_id int, placed date, "
                        + "placed_at timestamp(6), amount numeric(12,2), note varchar(40), paid boolean, cutoff time(6))",
                "INSERT INTO jfe_params.orders VALUES "
                        + "(1, 10, '2024-01-31', '2024-01-31 23:59:59.123456', 10.50, 'first', true, '10:15:30.123456'), "
                        + "(2, 10, '2024-02-01', '2024-02-01 00:00:00', 20.00, 'second', false, '10:15:30.123'), "
                        + "(3, 20, '2024-02-15', '2024-02-15 12:30:00.5', 30.25, 'third', true, NULL), "
                        + "(4, 30, '2024-03-01', '2024-03-01 08:00:00', 40.75, NULL, NULL, NULL)");
        FederatedSources.mariadb().execute("DROP DATABASE IF EXISTS jfe_params", "CREATE DATABASE jfe_params",
                "CREATE TABLE jfe_params.customers (id int PRIMARY KEY, name varchar(40), since date, "
                        + "vip boolean)",
                "INSERT INTO jfe_params.customers VALUES (10, 'Ada', '2020-05-01', true), "
                        + "(20, 'Brendan', '2021-06-01', false), (30, 'Cleo', '2022-07-01', true)");
        gateway = FederatedSources.start();
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void integerParameter_onEachSide_filtersTheJoin() throws Exception {
        try (Connection connection = gateway.connect("");
             PreparedStatement statement = connection.prepareStatement(
                     JOIN + "WHERE o.id >= ? AND c.id <> ? ORDER BY o.id")) {
            statement.setInt(1, 2);
            statement.setLong(2, 20);

            assertThat(rows(statement.executeQuery())).containsExactly(
                    List.of(2, "Ada", new BigDecimal("20.00")), List.of(4, "Cleo", new BigDecimal("40.75")));
        }
    }

    @Test
    void dateTimestampDecimalTextAndBooleanParameters_matchWhatInlineValuesMatch() throws Exception {
        String withParameters = JOIN + "WHERE o.placed >= ? AND o.placed_at < ? AND o.amount > ? "
                + "AND c.name <> ? AND c.since < ? AND o.paid = ? ORDER BY o.id";
        String inline = JOIN + "WHERE o.placed >= DATE '2024-01-31' AND o.placed_at < TIMESTAMP '2024-02-15 12:30:00.5'"
                + " AND o.amount > 10.25 AND c.name <> 'Brendan' AND c.since < DATE '2021-01-01' AND o.paid = TRUE"
                + " ORDER BY o.id";
        try (Connection connection = gateway.connect("");
             PreparedStatement statement = connection.prepareStatement(withParameters);
             Statement plain = connection.createStatement()) {
            statement.setObject(1, LocalDate.of(2024, 1, 31));
            statement.setObject(2, LocalDateTime.of(2024, 2, 15, 12, 30, 0, 500_000_000));
            statement.setBigDecimal(3, new BigDecimal("10.25"));
            statement.setString(4, "Brendan");
            statement.setDate(5, java.sql.Date.valueOf("2021-01-01"));
            statement.setBoolean(6, true);

            List<List<Object>> expected = rows(plain.executeQuery(inline));
            assertThat(rows(statement.executeQuery())).isEqualTo(expected)
                    .containsExactly(List.of(1, "Ada", new BigDecimal("10.50")));
        }
    }

    @Test
    void timestampParameter_keepsMicroseconds() throws Exception {
        try (Connection connection = gateway.connect("");
             PreparedStatement statement = connection.prepareStatement(JOIN + "WHERE o.placed_at = ?")) {
            statement.setObject(1, LocalDateTime.of(2024, 1, 31, 23, 59, 59, 123_456_000));

            assertThat(rows(statement.executeQuery())).containsExactly(List.of(1, "Ada", new BigDecimal("10.50")));
        }
    }

    @Test
    void timeParameter_keepsMicroseconds() throws Exception {
        try (Connection connection = gateway.connect("");
             PreparedStatement statement = connection.prepareStatement(JOIN + "WHERE o.cutoff = ?")) {
            statement.setObject(1, LocalTime.of(10, 15, 30, 123_456_000));

            assertThat(rows(statement.executeQuery())).containsExactly(List.of(1, "Ada", new BigDecimal("10.50")));
        }
    }

    @Test
    void parametersArePushedIntoEachSourcesSql() throws Exception {
        try (Connection connection = gateway.connect("");
             PreparedStatement statement = connection.prepareStatement(
                     "EXPLAIN " + JOIN + "WHERE o.placed >= ? AND c.since < ?")) {
            statement.setObject(1, LocalDate.of(2024, 2, 1));
            statement.setObject(2, LocalDate.of(2022, 1, 1));
            List<String> lines = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    lines.add(rs.getString(1));
                }
            }

            assertThat(lines).anyMatch(line -> line.startsWith("-- JDBC.pg: SELECT") && line.contains("\"placed\" >= ?"));
            assertThat(lines).anyMatch(line -> line.startsWith("-- JDBC.maria: SELECT") && line.contains("`since` < ?"));
        }
    }

    @Test
    void nullParameter_matchesNothing() throws Exception {
        try (Connection connection = gateway.connect("");
             PreparedStatement statement = connection.prepareStatement(JOIN + "WHERE o.note = ?")) {
            statement.setNull(1, java.sql.Types.VARCHAR);

            assertThat(rows(statement.executeQuery())).isEmpty();
        }
    }

    @Test
    void statementWithoutValues_failsWith07001() throws Exception {
        try (Connection connection = gateway.connect(""); Statement statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.executeQuery(JOIN + "WHERE o.id = ? AND c.id = ?"))
                    .isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("07001"))
                    .hasMessageContaining("2 parameter(s) but 0 value(s)");
        }
    }

    @Test
    void valueNotOfTheParametersType_failsWith22023() throws Exception {
        try (Connection connection = gateway.connect("");
             PreparedStatement integer = connection.prepareStatement(JOIN + "WHERE o.id = ?");
             PreparedStatement date = connection.prepareStatement(JOIN + "WHERE o.placed = ?")) {
            integer.setString(1, "twelve");
            date.setString(1, "31/01/2024");

            assertThatThrownBy(integer::executeQuery).isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("22023"))
                    .hasMessageContaining("Parameter 1 is a INTEGER").hasMessageContaining("'twelve'");
            assertThatThrownBy(date::executeQuery).isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("22023"))
                    .hasMessageContaining("Parameter 1 is a DATE");

            integer.setString(1, "3");
            assertThat(rows(integer.executeQuery())).containsExactly(List.of(3, "Brendan", new BigDecimal("30.25")));
        }
    }
}
