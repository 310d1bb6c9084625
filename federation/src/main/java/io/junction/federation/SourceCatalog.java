package io.junction.federation;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The schemas and tables of one source, read from its metadata and kept for a TTL, and how a name
 * written in a query resolves against them: unquoted names match case-insensitively (an exact
 * match wins), quoted names only exactly.
 */
final class SourceCatalog {
    private static final Set<String> SYSTEM_SCHEMAS = Set.of("information_schema", "pg_catalog", "pg_toast",
            "mysql", "performance_schema", "sys");

    private final FederatedSource source;
    private final Duration ttl;
    private final Clock clock;
    private volatile Snapshot snapshot;

    /** The names read at one moment; a new snapshot is a new catalog version. */
    record Snapshot(Map<String, Set<String>> tablesBySchema, Instant readAt, long version) {
    }

    SourceCatalog(FederatedSource source, Duration ttl, Clock clock) {
        this.source = source;
        this.ttl = ttl;
        this.clock = clock;
    }

    FederatedSource source() {
        return source;
    }

    /** The current names, re-read from the source once the TTL has passed. */
    Snapshot snapshot() throws SQLException {
        Snapshot current = snapshot;
        if (current == null || current.readAt().plus(ttl).isBefore(clock.instant())) {
            synchronized (this) {
                current = snapshot;
                if (current == null || current.readAt().plus(ttl).isBefore(clock.instant())) {
                    Map<String, Set<String>> names = read();
                    long version = current == null ? 1
                            : current.tablesBySchema().equals(names) ? current.version() : current.version() + 1;
                    current = new Snapshot(names, clock.instant(), version);
                    snapshot = current;
                }
            }
        }
        return current;
    }

    Optional<String> resolveSchema(String name, boolean quoted) throws SQLException {
        return resolve(snapshot().tablesBySchema().keySet(), name, quoted);
    }

    Optional<String> resolveTable(String schema, String name, boolean quoted) throws SQLException {
        Set<String> tables = snapshot().tablesBySchema().get(schema);
        return tables == null ? Optional.empty() : resolve(tables, name, quoted);
    }

    /**
     * Resolves a written name against the names that exist. An unquoted name matching several
     * names that differ only in case resolves to none: the user must quote it.
     */
    static Optional<String> resolve(Set<String> names, String written, boolean quoted) {
        if (names.contains(written)) {
            return Optional.of(written);
        }
        if (quoted) {
            return Optional.empty();
        }
        String match = null;
        for (String name : names) {
            if (name.equalsIgnoreCase(written)) {
                if (match != null) {
                    return Optional.empty();
                }
                match = name;
            }
        }
        return Optional.ofNullable(match);
    }

    private Map<String, Set<String>> read() throws SQLException {
        Map<String, Set<String>> tables = new TreeMap<>();
        try (Connection connection = source.dataSource().getConnection()) {
            DatabaseMetaData md = connection.getMetaData();
            if (source.kind().databasesAreSchemas()) {
                for (String database : catalogs(md)) {
                    if (!isSystem(database)) {
                        readTables(md, database, null, tables);
                    }
                }
            } else {
                readTables(md, null, null, tables);
            }
        }
        return tables;
    }

    private void readTables(DatabaseMetaData md, String catalog, String schema, Map<String, Set<String>> into)
            throws SQLException {
        try (ResultSet rs = md.getTables(catalog, schema, "%", new String[] {"TABLE", "VIEW", "BASE TABLE"})) {
            while (rs.next()) {
                String schemaName = source.kind().databasesAreSchemas() ? rs.getString("TABLE_CAT")
                        : rs.getString("TABLE_SCHEM");
                if (schemaName != null && !isSystem(schemaName)) {
                    into.computeIfAbsent(schemaName, s -> new TreeSet<>()).add(rs.getString("TABLE_NAME"));
                }
            }
        }
    }

    private static List<String> catalogs(DatabaseMetaData md) throws SQLException {
        List<String> names = new ArrayList<>();
        try (ResultSet rs = md.getCatalogs()) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    private static boolean isSystem(String schema) {
        return SYSTEM_SCHEMAS.contains(schema.toLowerCase(Locale.ROOT));
    }
}
