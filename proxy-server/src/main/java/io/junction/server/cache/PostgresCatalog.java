package io.junction.server.cache;

import io.junction.cache.BypassReason;
import io.junction.cache.SqlAnalyser;
import io.junction.cache.SqlAnalysis;
import io.junction.cache.SqlFlavor;
import io.junction.cache.TableName;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashSet;
import java.util.Set;

/** PostgreSQL's catalog: names resolved with to_regclass under the connection's search_path. */
final class PostgresCatalog implements SourceCatalog {
    private static final String RESOLVE = """
            SELECT c.oid, c.relkind, c.relpersistence, n.nspname, c.relname
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = to_regclass(?)""";
    /** A view and every relation its rules depend on, recursively, with the views' definitions. */
    private static final String VIEW_DEPENDENCIES = """
            WITH RECURSIVE deps(oid) AS (
              SELECT ?::oid
              UNION
              SELECT d.refobjid FROM deps
                JOIN pg_rewrite r ON r.ev_class = deps.oid
                JOIN pg_depend d ON d.objid = r.oid AND d.classid = 'pg_rewrite'::regclass
                                 AND d.refclassid = 'pg_class'::regclass
              WHERE d.refobjid <> deps.oid)
            SELECT n.nspname, c.relname, c.relkind, c.relpersistence,
                   CASE WHEN c.relkind = 'v' THEN pg_get_viewdef(c.oid) END
            FROM deps JOIN pg_class c ON c.oid = deps.oid JOIN pg_namespace n ON n.oid = c.relnamespace""";
    /** A written table and what a write to it reaches: cascading foreign keys, parents and partitions. */
    private static final String WRITE_CLOSURE = """
            WITH RECURSIVE rel(oid) AS (
              SELECT ?::oid
              UNION
              SELECT x.oid FROM rel, LATERAL (
                SELECT con.conrelid AS oid FROM pg_constraint con
                 WHERE con.confrelid = rel.oid AND con.contype = 'f'
                   AND (con.confdeltype IN ('c', 'n', 'd') OR con.confupdtype IN ('c', 'n', 'd'))
                UNION ALL SELECT i.inhrelid FROM pg_inherits i WHERE i.inhparent = rel.oid
                UNION ALL SELECT i.inhparent FROM pg_inherits i WHERE i.inhrelid = rel.oid) x)
            SELECT n.nspname, c.relname, c.relkind,
                   EXISTS (SELECT 1 FROM pg_trigger t WHERE t.tgrelid = c.oid AND NOT t.tgisinternal)
                   OR EXISTS (SELECT 1 FROM pg_rewrite w WHERE w.ev_class = c.oid AND w.rulename <> '_RETURN')
            FROM rel JOIN pg_class c ON c.oid = rel.oid JOIN pg_namespace n ON n.oid = c.relnamespace""";

    private final SqlAnalyser analyser;

    PostgresCatalog(SqlAnalyser analyser) {
        this.analyser = analyser;
    }

    @Override
    public ReadResolution resolveReads(Connection connection, Set<TableName> names) throws SQLException {
        Set<String> tables = new LinkedHashSet<>();
        for (TableName name : names) {
            Relation relation = resolve(connection, name);
            if (relation == null) {
                return ReadResolution.missing(name + " is not a table of the source");
            }
            if (relation.temporary) {
                return ReadResolution.missing(name + " is a temporary table");
            }
            if (relation.kind != 'v') {
                tables.add(relation.canonical);
                continue;
            }
            try (PreparedStatement s = connection.prepareStatement(VIEW_DEPENDENCIES)) {
                s.setLong(1, relation.oid);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        String canonical = rs.getString(1) + "." + rs.getString(2);
                        char kind = rs.getString(3).charAt(0);
                        if ("t".equals(rs.getString(4))) {
                            return ReadResolution.missing("view " + name + " reads temporary table " + canonical);
                        }
                        if (kind == 'v') {
                            SqlAnalysis definition = analyser.analyse(rs.getString(5));
                            if (!definition.cacheable()) {
                                return ReadResolution.refused(definition.bypass().orElse(BypassReason.NOT_UNDERSTOOD),
                                        "view " + canonical + ": " + definition.detail());
                            }
                        } else if (kind == 'r' || kind == 'p' || kind == 'm' || kind == 'f') {
                            tables.add(canonical);
                        }
                    }
                }
            }
        }
        return ReadResolution.of(tables);
    }

    @Override
    public Invalidation resolveWrites(Connection connection, Set<TableName> names) throws SQLException {
        Set<String> tables = new LinkedHashSet<>();
        boolean temporary = false;
        for (TableName name : names) {
            Relation relation = resolve(connection, name);
            if (relation == null) {
                return Invalidation.source(name + " is not a table the catalog knows").forThisWriteOnly();
            }
            if (relation.temporary) {
                // Only its own session sees it, and that session's reads of it are never cached;
                // but the same name written by another session is a permanent table.
                temporary = true;
                continue;
            }
            try (PreparedStatement s = connection.prepareStatement(WRITE_CLOSURE)) {
                s.setLong(1, relation.oid);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        String canonical = rs.getString(1) + "." + rs.getString(2);
                        if (rs.getString(3).charAt(0) == 'v') {
                            return Invalidation.source("a write to view " + canonical);
                        }
                        if (rs.getBoolean(4)) {
                            return Invalidation.source(canonical + " has triggers or rules");
                        }
                        tables.add(canonical);
                    }
                }
            }
        }
        return temporary ? Invalidation.tables(tables).forThisWriteOnly() : Invalidation.tables(tables);
    }

    private record Relation(long oid, char kind, boolean temporary, String canonical) {
    }

    private static Relation resolve(Connection connection, TableName name) throws SQLException {
        if (name.parts().size() > 2) {
            // database.schema.table: to_regclass would raise an error, aborting the caller's transaction.
            return null;
        }
        try (PreparedStatement s = connection.prepareStatement(RESOLVE)) {
            s.setString(1, name.toSql(SqlFlavor.POSTGRESQL));
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                long oid = rs.getLong(1);
                char kind = rs.getString(2).charAt(0);
                boolean temporary = "t".equals(rs.getString(3));
                return new Relation(oid, kind, temporary, rs.getString(4) + "." + rs.getString(5));
            }
        }
    }
}
