package io.junction.server.federated;

import io.junction.server.testing.TestGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.Types;
import java.time.LocalDate;
import java.util.List;

import static io.junction.server.federated.FederatedSources.rows;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A prepared query across sources is planned once and run again and again with new values; its
 * parameters are described with the types Calcite inferred; parameters that stay in Junction
 * (a condition over both sources, the select list, the limit) work like those pushed to a source.
 */
class FederatedPreparedStatementTest {
    private static final String JOIN = "SELECT o.id, c.name FROM pg.jfe_prep.orders o "
            + "JOIN maria.jfe_prep.customers c ON c.id = o.customer_id ";

    private static TestGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        FederatedSources.postgres().execute("DROP SCHEMA IF EXISTS jfe_prep CASCADE", "CREATE SCHEMA jfe_prep",
                "CREATE TABLE jfe_prep.orders (id int PRIMARY KEY, customer_id int, placed date)",
                "INSERT INTO jfe_prep.orders VALUES (1, 10, '2024-01-10'), (2, 20, '2024-02-10'), "
                        + "(3, 20, '2024-03-10'), (4, 30, '2024-04-10')");
        FederatedSources.mariadb().execute("DROP DATABASE IF EXISTS jfe_prep", "CREATE DATABASE jfe_prep",
                "CREATE TABLE jfe_prep.customers (id int PRIMARY KEY, name varchar(40), since date)",
                "INSERT INTO jfe_prep.customers VALUES (10, 'Ada', '2024-01-01'), (20, 'Brendan', '2023-01-01'), "
                        + "(30, 'Cleo', '2024-04-01')");
        gateway = FederatedSources.start();
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void reusedWithNewValues_eachExecutionSeesItsOwn() throws Exception {
        try (Connection connection = gateway.connect("");
             PreparedStatement statement = connection.prepareStatement(JOIN + "WHERE c.name = ? ORDER BY o.id")) {
            statement.setString(1, "Brendan");
            assertThat(rows(statement.executeQuery())).containsExactly(List.of(2, "Brendan"), List.of(3, "Brendan"));

            statement.setString(1, "Cleo");
            assertThat(rows(statement.executeQuery())).containsExactly(List.of(4, "Cleo"));

            statement.clearParameters();
            statement.setString(1, "nobody");
            assertThat(rows(statement.executeQuery())).isEmpty();

            statement.setString(1, "Ada");
            assertThat(rows(statement.executeQuery())).containsExactly(List.of(1, "Ada"));
        }
    }

    @Test
    void parameterMetaData_hasTheTypesWhereTheParametersStand() throws Exception {
        try (Connection connection = gateway.connect("");
             PreparedStatement statement = connection.prepareStatement(
                     JOIN + "WHERE o.id > ? AND c.name = ? AND o.placed < ?")) {
            ParameterMetaData parameters = statement.getParameterMetaData();

            assertThat(parameters.getParameterCount()).isEqualTo(3);
            assertThat(parameters.getParameterType(1)).isEqualTo(Types.INTEGER);
            assertThat(parameters.getParameterType(2)).isEqualTo(Types.VARCHAR);
            assertThat(parameters.getParameterType(3)).isEqualTo(Types.DATE);
        }
    }

    @Test
    void conditionOverBothSources_isEvaluatedInJunctionWithTheBoundValues() throws Exception {
        try (Connection connection = gateway.connect("");
             PreparedStatement statement = connection.prepareStatement(
                     JOIN + "WHERE o.placed >= ? OR c.since >= ? ORDER BY o.id")) {
            statement.setObject(1, LocalDate.of(2024, 3, 1));
            statement.setObject(2, LocalDate.of(2024, 1, 1));
            assertThat(rows(statement.executeQuery()))
                    .containsExactly(List.of(1, "Ada"), List.of(3, "Brendan"), List.of(4, "Cleo"));

            statement.setObject(1, LocalDate.of(2030, 1, 1));
            statement.setObject(2, LocalDate.of(2024, 4, 1));
            assertThat(rows(statement.executeQuery())).containsExactly(List.of(4, "Cleo"));
        }
    }

    @Test
    void parametersInTheSelectListAndLimit() throws Exception {
        try (Connection connection = gateway.connect("");
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT o.id, CAST(? AS VARCHAR(10)) AS tag, c.name FROM pg.jfe_prep.orders o "
                             + "JOIN maria.jfe_prep.customers c ON c.id = o.customer_id ORDER BY o.id LIMIT ?")) {
            statement.setString(1, "first");
            statement.setInt(2, 2);
            assertThat(rows(statement.executeQuery()))
                    .containsExactly(List.of(1, "first", "Ada"), List.of(2, "first", "Brendan"));

            statement.setString(1, "again");
            statement.setInt(2, 1);
            assertThat(rows(statement.executeQuery())).containsExactly(List.of(1, "again", "Ada"));
        }
    }
}
