package io.junction.server.passthrough;

import io.junction.server.testing.TestGateway;
import io.junction.server.testing.Upstreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Avatica's own remote driver, in either serialization, works against Junction for what it supports. */
class StockAvaticaClientCompatibilityTest {
    private static TestGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        gateway = TestGateway.start(Map.of("pg", Upstreams.postgres()));
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"protobuf", "json"})
    void queriesPreparedStatementsAndErrors(String serialization) throws Exception {
        try (Connection connection = connect(serialization)) {
            try (Statement statement = connection.createStatement();
                 ResultSet rs = statement.executeQuery("SELECT g, 'x' || g, g * 1.5 FROM generate_series(1, 250) g")) {
                int rows = 0;
                while (rs.next()) {
                    rows++;
                    assertThat(rs.getInt(1)).isEqualTo(rows);
                    assertThat(rs.getString(2)).isEqualTo("x" + rows);
                    assertThat(rs.getBigDecimal(3)).isEqualByComparingTo(String.valueOf(rows * 1.5));
                }
                assertThat(rows).isEqualTo(250);
            }
            try (PreparedStatement statement = connection.prepareStatement("SELECT ?::int + 1")) {
                statement.setInt(1, 41);
                try (ResultSet rs = statement.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getInt(1)).isEqualTo(42);
                }
            }
            try (Statement statement = connection.createStatement()) {
                assertThatThrownBy(() -> statement.executeQuery("SELEC 1"))
                        .isInstanceOf(SQLException.class)
                        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42601"))
                        .hasMessageContaining("syntax error at or near \"SELEC\"");
            }
        }
    }

    /** Stock clients send untyped nulls and TIME in milliseconds; Junction binds both as before the tags existed. */
    @ParameterizedTest
    @ValueSource(strings = {"protobuf", "json"})
    void nullsAndTimesOfTheStockClient(String serialization) throws Exception {
        try (Connection connection = connect(serialization);
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT ?::int IS NULL, ?::time::text, coalesce(?::text, 'untyped')")) {
            statement.setNull(1, java.sql.Types.INTEGER);
            statement.setTime(2, java.sql.Time.valueOf("10:11:12"));
            statement.setNull(3, java.sql.Types.VARCHAR);
            try (ResultSet rs = statement.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getBoolean(1)).isTrue();
                assertThat(rs.getString(2)).isEqualTo("10:11:12");
                assertThat(rs.getString(3)).isEqualTo("untyped");
            }
        }
    }

    private static Connection connect(String serialization) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("avatica_user", TestGateway.USER);
        properties.setProperty("avatica_password", TestGateway.PASSWORD);
        properties.setProperty("authentication", "BASIC");
        properties.setProperty("junction.source", "pg");
        return DriverManager.getConnection("jdbc:avatica:remote:url=http://127.0.0.1:" + gateway.port()
                + "/;serialization=" + serialization, properties);
    }
}
