package io.junction.server.cache;

import io.junction.cache.TableName;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;

/**
 * Asks an upstream's catalog what table names mean, on a connection that carries the session's
 * search_path or database, so {@code orders}, {@code public.orders} and {@code "Orders"} mean what
 * the source means.
 */
interface SourceCatalog {
    /** Base tables behind the names a query reads; views are expanded and checked for determinism. */
    ReadResolution resolveReads(Connection connection, Set<TableName> names) throws SQLException;

    /**
     * Tables a write to the given names changes: the targets, tables that FOREIGN KEY ... ON
     * DELETE/UPDATE CASCADE or SET NULL/DEFAULT reach, and partitions/parents. The whole source when
     * a target is a view or has triggers or rules, or cannot be found.
     */
    Invalidation resolveWrites(Connection connection, Set<TableName> names) throws SQLException;
}
