package io.junction.server.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * A real upstream database for tests: its JDBC URL and credentials. Resolved by
 * {@link Upstreams}; never a mock.
 */
public record Upstream(String kind, String url, String user, String password) {

    public Connection connect() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        return DriverManager.getConnection(url, properties);
    }

    /** Runs statements directly on the upstream (fixture set-up). */
    public void execute(String... statements) throws SQLException {
        try (Connection connection = connect(); var statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }
}
