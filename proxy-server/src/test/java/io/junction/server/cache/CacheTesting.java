package io.junction.server.cache;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Helpers shared by the result-cache suites. */
final class CacheTesting {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private CacheTesting() {
    }

    /** The single value of a one-row, one-column query. */
    static String value(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            if (!rs.next()) {
                throw new AssertionError("no row from " + sql);
            }
            return rs.getString(1);
        }
    }

    /** EXPLAIN CACHE through JDBC, as fact to value. */
    static Map<String, String> explain(Connection connection, String sql) throws SQLException {
        Map<String, String> facts = new LinkedHashMap<>();
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("EXPLAIN CACHE " + sql)) {
            while (rs.next()) {
                facts.put(rs.getString(1), rs.getString(2));
            }
        }
        return facts;
    }

    /** EXPLAIN CACHE prepared and executed with one parameter value, as fact to value. */
    static Map<String, String> explainPrepared(Connection connection, String sql, int parameter) throws SQLException {
        Map<String, String> facts = new LinkedHashMap<>();
        try (PreparedStatement statement = connection.prepareStatement("EXPLAIN CACHE " + sql)) {
            statement.setInt(1, parameter);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    facts.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return facts;
    }

    static HttpResponse<String> admin(int port, String method, String pathAndQuery) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
                .method(method, HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(30)).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** Waits for a condition another thread makes true; fails after 30 s. */
    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(10);
        }
    }
}
