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

    /** The full state as the client's ConnectionSync response carries it. */
    ConnectionPropertiesImpl toProperties(int upstreamDefaultIsolation) {
        return new ConnectionPropertiesImpl(autoCommit, readOnly,
                isolation == null ? upstreamDefaultIsolation : isolation, catalog, schema);
    }
}
