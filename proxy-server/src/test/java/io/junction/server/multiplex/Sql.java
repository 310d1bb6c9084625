package io.junction.server.multiplex;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Small JDBC helpers for the multiplexing tests. */
final class Sql {
    /** One client for all admin calls: each JDK client owns a selector thread. */
    private static final HttpClient ADMIN = HttpClient.newHttpClient();

    private Sql() {
    }

    static void run(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** The first column of the first row, as text (null for SQL NULL). */
    static String text(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            if (!rows.next()) {
                throw new AssertionError("no row from " + sql);
            }
            return rows.getString(1);
        }
    }

    static String adminGet(int adminPort, String path) throws Exception {
        HttpResponse<String> response = ADMIN.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + adminPort + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
        return response.body();
    }
}
