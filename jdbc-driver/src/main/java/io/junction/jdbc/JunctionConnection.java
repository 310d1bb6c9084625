package io.junction.jdbc;

import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaFactory;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.UnregisteredDriver;
import org.apache.calcite.avatica.remote.Service;

import java.sql.SQLException;
import java.util.Properties;

/**
 * Avatica's connection with three changes: opening it sends only the {@code junction.*} info keys (never
 * the credentials, which Avatica would otherwise forward); the JDBC calls that Avatica lets fail with an
 * unchecked exception (connection sync, commit, rollback, statement creation) throw SQLExceptions that keep
 * their SQLState; and closing a connection to a server that is gone succeeds.
 */
final class JunctionConnection extends AvaticaConnection {
    JunctionConnection(UnregisteredDriver driver, AvaticaFactory factory, String url, Properties info) {
        super(driver, factory, url, info);
    }

    /** Derived from the connection's properties, as Avatica's remote layer asks for them while this is constructed. */
    ConnectionSettings settings() {
        return ConnectionSettings.fromAvaticaInfo(info);
    }

    /**
     * Opens the session on the server, as Avatica's remote driver does on connect. Overrides Avatica's
     * version, which would forward every connection property, the password included.
     */
    private volatile JunctionHttpClient transport;

    @Override
    public void openConnection() {
        getService().apply(new Service.OpenConnectionRequest(id, settings().openConnectionInfo()));
    }

    /**
     * Closes the connection; when the server cannot be reached (SQLState class 08) the connection is still
     * closed here and the server expires the session on its own, so that is not an error. Pools close
     * connections they found broken, and a throwing close would only add noise to their logs.
     */
    @Override
    public void close() throws SQLException {
        try {
            super.close();
        } catch (SQLException e) {
            if (e.getSQLState() == null || !e.getSQLState().startsWith("08")) {
                throw e;
            }
        } finally {
            if (transport != null) {
                transport.close();
            }
        }
    }

    /** The HTTP transport of this connection, for Junction's protocol extensions; set by the service factory. */
    JunctionHttpClient transport() {
        return transport;
    }

    void attachTransport(JunctionHttpClient client) {
        this.transport = client;
    }

    @Override
    public AvaticaStatement createStatement(int resultSetType, int resultSetConcurrency, int resultSetHoldability)
            throws SQLException {
        return SqlErrors.guard("Error while creating a statement",
                () -> super.createStatement(resultSetType, resultSetConcurrency, resultSetHoldability));
    }

    @Override
    public void setAutoCommit(boolean autoCommit) throws SQLException {
        SqlErrors.guard("Error while setting autocommit", () -> super.setAutoCommit(autoCommit));
    }

    @Override
    public boolean getAutoCommit() throws SQLException {
        return SqlErrors.guard("Error while reading autocommit", super::getAutoCommit);
    }

    @Override
    public void commit() throws SQLException {
        SqlErrors.guard("Error while committing", super::commit);
    }

    @Override
    public void rollback() throws SQLException {
        SqlErrors.guard("Error while rolling back", () -> super.rollback());
    }

    @Override
    public void setReadOnly(boolean readOnly) throws SQLException {
        SqlErrors.guard("Error while setting read-only", () -> super.setReadOnly(readOnly));
    }

    @Override
    public boolean isReadOnly() throws SQLException {
        return SqlErrors.guard("Error while reading read-only", super::isReadOnly);
    }

    @Override
    public void setCatalog(String catalog) throws SQLException {
        SqlErrors.guard("Error while setting the catalog", () -> super.setCatalog(catalog));
    }

    @Override
    public String getCatalog() throws SQLException {
        return SqlErrors.guard("Error while reading the catalog", super::getCatalog);
    }

    @Override
    public void setSchema(String schema) throws SQLException {
        SqlErrors.guard("Error while setting the schema", () -> super.setSchema(schema));
    }

    @Override
    public String getSchema() throws SQLException {
        return SqlErrors.guard("Error while reading the schema", super::getSchema);
    }

    @Override
    public void setTransactionIsolation(int level) throws SQLException {
        SqlErrors.guard("Error while setting the isolation level", () -> super.setTransactionIsolation(level));
    }

    @Override
    public int getTransactionIsolation() throws SQLException {
        return SqlErrors.guard("Error while reading the isolation level", super::getTransactionIsolation);
    }
}
