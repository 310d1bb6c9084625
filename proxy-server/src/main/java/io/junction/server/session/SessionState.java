package io.junction.server.session;

import org.apache.calcite.avatica.ConnectionPropertiesImpl;
import org.apache.calcite.avatica.Meta;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * The JDBC-API state a client set on its connection: what its own dedicated connection would
 * hold. Applied to a physical connection when a session leases one; HikariCP restores these on
 * return (it tracks exactly these properties), so nothing leaks to the next session.
 */
final class SessionState {
    private boolean autoCommit = true;
    private boolean readOnly;
    /** Null: the upstream's default isolation. */
    private Integer isolation;
    private String catalog;
    private String schema;

    boolean autoCommit() {
        return autoCommit;
    }

    /** Autocommit switched through SQL (MariaDB {@code SET autocommit}). */
    void autoCommit(boolean value) {
        autoCommit = value;
    }

    /** The database switched through SQL (MariaDB {@code USE}). */
    void catalog(String value) {
        catalog = value;
    }

    /** The schema the client set through JDBC, or null. */
    String schema() {
        return schema;
    }

    /**
     * SQL set the search path (PostgreSQL {@code SET search_path}): it supersedes a schema set through JDBC,
     * which must no longer be applied over the tracked search path on each lease.
     */
    void schemaReplacedBySql() {
        schema = null;
    }

    /** Applies the fields the client sent (Avatica sends only the ones it changed). */
    void merge(Meta.ConnectionProperties changes) {
        if (changes.isAutoCommit() != null) {
            autoCommit = changes.isAutoCommit();
        }
        if (changes.isReadOnly() != null) {
            readOnly = changes.isReadOnly();
        }
        if (changes.getTransactionIsolation() != null && changes.getTransactionIsolation() >= 0) {
            isolation = changes.getTransactionIsolation();
        }
        if (changes.getCatalog() != null) {
            catalog = changes.getCatalog();
        }
        if (changes.getSchema() != null) {
            schema = changes.getSchema();
        }
    }

    /** Sets on a freshly leased connection whatever differs from a pooled connection's defaults. */
    void applyTo(Connection connection) throws SQLException {
        if (readOnly) {
            connection.setReadOnly(true);
        }
        if (isolation != null && isolation != connection.getTransactionIsolation()) {
            connection.setTransactionIsolation(isolation);
        }
        if (catalog != null) {
            connection.setCatalog(catalog);
        }
        if (schema != null) {
            connection.setSchema(schema);
        }
    }

    /** A copy, to compare with after a change. */
    SessionState copy() {
        SessionState copy = new SessionState();
        copy.autoCommit = autoCommit;
        copy.readOnly = readOnly;
        copy.isolation = isolation;
        copy.catalog = catalog;
        copy.schema = schema;
        return copy;
    }

    /**
     * Sets on the open transaction's connection what changed since {@code before}, as the client's own
     * connection would have taken it at once (a catalog or schema switch mid-transaction, say).
     */
    void applyChangesSince(SessionState before, Connection connection) throws SQLException {
        if (readOnly != before.readOnly) {
            connection.setReadOnly(readOnly);
        }
        if (isolation != null && !isolation.equals(before.isolation)) {
            connection.setTransactionIsolation(isolation);
        }
        if (catalog != null && !catalog.equals(before.catalog)) {
            connection.setCatalog(catalog);
        }
        if (schema != null && !schema.equals(before.schema)) {
            connection.setSchema(schema);
        }
    }

    /** The full state as the client's ConnectionSync response carries it. */
    ConnectionPropertiesImpl toProperties(int upstreamDefaultIsolation) {
        return new ConnectionPropertiesImpl(autoCommit, readOnly,
                isolation == null ? upstreamDefaultIsolation : isolation, catalog, schema);
    }
}
