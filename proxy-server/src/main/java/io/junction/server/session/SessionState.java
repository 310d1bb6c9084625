package io.junction.server.session;

import org.apache.calcite.avatica.ConnectionPropertiesImpl;
import org.apache.calcite.avatica.Meta;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * The JDBC-API state a client set on its connection: what its own dedicated connection would
 * hold. Applied to a physical connection when a session leases one. HikariCP restores autocommit,
 * read-only and isolation on return; it leaves catalog and schema (it restores them only when its own
 * configuration names them), so a connection carrying them is recorded as such ({@code CarriedState}) and
 * reset before another session gets it.
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

    /** The catalog the client set through JDBC (or MariaDB's {@code USE}), or null. */
    String catalog() {
        return catalog;
    }

    /** The database switched through SQL (MariaDB {@code USE}). */
    void catalog(String value) {
        catalog = value;
    }

    /** The isolation the client set through JDBC, or null. */
    Integer isolation() {
        return isolation;
    }

    /**
     * SQL set the session's isolation (PostgreSQL {@code SET SESSION CHARACTERISTICS} or
     * {@code default_transaction_isolation}, MariaDB {@code SET SESSION TRANSACTION} or {@code tx_isolation}): it
     * supersedes a level set through JDBC, which must no longer be applied over the tracked parameter on each lease.
     */
    void isolationReplacedBySql() {
        isolation = null;
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

    /**
     * Sets on a freshly leased connection whatever differs from a pooled connection's defaults.
     *
     * @param schemaAndCatalog whether to set the catalog and schema too; not when the connection already holds this
     *     session's (pgjdbc's setSchema is a round trip each time)
     */
    void applyTo(Connection connection, boolean schemaAndCatalog) throws SQLException {
        if (readOnly) {
            connection.setReadOnly(true);
        }
        if (isolation != null && isolation != connection.getTransactionIsolation()) {
            connection.setTransactionIsolation(isolation);
        }
        if (catalog != null && schemaAndCatalog) {
            connection.setCatalog(catalog);
        }
        if (schema != null && schemaAndCatalog) {
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
