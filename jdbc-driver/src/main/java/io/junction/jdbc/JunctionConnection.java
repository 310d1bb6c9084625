package io.junction.jdbc;

import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaFactory;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.ConnectionPropertiesImpl;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.QueryState;
import org.apache.calcite.avatica.UnregisteredDriver;
import org.apache.calcite.avatica.remote.Service;
import org.apache.calcite.avatica.remote.TypedValue;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Avatica's connection with three changes: opening it sends only the {@code junction.*} info keys (never
 * the credentials, which Avatica would otherwise forward); the JDBC calls that Avatica lets fail with an
 * unchecked exception (connection sync, commit, rollback, statement creation) throw SQLExceptions that keep
 * their SQLState; and closing a connection to a server that is gone succeeds.
 *
 * <p>Beyond Avatica: property changes (autocommit, read-only, isolation, catalog, schema) reach the server at
 * once, in the order they were made, where Avatica would send them with the next statement; savepoints,
 * generated keys and {@code nativeSQL} go through Junction's protocol extensions ({@link JunctionExtensions}).
 */
final class JunctionConnection extends AvaticaConnection {
    private volatile JunctionHttpClient transport;
    /** The server's Junction-Connection-Properties header, not yet taken into Avatica's copy ({@link #followServer}). */
    private final AtomicReference<String> changedOnServer = new AtomicReference<>();
    /** Made on first use; volatile, not synchronized, as cancel() calls it while another thread executes. */
    private volatile JunctionExtensions extensions;
    private int lastSavepointId;

    JunctionConnection(UnregisteredDriver driver, AvaticaFactory factory, String url, Properties info) {
        super(driver, factory, url, info);
    }

    /** The connection's client of Junction's protocol extensions, made on first use. */
    JunctionExtensions extensions() throws SQLException {
        JunctionExtensions made = extensions;
        if (made == null) {
            JunctionHttpClient client = transport();
            if (client == null) {
                throw new SQLException("The connection has no transport to the Junction server (it is closed);"
                        + " open a new connection.", "08003");
            }
            // Two threads may both make one: they are alike, and either serves.
            made = new JunctionExtensions(client, id, settings().source());
            extensions = made;
        }
        return made;
    }

    /** A complete result set the server sent through an extension, as a JDBC result set. */
    ResultSet resultSetOf(Meta.MetaResultSet result) throws SQLException {
        return createResultSet(result, new QueryState());
    }

    /** Makes the statement's executions (a plain statement's next one) return the given generated keys. */
    void requestGeneratedKeys(Meta.StatementHandle statement, GeneratedKeys keys) throws SQLException {
        var request = extensions().request().put("statementId", statement.id);
        keys.writeTo(request);
        extensions().call("request-generated-keys", "Asking for the generated keys of statement "
                + statement.id, request);
    }

    /** Sets the row limit of a prepared statement's next executions on the server (0: none). */
    void limitRows(Meta.StatementHandle statement, long maxRows) throws SQLException {
        extensions().call("max-rows", "Setting the row limit of statement " + statement.id,
                extensions().request().put("statementId", statement.id).put("maxRows", maxRows));
    }

    /**
     * The upstream's description of a prepared statement's parameters, with the values set so far bound (null
     * for one not set), as pgjdbc describes with its bound types.
     */
    java.sql.ParameterMetaData parameterMetaData(Meta.StatementHandle statement,
                                                 java.util.List<TypedValue> values) throws SQLException {
        var request = extensions().request().put("statementId", statement.id);
        var array = request.putArray("values");
        for (TypedValue value : values) {
            if (value == null) {
                array.addNull();
            } else {
                array.add(java.util.Base64.getEncoder().encodeToString(TaggedValueWire.toProto(value)));
            }
        }
        return new JunctionParameterMetaData(extensions().call("parameter-metadata", "Describing the parameters of"
                + " statement " + statement.id + " (getParameterMetaData)", request).path("parameters"));
    }

