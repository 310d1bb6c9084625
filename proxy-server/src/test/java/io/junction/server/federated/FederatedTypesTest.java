package io.junction.server.federated;

import io.junction.server.testing.TestGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Joins across PostgreSQL and MariaDB on keys of each joinable type match exactly the rows whose
 * values are equal: integers of different widths, decimals, dates, timestamps with fractions,
 * and booleans (MariaDB's TINYINT(1)). Each join returns the ids the same comparison returns inside
 * one database. Binary keys are not joinable across sources yet (README, known limits); the table
 * keeps a binary column so that its reading stays covered by the other joins.
 */
class FederatedTypesTest {
    private static TestGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        FederatedSources.postgres().execute("DROP SCHEMA IF EXISTS jfe_join CASCADE", "CREATE SCHEMA jfe_join",
                "CREATE TABLE jfe_join.pk (id int PRIMARY KEY, k_int bigint, k_dec numeric(10,2), k_date date, "
                        + "k_ts timestamp(6), k_bool boolean, k_bin bytea)",
                "INSERT INTO jfe_join.pk VALUES (1, 5000000000, 1.50, '2024-01-01', '2024-01-01 10:00:00.125', "
                        + "true, '\\x01'), (2, 7, 2.00, '2024-02-29', '2024-02-29 23:59:59.5', false, '\\x0203'), "
                        + "(3, -1, 3.33, '1970-01-01', '1970-01-01 00:00:00', NULL, '\\x')");
        FederatedSources.mariadb().execute("DROP DATABASE IF EXISTS jfe_join", "CREATE DATABASE jfe_join",
                "CREATE TABLE jfe_join.mk (id int PRIMARY KEY, k_int bigint, k_dec decimal(10,2), k_date date, "
                        + "k_ts datetime(6), k_bool tinyint(1), k_bin varbinary(8))",
                "INSERT INTO jfe_join.mk VALUES (10, 5000000000, 1.5, '2024-01-01', '2024-01-01 10:00:00.125', "
                        + "1, x'01'), (20, 8, 2.0, '2024-02-29', '2024-02-29 23:59:59.5', 0, x'0203'), "
                        + "(30, -1, 3.30, '1970-01-02', '1970-01-01 00:00:00.001', NULL, x'')");
        gateway = FederatedSources.start();
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "k_int  | 1-10,3-30",
        "k_dec  | 1-10,2-20",
        "k_date | 1-10,2-20",
        "k_ts   | 1-10,2-20",
        "k_bool | 1-10,2-20"})
    void joinOnKeyOfEachType_matchesEqualValuesOnly(String key, String expected) throws Exception {
        try (Connection connection = gateway.connect(""); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT p.id, m.id FROM pg.jfe_join.pk p "
                     + "JOIN maria.jfe_join.mk m ON m." + key + " = p." + key + " ORDER BY p.id, m.id")) {
            List<String> pairs = new ArrayList<>();
            while (rs.next()) {
                pairs.add(rs.getInt(1) + "-" + rs.getInt(2));
            }

            assertThat(String.join(",", pairs)).isEqualTo(expected);
        }
    }
}
