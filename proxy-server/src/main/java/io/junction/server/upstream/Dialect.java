package io.junction.server.upstream;

import java.util.Locale;
import java.util.Map;

/**
 * The upstream database family, told by its JDBC URL. It decides the few places where Junction
 * must speak to an upstream differently: how a large result streams, and which driver defaults a
 * pool gets.
 */
public enum Dialect {
    POSTGRESQL(Map.of(
            // Our own label in pg_stat_activity, so operators can tell gateway connections apart.
            "ApplicationName", "junction")),
    MARIADB(Map.of(
            // Connection.reset() sends COM_RESET_CONNECTION only with this (ConnectionReset).
            "useResetConnection", "true",
            // Server-side prepared statements, cached per connection, so that a statement a session
            // re-executes on whichever connection it leases is parsed once per connection.
            "useServerPrepStmts", "true",
            "cachePrepStmts", "true")),
    // Served by the MariaDB driver (driverUrl). Connections left dirty are evicted, never reset (ConnectionReset).
    MYSQL(Map.of(
            "useServerPrepStmts", "true",
            "cachePrepStmts", "true")),
    H2(Map.of()),
    OTHER(Map.of());

    private final Map<String, String> poolDefaults;

    Dialect(Map<String, String> poolDefaults) {
        this.poolDefaults = poolDefaults;
    }

    public static Dialect fromUrl(String jdbcUrl) {
        String url = jdbcUrl.toLowerCase(Locale.ROOT);
        if (url.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        if (url.startsWith("jdbc:mariadb:")) {
            return MARIADB;
        }
        if (url.startsWith("jdbc:mysql:")) {
            return MYSQL;
        }
        if (url.startsWith("jdbc:h2:")) {
            return H2;
        }
        return OTHER;
    }

    /**
     * The URL handed to the JDBC driver. MySQL sources are served by the MariaDB driver (the only MySQL-protocol
     * driver Junction ships), which accepts a {@code jdbc:mysql:} URL only when the URL itself names
     * {@code permitMysqlScheme}: it is added when missing.
     */
    public String driverUrl(String jdbcUrl) {
        if (this != MYSQL || jdbcUrl.contains("permitMysqlScheme")) {
            return jdbcUrl;
        }
        int fragment = jdbcUrl.indexOf('#');
        String base = fragment < 0 ? jdbcUrl : jdbcUrl.substring(0, fragment);
        String rest = fragment < 0 ? "" : jdbcUrl.substring(fragment);
        char separator = base.indexOf('?') < 0 ? '?' : base.endsWith("?") || base.endsWith("&") ? 0 : '&';
        return base + (separator == 0 ? "" : String.valueOf(separator)) + "permitMysqlScheme" + rest;
    }

    /** Upstream driver properties every pool of this dialect gets unless the config overrides them. */
    public Map<String, String> poolDefaults() {
        return poolDefaults;
    }

    /**
     * Whether a result set streams only inside a transaction. pgjdbc ignores the fetch size in
     * autocommit mode and buffers the whole result, so an autocommit query on PostgreSQL runs in
     * a short transaction that commits when its cursor is done.
     */
    public boolean streamsOnlyInTransaction() {
        return this == POSTGRESQL;
    }
}