    /**
     * The keys the statement's last execution generated (empty when it asked for none), as a result set whose
     * {@code getStatement()} is that statement, as frameworks expect (Hibernate casts it back).
     */
    ResultSet generatedKeys(AvaticaStatement statement) throws SQLException {
        Meta.MetaResultSet keys = extensions().callForResultSet("generated-keys", "Reading the generated keys of"
                + " statement " + statement.handle.id, extensions().request().put("statementId", statement.handle.id));
        return ((JunctionResultSet) factory.newResultSet(statement, new QueryState(), keys.signature, getTimeZone(),
                keys.firstFrame)).open();
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int resultSetType, int resultSetConcurrency,
                                              int resultSetHoldability) throws SQLException {
        try {
            return super.prepareStatement(sql, resultSetType, resultSetConcurrency, resultSetHoldability);
        } catch (SQLException e) {
            throw UpstreamErrors.translate(e);
        }
    }

    /** Every prepared execution: fails with the upstream driver's exception (see {@link UpstreamErrors}). */
    @Override
    protected ResultSet executeQueryInternal(AvaticaStatement statement, Meta.Signature signature, Meta.Frame firstFrame,
                                             QueryState state, boolean isUpdate) throws SQLException {
        try {
            return super.executeQueryInternal(statement, signature, firstFrame, state, isUpdate);
        } catch (SQLException e) {
            throw UpstreamErrors.translate(e);
        }
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int autoGeneratedKeys) throws SQLException {
        return prepareWithKeys(sql, GeneratedKeys.of(autoGeneratedKeys));
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int[] columnIndexes) throws SQLException {
        return prepareWithKeys(sql, GeneratedKeys.ofIndexes(columnIndexes));
    }

    @Override
    public PreparedStatement prepareStatement(String sql, String[] columnNames) throws SQLException {
        return prepareWithKeys(sql, GeneratedKeys.ofNames(columnNames));
    }

    private PreparedStatement prepareWithKeys(String sql, GeneratedKeys keys) throws SQLException {
        PreparedStatement statement = prepareStatement(sql);
        if (keys.wanted()) {
            try {
                requestGeneratedKeys(((JunctionPreparedStatement) statement).handle, keys);
            } catch (SQLException e) {
                statement.close();
                throw e;
            }
        }
        return statement;
    }

    @Override
    public String nativeSQL(String sql) throws SQLException {
        checkOpen();
        return extensions().call("native-sql", "nativeSQL", extensions().request().put("sql", sql)).path("sql")
                .asText(sql);
    }

    @Override
    public Savepoint setSavepoint() throws SQLException {
        JunctionSavepoint savepoint;
        synchronized (this) {
            savepoint = JunctionSavepoint.unnamed(++lastSavepointId);
        }
        savepoint("set", savepoint);
        return savepoint;
    }

    @Override
    public Savepoint setSavepoint(String name) throws SQLException {
        if (name == null || name.isEmpty()) {
            throw new SQLException("A savepoint name must not be empty; use setSavepoint() for an unnamed one.",
                    "HY024");
        }
        JunctionSavepoint savepoint = JunctionSavepoint.named(name);
        savepoint("set", savepoint);
        return savepoint;
    }

    @Override
    public void rollback(Savepoint savepoint) throws SQLException {
        savepoint("rollback", ours(savepoint));
    }

    @Override
    public void releaseSavepoint(Savepoint savepoint) throws SQLException {
        savepoint("release", ours(savepoint));
    }

    private void savepoint(String action, JunctionSavepoint savepoint) throws SQLException {
        checkOpen();
        String what = (action.equals("rollback") ? "Rolling back to" : action.equals("release") ? "Releasing"
                : "Setting") + " savepoint '" + savepoint.serverName() + "'";
        extensions().call("savepoint", what, extensions().request().put("action", action)
                .put("name", savepoint.serverName()));
    }

    private static JunctionSavepoint ours(Savepoint savepoint) throws SQLException {
        if (!(savepoint instanceof JunctionSavepoint)) {
            throw new SQLException("Not a savepoint of a Junction connection: " + savepoint, "3B001");
        }
        return (JunctionSavepoint) savepoint;
    }

    /**
     * Sends pending property changes now. Avatica keeps them until the next statement, so a failing change
     * would surface there, and a transaction would begin on the server in a different order than the client
     * asked.
     */
    private void syncNow() {
        meta.connectionSync(handle, new ConnectionPropertiesImpl());
    }

    /** Avatica's remote layer, which a scroll-insensitive result set reads its whole result through. */
    Meta remoteMeta() {
        return meta;
    }

    /** Derived from the connection's properties, as Avatica's remote layer asks for them while this is constructed. */
    ConnectionSettings settings() {
        return ConnectionSettings.fromAvaticaInfo(info);
    }

