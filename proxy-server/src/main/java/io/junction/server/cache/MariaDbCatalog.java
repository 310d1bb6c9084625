package io.junction.server.cache;

import io.junction.cache.BypassReason;
import io.junction.cache.SqlAnalyser;
import io.junction.cache.SqlAnalysis;
import io.junction.cache.TableName;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * MariaDB/MySQL's catalog: a name is a table of the named database or of the connection's current
 * one; views are expanded by analysing their definitions (information_schema has no dependency
 * table on MariaDB).
 */
final class MariaDbCatalog implements SourceCatalog {
    private static final String RESOLVE = "SELECT TABLE_SCHEMA, TABLE_NAME, TABLE_TYPE FROM information_schema.TABLES"
            + " WHERE TABLE_SCHEMA = COALESCE(?, DATABASE()) AND TABLE_NAME = ?";
    private static final String VIEW = "SELECT VIEW_DEFINITION FROM information_schema.VIEWS"
            + " WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?";
    private static final String TRIGGERS = "SELECT COUNT(*) FROM information_schema.TRIGGERS"
            + " WHERE EVENT_OBJECT_SCHEMA = ? AND EVENT_OBJECT_TABLE = ?";
    private static final String CASCADING_CHILDREN = "SELECT CONSTRAINT_SCHEMA, TABLE_NAME"
            + " FROM information_schema.REFERENTIAL_CONSTRAINTS"
            + " WHERE UNIQUE_CONSTRAINT_SCHEMA = ? AND REFERENCED_TABLE_NAME = ?"
            + " AND (DELETE_RULE IN ('CASCADE', 'SET NULL', 'SET DEFAULT')"
            + " OR UPDATE_RULE IN ('CASCADE', 'SET NULL', 'SET DEFAULT'))";
    /** Nested views deeper than this are not followed (and not cached). */
    private static final int MAX_VIEW_DEPTH = 16;

    private final SqlAnalyser analyser;

    MariaDbCatalog(SqlAnalyser analyser) {
        this.analyser = analyser;
    }

    @Override
    public ReadResolution resolveReads(Connection connection, Set<TableName> names) throws SQLException {
        Set<String> tables = new LinkedHashSet<>();
        Deque<TableName> pending = new ArrayDeque<>(names);
        int views = 0;
        while (!pending.isEmpty()) {
            TableName name = pending.pop();
            Table table = resolve(connection, name);
            if (table == null) {
                return ReadResolution.missing(name + " is not a table of the source");
            }
            if (!table.isView()) {
                if (!table.type.equals("BASE TABLE") && !table.type.equals("SYSTEM VERSIONED")) {
                    return ReadResolution.refused(BypassReason.UNRESOLVED_TABLE, name + " is a " + table.type);
                }
                tables.add(table.canonical());
                continue;
            }
            if (++views > MAX_VIEW_DEPTH) {
                return ReadResolution.refused(BypassReason.NOT_UNDERSTOOD, "views nested too deeply under " + name);
            }
            SqlAnalysis definition = analyser.analyse(viewDefinition(connection, table));
            if (!definition.cacheable()) {
                return ReadResolution.refused(definition.bypass().orElse(BypassReason.NOT_UNDERSTOOD),
                        "view " + table.canonical() + ": " + definition.detail());
            }
            pending.addAll(definition.reads());
        }
        return ReadResolution.of(tables);
    }

    @Override
    public Invalidation resolveWrites(Connection connection, Set<TableName> names) throws SQLException {
        Set<String> tables = new LinkedHashSet<>();
        Deque<Table> pending = new ArrayDeque<>();
        for (TableName name : names) {
            Table table = resolve(connection, name);
            if (table == null) {
                return Invalidation.source(name + " is not a table the catalog knows (or is temporary)").forThisWriteOnly();
            }
            pending.add(table);
        }
        while (!pending.isEmpty()) {
            Table table = pending.pop();
            if (!tables.add(table.canonical())) {
                continue;
            }
            if (table.isView()) {
                return Invalidation.source("a write to view " + table.canonical());
            }
            if (hasTriggers(connection, table)) {
                return Invalidation.source(table.canonical() + " has triggers");
            }
            try (PreparedStatement s = connection.prepareStatement(CASCADING_CHILDREN)) {
                s.setString(1, table.schema);
                s.setString(2, table.name);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        pending.add(new Table(rs.getString(1), rs.getString(2), "BASE TABLE"));
                    }
                }
            }
        }
        return Invalidation.tables(tables);
    }

    private record Table(String schema, String name, String type) {
        String canonical() {
            return schema + "." + name;
        }

        boolean isView() {
            return type.equals("VIEW");
        }
    }

    private static Table resolve(Connection connection, TableName name) throws SQLException {
        if (name.parts().size() > 2) {
            return null;
        }
        try (PreparedStatement s = connection.prepareStatement(RESOLVE)) {
            TableName.Identifier qualifier = name.qualifier();
            s.setString(1, qualifier == null ? null : qualifier.value());
            s.setString(2, name.table().value());
            try (ResultSet rs = s.executeQuery()) {
                // information_schema compares without case; the table name is exact on Linux.
                while (rs.next()) {
                    if (rs.getString(2).equals(name.table().value())) {
                        return new Table(rs.getString(1), rs.getString(2), rs.getString(3));
                    }
                }
                return null;
            }
        }
    }

    private static String viewDefinition(Connection connection, Table view) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(VIEW)) {
            s.setString(1, view.schema);
            s.setString(2, view.name);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : "";
            }
        }
    }

    private static boolean hasTriggers(Connection connection, Table table) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(TRIGGERS)) {
            s.setString(1, table.schema);
            s.setString(2, table.name);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() && rs.getLong(1) > 0;
            }
        }
    }
}