    /**
     * Opens the session on the server, as Avatica's remote driver does on connect. Overrides Avatica's
     * version, which would forward every connection property, the password included.
     */
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
        // Called from Avatica's constructor, before this class's fields exist: the method reads the field later.
        client.onConnectionProperties(this::propertiesChangedOnServer);
    }

    private void propertiesChangedOnServer(String header) {
        changedOnServer.set(header);
    }

    /**
     * Takes into Avatica's copy of the connection properties what the server reported after SQL changed them
     * (MariaDB {@code USE db} and {@code SET autocommit}, PostgreSQL {@code SET search_path}, either's isolation,
     * and a rollback undoing such a change), so that the
     * getters answer as a direct connection would, and a setter that restores the old value is not taken by
     * Avatica for no change (and so never sent). Called before every property getter and setter.
     */
    private void followServer() {
        String reported = changedOnServer.getAndSet(null);
        if (reported == null) {
            return;
        }
        // Avatica's own object: its getters read it, and statements sync it to the server when dirty.
        ConnectionPropertiesImpl local = (ConnectionPropertiesImpl) meta.connectionSync(handle,
                new ConnectionPropertiesImpl());
        Map<String, String> values = decode(reported);
        if (values.containsKey("autoCommit")) {
            local.setAutoCommit(Boolean.parseBoolean(values.get("autoCommit")));
        }
        if (values.containsKey("isolation")) {
            local.setTransactionIsolation(Integer.parseInt(values.get("isolation")));
        }
        local.setCatalog(values.get("catalog"));
        local.setSchema(values.get("schema"));
        // What the server holds already: nothing to send back.
        local.setDirty(false);
    }

    /** {@code autoCommit=true&isolation=2&catalog=test&schema=public}, values URL-encoded, null values left out. */
    private static Map<String, String> decode(String header) {
        Map<String, String> values = new HashMap<>();
        for (String pair : header.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                values.put(pair.substring(0, equals),
                        URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return values;
    }

    @Override
    public AvaticaStatement createStatement(int resultSetType, int resultSetConcurrency, int resultSetHoldability)
            throws SQLException {
        return SqlErrors.guard("Error while creating a statement",
                () -> super.createStatement(resultSetType, resultSetConcurrency, resultSetHoldability));
    }

    @Override
    public void setAutoCommit(boolean autoCommit) throws SQLException {
        SqlErrors.guard("Error while setting autocommit", () -> {
            followServer();
            super.setAutoCommit(autoCommit);
            syncNow();
        });
    }

    @Override
    public boolean getAutoCommit() throws SQLException {
        return SqlErrors.guard("Error while reading autocommit", () -> {
            followServer();
            return super.getAutoCommit();
        });
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
        SqlErrors.guard("Error while setting read-only", () -> {
            followServer();
            super.setReadOnly(readOnly);
            syncNow();
        });
    }

    @Override
    public boolean isReadOnly() throws SQLException {
        return SqlErrors.guard("Error while reading read-only", () -> {
            followServer();
            return super.isReadOnly();
        });
    }

    @Override
    public void setCatalog(String catalog) throws SQLException {
        SqlErrors.guard("Error while setting the catalog", () -> {
            followServer();
            super.setCatalog(catalog);
            syncNow();
        });
    }

    @Override
    public String getCatalog() throws SQLException {
        return SqlErrors.guard("Error while reading the catalog", () -> {
            followServer();
            return super.getCatalog();
        });
    }

    @Override
    public void setSchema(String schema) throws SQLException {
        SqlErrors.guard("Error while setting the schema", () -> {
            followServer();
            super.setSchema(schema);
            syncNow();
        });
    }

    @Override
    public String getSchema() throws SQLException {
        return SqlErrors.guard("Error while reading the schema", () -> {
            followServer();
            return super.getSchema();
        });
    }

    @Override
    public void setTransactionIsolation(int level) throws SQLException {
        SqlErrors.guard("Error while setting the isolation level", () -> {
            followServer();
            super.setTransactionIsolation(level);
            syncNow();
        });
    }

    @Override
    public int getTransactionIsolation() throws SQLException {
        return SqlErrors.guard("Error while reading the isolation level", () -> {
            followServer();
            return super.getTransactionIsolation();
        });
    }
}
