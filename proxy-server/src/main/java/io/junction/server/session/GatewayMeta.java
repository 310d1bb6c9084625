package io.junction.server.session;

import io.junction.federation.Federation;
import io.junction.server.auth.AuthenticatedUser;
import io.junction.server.cache.GatewayCache;
import io.junction.server.error.GatewayException;
import io.junction.server.error.JunctionSqlState;
import io.junction.server.upstream.Source;
import io.junction.server.upstream.SourceRegistry;
import io.junction.server.upstream.UpstreamIdentity;
import org.apache.calcite.avatica.ConnectionPropertiesImpl;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.MissingResultsException;
import org.apache.calcite.avatica.NoSuchStatementException;
import org.apache.calcite.avatica.QueryState;
import org.apache.calcite.avatica.proto.Common;
import org.apache.calcite.avatica.proto.Requests;
import org.apache.calcite.avatica.remote.ProtobufMeta;
import org.apache.calcite.avatica.remote.TypedValue;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.calcite.avatica.NoSuchConnectionException;

import java.sql.SQLException;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Junction's implementation of Avatica's {@link Meta}: every remote call of a client lands here,
 * on a worker thread, with the caller in {@link RequestContext}. Unlike Avatica's JdbcMeta it
 * holds no physical connection per client (DESIGN.md decision 1): sessions lease them.
 *
 * <p>Upstream {@link SQLException}s leave as {@link GatewayException}s carrying the upstream's
 * SQLState, vendor code and message unchanged.
 */
public final class GatewayMeta implements ProtobufMeta {
    /** OpenConnectionRequest info key naming the source (the URL path). */
    public static final String SOURCE_KEY = "junction.source";
    /** OpenConnectionRequest info key with the client JVM's time-zone id. */
    public static final String TIME_ZONE_KEY = "junction.timeZone";
    /**
     * OpenConnectionRequest info key by which the Junction driver asks for full-precision times:
     * value {@code "micros"} (see {@link ClientSession#preciseTemporals()}). Stock clients never send it.
     */
    public static final String TEMPORAL_KEY = "junction.temporal";
    /**
     * OpenConnectionRequest info key by which the Junction driver announces tagged parameter values: value
     * {@code "tagged"} (see {@link ParameterTags}). Stock clients never send it.
     */
    public static final String PARAMETERS_KEY = "junction.parameters";

    private final SourceRegistry sources;
    private final SessionRegistry sessions = new SessionRegistry();
    private final StatementExecutor executor;
    private final ParameterDescriptions parameterDescriptions = new ParameterDescriptions();
    private final MetadataService metadata = new MetadataService();
    private final FederatedExecutor federatedExecutor;
    private final FederatedMetadata federatedMetadata;
    private final FederatedTableMetadata federatedTables;
    private final SessionCounters counters;
    private final SessionAdministration administration;

    /**
     * @param federation the federated catalog over {@code sources}, served to connections that
     *     name no source (DESIGN.md decision 8)
     * @param cache      the result cache consulted for passthrough SELECTs
     * @param registry   where pins and state replays are counted ({@link SessionCounters})
     */
    public GatewayMeta(SourceRegistry sources, Federation federation, GatewayCache cache, MeterRegistry registry) {
        this.sources = Objects.requireNonNull(sources, "sources is null");
        Objects.requireNonNull(federation, "federation is null");
        QueryCaching caching = new QueryCaching(Objects.requireNonNull(cache, "cache is null"));
        this.executor = new StatementExecutor(caching, parameterDescriptions);
        this.federatedExecutor = new FederatedExecutor(federation, sources, executor,
                new FederatedCaching(caching, sources));
        this.federatedMetadata = new FederatedMetadata(federation, sources);
        this.federatedTables = new FederatedTableMetadata(federation, sources);
        this.counters = new SessionCounters(registry);
        this.administration = new SessionAdministration(sessions, executor, federatedExecutor);
    }

    /** The operators' view of the sessions: listing, explaining, closing. */
    public SessionAdministration administration() {
        return administration;
    }

    /**
     * Cancels a running statement of the caller's connection (a protocol extension). Never takes
     * the session monitor: the statement's own request holds it while it runs.
     *
     * @return whether a statement was running
     */
    boolean cancel(String connectionId, int statementId) throws NoSuchConnectionException {
        ClientSession session = sessions.get(connectionId, RequestContext.currentUser());
        try {
            return session.running().cancel(statementId);
        } catch (SQLException e) {
            throw GatewayException.fromUpstream(e);
        }
    }

    /** Statement.setQueryTimeout of the client (a protocol extension); applies to its next executions. */
    void queryTimeout(String connectionId, int statementId, int seconds) {
        if (seconds < 0) {
            throw GatewayException.of(JunctionSqlState.FEATURE_NOT_SUPPORTED,
                    "A query timeout cannot be negative (got " + seconds + ").");
        }
        onSession(connectionId, session -> {
            session.statement(new StatementHandle(connectionId, statementId, null)).queryTimeoutSeconds(seconds);
            return null;
        });
    }

    /**
     * Where a connection's requests run, for error messages: its source (or the federated catalog) and session
     * id. Never waits for the session: a request may be running on it.
     */
    String location(String connectionId) {
        try {
            ClientSession session = sessions.get(connectionId, RequestContext.currentUser());
            return (session.isFederated() ? "federated catalog" : "source '" + session.source().name() + "'")
                    + ", session " + connectionId;
        } catch (NoSuchConnectionException e) {
            return "session " + connectionId;
        }
    }

    /** The upstreams' descriptions of prepared statements' parameters, shared by every session. */
    ParameterDescriptions parameterDescriptions() {
        return parameterDescriptions;
    }

    // ---- connections -------------------------------------------------------------------------

    @Override
    public void openConnection(ConnectionHandle ch, Map<String, String> info) {
        AuthenticatedUser user = RequestContext.currentUser();
        String sourceName = info == null ? null : info.get(SOURCE_KEY);
        Source source = null;
        if (sourceName != null && !sourceName.isEmpty()) {
            source = sources.find(sourceName).filter(s -> user.mayUse(sourceName)).orElseThrow(() ->
                    GatewayException.of(JunctionSqlState.SOURCE_NOT_GRANTED, "User '" + user.name()
                            + "' may not use source '" + sourceName + "' (or it does not exist). Sources granted: "
                            + new TreeSet<>(user.grantedSources()) + "."));
        }
        // No source: the federated catalog of every source the user was granted.
        ClientSession session = new ClientSession(ch.id, user, source, clientZone(info == null ? Map.of() : info),
                counters);
        if (info != null && "micros".equals(info.get(TEMPORAL_KEY))) {
            session.usePreciseTemporals();
        }
        if (info != null && "tagged".equals(info.get(PARAMETERS_KEY))) {
            session.useTaggedParameters();
        }
        if (!sessions.register(session)) {
            throw GatewayException.of(JunctionSqlState.INVALID_HANDLE,
                    "Connection id " + ch.id + " is already in use; open a new connection.");
        }
    }

    @Override
    public void closeConnection(ConnectionHandle ch) {
        sessions.remove(ch.id, RequestContext.currentUser()).ifPresent(session -> {
            synchronized (session) {
                try {
                    session.close();
                } catch (SQLException e) {
                    throw GatewayException.fromUpstream(e);
                }
            }
        });
    }

    @Override
    public ConnectionProperties connectionSync(ConnectionHandle ch, ConnectionProperties connProps) {
        return onSession(ch.id, session -> {
            // Avatica sends all the properties it holds, the ones this answered before included: only those
            // that differ from what the client was told are its changes. Taking the rest as explicit state would
            // set the upstream's defaults again on every lease (a SET search_path, which also makes pgjdbc
            // re-prepare its statements).
            session.changeState(changesFrom(clientView(session), connProps));
            return clientView(session);
        });
    }

    /**
     * The connection properties as the client's getters must show them: what it set, what SQL changed (a
     * MariaDB {@code USE}, {@code SET autocommit}, a PostgreSQL {@code SET search_path}, either's isolation),
     * and otherwise the upstream's defaults, as on a direct connection.
     */
    ConnectionPropertiesImpl clientView(ClientSession session) {
        if (session.isFederated()) {
            return session.state().toProperties(java.sql.Connection.TRANSACTION_READ_COMMITTED);
        }
        UpstreamIdentity identity = session.source().identity();
        ConnectionPropertiesImpl properties = session.state().toProperties(MetadataService.defaultIsolation(identity));
        Integer isolation = session.isolation();
        return new ConnectionPropertiesImpl(properties.isAutoCommit(), properties.isReadOnly(),
                isolation != null ? isolation : MetadataService.defaultIsolation(identity),
                properties.getCatalog() != null ? properties.getCatalog() : identity.defaultCatalog(),
                session.schemaView(identity.defaultSchema()));
    }

    private static ConnectionPropertiesImpl changesFrom(ConnectionPropertiesImpl told, ConnectionProperties sent) {
        return new ConnectionPropertiesImpl(
                differing(sent.isAutoCommit(), told.isAutoCommit()),
                differing(sent.isReadOnly(), told.isReadOnly()),
                differing(sent.getTransactionIsolation(), told.getTransactionIsolation()),
                differing(sent.getCatalog(), told.getCatalog()),
                differing(sent.getSchema(), told.getSchema()));
    }

    private static <T> T differing(T sent, T told) {
        return sent == null || sent.equals(told) ? null : sent;
    }

    @Override
    public void commit(ConnectionHandle ch) {
        onSession(ch.id, session -> {
            session.commit();
            return null;
        });
    }

    @Override
    public void rollback(ConnectionHandle ch) {
        onSession(ch.id, session -> {
            session.rollback();
            return null;
        });
    }

    // ---- statements --------------------------------------------------------------------------

    @Override
    public StatementHandle createStatement(ConnectionHandle ch) {
        return onSession(ch.id, session -> new StatementHandle(ch.id, session.newStatement().id(), null));
    }

    @Override
    public void closeStatement(StatementHandle h) {
        onSession(h.connectionId, session -> {
            session.closeStatement(h.id);
            return null;
        });
    }

    @Override
    public StatementHandle prepare(ConnectionHandle ch, String sql, long maxRowCount) {
        return onSession(ch.id, session -> {
            GatewayStatement statement = session.newStatement();
            Signature signature = session.isFederated() ? federatedExecutor.prepare(session, sql)
                    : executor.prepare(session, sql);
            statement.prepared(signature, maxRowCount);
            return new StatementHandle(ch.id, statement.id(), signature);
        });
    }

    @Override
    @SuppressWarnings("deprecation")
    public ExecuteResult prepareAndExecute(StatementHandle h, String sql, long maxRowCount, PrepareCallback callback)
            throws NoSuchStatementException {
        return prepareAndExecute(h, sql, maxRowCount, (int) Math.min(maxRowCount, Integer.MAX_VALUE), callback);
    }

    @Override
    public ExecuteResult prepareAndExecute(StatementHandle h, String sql, long maxRowCount, int maxRowsInFirstFrame,
                                          PrepareCallback callback) throws NoSuchStatementException {
        return onStatementSession(h, session -> session.isFederated()
                ? federatedExecutor.executeSql(session, session.statement(h), sql, maxRowCount, maxRowsInFirstFrame)
                : executor.executeSql(session, session.statement(h), sql, maxRowCount, maxRowsInFirstFrame));
    }

    @Override
    @SuppressWarnings("deprecation")
    public ExecuteResult execute(StatementHandle h, List<TypedValue> parameterValues, long maxRowCount)
            throws NoSuchStatementException {
        return execute(h, parameterValues, (int) Math.min(maxRowCount, Integer.MAX_VALUE));
    }

    @Override
    public ExecuteResult execute(StatementHandle h, List<TypedValue> parameterValues, int maxRowsInFirstFrame)
            throws NoSuchStatementException {
        return onStatementSession(h, session -> session.isFederated()
                ? federatedExecutor.executePrepared(session, session.statement(h), parameterValues, maxRowsInFirstFrame)
                : executor.executePrepared(session, session.statement(h), parameterValues, maxRowsInFirstFrame));
    }

    @Override
    public ExecuteBatchResult prepareAndExecuteBatch(StatementHandle h, List<String> sqlCommands)
            throws NoSuchStatementException {
        return onStatementSession(h, session -> {
            GatewayStatement statement = session.statement(h);
            refuseWritesWhenFederated(session);
            return new ExecuteBatchResult(executor.executeSqlBatch(session, statement, sqlCommands));
        });
    }

    @Override
    public ExecuteBatchResult executeBatch(StatementHandle h, List<List<TypedValue>> parameterValues)
            throws NoSuchStatementException {
        return onStatementSession(h, session -> {
            refuseWritesWhenFederated(session);
            return new ExecuteBatchResult(executor.executeBatch(session, session.statement(h), parameterValues));
        });
    }

    @Override
    public ExecuteBatchResult executeBatchProtobuf(StatementHandle h, List<Requests.UpdateBatch> parameterValues)
            throws NoSuchStatementException {
        List<List<TypedValue>> rows = new ArrayList<>(parameterValues.size());
        for (Requests.UpdateBatch batch : parameterValues) {
            List<TypedValue> row = new ArrayList<>(batch.getParameterValuesCount());
            for (Common.TypedValue value : batch.getParameterValuesList()) {
                row.add(TypedValue.fromProto(value));
            }
            rows.add(row);
        }
        return executeBatch(h, rows);
    }

    @Override
    public Frame fetch(StatementHandle h, long offset, int fetchMaxRowCount)
            throws NoSuchStatementException, MissingResultsException {
        return onStatementSession(h, session -> executor.fetch(session.statement(h), offset, fetchMaxRowCount));
    }

    @Override
    public boolean syncResults(StatementHandle sh, QueryState state, long offset) throws NoSuchStatementException {
        // Results stay open on the server until read or closed, so there is never anything to
        // re-create: re-running the query (Avatica's way) would be wrong for changing data.
        return onStatementSession(sh, session -> {
            GatewayStatement statement = session.statement(sh);
            Cursor cursor = statement.cursor();
            return statement.memoryCursor() != null || cursor != null && !cursor.isClosed();
        });
    }

    @Override
    public Iterable<Object> createIterable(StatementHandle stmt, QueryState state, Signature signature,
                                           List<TypedValue> parameters, Frame firstFrame) {
        // Only a client-side Meta iterates result sets; the server hands out frames.
        throw new IllegalStateException("createIterable is a client-side call and is never served remotely");
    }

    /** What the upstream of the caller's connection says about itself (a protocol extension). */
    UpstreamIdentity identity(String connectionId) {
        return onSession(connectionId, session -> session.isFederated() ? FederatedIdentity.INSTANCE
                : session.source().identity());
    }

    // ---- metadata ----------------------------------------------------------------------------

    @Override
    public Map<DatabaseProperty, Object> getDatabaseProperties(ConnectionHandle ch) {
        return onSession(ch.id, session -> metadata.properties(session.isFederated() ? FederatedIdentity.INSTANCE
                : session.source().identity()));
    }

    @Override
    public MetaResultSet getTables(ConnectionHandle ch, String catalog, Pat schemaPattern, Pat tableNamePattern,
                                   List<String> typeList) {
        String[] types = typeList == null ? null : typeList.toArray(new String[0]);
        return metadata(ch, md -> md.getTables(catalog, schemaPattern.s, tableNamePattern.s, types),
                session -> federatedMetadata.tables(session, catalog, schemaPattern.s, tableNamePattern.s, types));
    }

    @Override
    public MetaResultSet getColumns(ConnectionHandle ch, String catalog, Pat schemaPattern, Pat tableNamePattern,
                                    Pat columnNamePattern) {
        return metadata(ch, md -> md.getColumns(catalog, schemaPattern.s, tableNamePattern.s, columnNamePattern.s),
                session -> federatedMetadata.columns(session, catalog, schemaPattern.s, tableNamePattern.s,
                        columnNamePattern.s));
    }

    @Override
    public MetaResultSet getSchemas(ConnectionHandle ch, String catalog, Pat schemaPattern) {
        return metadata(ch, md -> md.getSchemas(catalog, schemaPattern.s),
                session -> federatedMetadata.schemas(session, catalog, schemaPattern.s));
    }

    @Override
    public MetaResultSet getCatalogs(ConnectionHandle ch) {
        return metadata(ch, java.sql.DatabaseMetaData::getCatalogs, federatedMetadata::catalogs);
    }

    @Override
    public MetaResultSet getTableTypes(ConnectionHandle ch) {
        return metadata(ch, java.sql.DatabaseMetaData::getTableTypes, federatedMetadata::tableTypes);
    }

    @Override
    public MetaResultSet getProcedures(ConnectionHandle ch, String catalog, Pat schemaPattern,
                                       Pat procedureNamePattern) {
        return metadata(ch, md -> md.getProcedures(catalog, schemaPattern.s, procedureNamePattern.s),
                session -> federatedMetadata.procedures(session, catalog, schemaPattern.s, procedureNamePattern.s));
    }

    @Override
    public MetaResultSet getProcedureColumns(ConnectionHandle ch, String catalog, Pat schemaPattern,
                                             Pat procedureNamePattern, Pat columnNamePattern) {
        return metadata(ch, md -> md.getProcedureColumns(catalog, schemaPattern.s, procedureNamePattern.s,
                columnNamePattern.s), session -> federatedMetadata.procedureColumns(session, catalog,
                schemaPattern.s, procedureNamePattern.s, columnNamePattern.s));
    }

    @Override
    public MetaResultSet getColumnPrivileges(ConnectionHandle ch, String catalog, String schema, String table,
                                             Pat columnNamePattern) {
        return metadata(ch, md -> md.getColumnPrivileges(catalog, schema, table, columnNamePattern.s),
                session -> federatedTables.columnPrivileges(session, catalog, schema, table, columnNamePattern.s));
    }

    @Override
    public MetaResultSet getTablePrivileges(ConnectionHandle ch, String catalog, Pat schemaPattern,
                                            Pat tableNamePattern) {
        return metadata(ch, md -> md.getTablePrivileges(catalog, schemaPattern.s, tableNamePattern.s),
                session -> federatedMetadata.tablePrivileges(session, catalog, schemaPattern.s, tableNamePattern.s));
    }

    @Override
    public MetaResultSet getBestRowIdentifier(ConnectionHandle ch, String catalog, String schema, String table,
                                              int scope, boolean nullable) {
        return metadata(ch, md -> md.getBestRowIdentifier(catalog, schema, table, scope, nullable),
                session -> federatedTables.bestRowIdentifier(session, catalog, schema, table, scope, nullable));
    }

    @Override
    public MetaResultSet getVersionColumns(ConnectionHandle ch, String catalog, String schema, String table) {
        return metadata(ch, md -> md.getVersionColumns(catalog, schema, table),
                session -> federatedTables.versionColumns(session, catalog, schema, table));
    }

    @Override
    public MetaResultSet getPrimaryKeys(ConnectionHandle ch, String catalog, String schema, String table) {
        return metadata(ch, md -> md.getPrimaryKeys(catalog, schema, table),
                session -> federatedTables.primaryKeys(session, catalog, schema, table));
    }

    @Override
    public MetaResultSet getImportedKeys(ConnectionHandle ch, String catalog, String schema, String table) {
        return metadata(ch, md -> md.getImportedKeys(catalog, schema, table),
                session -> federatedTables.importedKeys(session, catalog, schema, table));
    }

    @Override
    public MetaResultSet getExportedKeys(ConnectionHandle ch, String catalog, String schema, String table) {
        return metadata(ch, md -> md.getExportedKeys(catalog, schema, table),
                session -> federatedTables.exportedKeys(session, catalog, schema, table));
    }

    @Override
    public MetaResultSet getCrossReference(ConnectionHandle ch, String parentCatalog, String parentSchema,
                                           String parentTable, String foreignCatalog, String foreignSchema,
                                           String foreignTable) {
        return metadata(ch, md -> md.getCrossReference(parentCatalog, parentSchema, parentTable, foreignCatalog,
                foreignSchema, foreignTable), session -> federatedTables.crossReference(session, parentCatalog,
                parentSchema, parentTable, foreignCatalog, foreignSchema, foreignTable));
    }

    @Override
    public MetaResultSet getTypeInfo(ConnectionHandle ch) {
        return metadata(ch, java.sql.DatabaseMetaData::getTypeInfo, federatedMetadata::typeInfo);
    }

    @Override
    public MetaResultSet getIndexInfo(ConnectionHandle ch, String catalog, String schema, String table,
                                      boolean unique, boolean approximate) {
        return metadata(ch, md -> md.getIndexInfo(catalog, schema, table, unique, approximate),
                session -> federatedTables.indexInfo(session, catalog, schema, table, unique, approximate));
    }

    @Override
    public MetaResultSet getUDTs(ConnectionHandle ch, String catalog, Pat schemaPattern, Pat typeNamePattern,
                                 int[] types) {
        return metadata(ch, md -> md.getUDTs(catalog, schemaPattern.s, typeNamePattern.s, types),
                session -> federatedMetadata.udts(session, catalog, schemaPattern.s, typeNamePattern.s, types));
    }

    @Override
    public MetaResultSet getSuperTypes(ConnectionHandle ch, String catalog, Pat schemaPattern, Pat typeNamePattern) {
        return metadata(ch, md -> md.getSuperTypes(catalog, schemaPattern.s, typeNamePattern.s));
    }

    @Override
    public MetaResultSet getSuperTables(ConnectionHandle ch, String catalog, Pat schemaPattern,
                                        Pat tableNamePattern) {
        return metadata(ch, md -> md.getSuperTables(catalog, schemaPattern.s, tableNamePattern.s));
    }

    @Override
    public MetaResultSet getAttributes(ConnectionHandle ch, String catalog, Pat schemaPattern, Pat typeNamePattern,
                                       Pat attributeNamePattern) {
        return metadata(ch, md -> md.getAttributes(catalog, schemaPattern.s, typeNamePattern.s,
                attributeNamePattern.s));
    }

    @Override
    public MetaResultSet getClientInfoProperties(ConnectionHandle ch) {
        return metadata(ch, java.sql.DatabaseMetaData::getClientInfoProperties);
    }

    @Override
    public MetaResultSet getFunctions(ConnectionHandle ch, String catalog, Pat schemaPattern,
                                      Pat functionNamePattern) {
        return metadata(ch, md -> md.getFunctions(catalog, schemaPattern.s, functionNamePattern.s),
                session -> federatedMetadata.functions(session, catalog, schemaPattern.s, functionNamePattern.s));
    }

    @Override
    public MetaResultSet getFunctionColumns(ConnectionHandle ch, String catalog, Pat schemaPattern,
                                            Pat functionNamePattern, Pat columnNamePattern) {
        return metadata(ch, md -> md.getFunctionColumns(catalog, schemaPattern.s, functionNamePattern.s,
                columnNamePattern.s), session -> federatedMetadata.functionColumns(session, catalog,
                schemaPattern.s, functionNamePattern.s, columnNamePattern.s));
    }

    @Override
    public MetaResultSet getPseudoColumns(ConnectionHandle ch, String catalog, Pat schemaPattern,
                                          Pat tableNamePattern, Pat columnNamePattern) {
        return metadata(ch, md -> md.getPseudoColumns(catalog, schemaPattern.s, tableNamePattern.s,
                columnNamePattern.s));
    }

    // ---- plumbing ----------------------------------------------------------------------------

    private MetaResultSet metadata(ConnectionHandle ch, MetadataService.Call call) {
        return metadata(ch, call, federatedMetadata::empty);
    }

    /** A metadata call answered by the session's source, or by the federated catalog. */
    private MetaResultSet metadata(ConnectionHandle ch, MetadataService.Call call, SessionWork<MetaResultSet> federated) {
        return onSession(ch.id, session -> session.isFederated() ? federated.run(session)
                : metadata.query(session, call));
    }

    private static void refuseWritesWhenFederated(ClientSession session) {
        if (session.isFederated()) {
            throw GatewayException.of(JunctionSqlState.FEATURE_NOT_SUPPORTED, "The federated catalog runs queries "
                    + "only; to change data, connect to jdbc:junction://host:port/SOURCE.");
        }
    }

    /** Runs work on the caller's session, translating upstream errors for the client. */
    <T> T onSession(String connectionId, SessionWork<T> work) {
        try {
            return onStatementSession(connectionId, work);
        } catch (NoSuchStatementException e) {
            throw GatewayException.of(JunctionSqlState.INVALID_HANDLE, "Statement " + e.getStatementHandle().id
                    + " does not exist on connection " + connectionId + " (it was closed); create or prepare the"
                    + " statement again.");
        }
    }

    private <T> T onStatementSession(StatementHandle h, SessionWork<T> work) throws NoSuchStatementException {
        return onStatementSession(h.connectionId, work);
    }

    private <T> T onStatementSession(String connectionId, SessionWork<T> work) throws NoSuchStatementException {
        ClientSession session = sessions.get(connectionId, RequestContext.currentUser());
        synchronized (session) {
            if (session.isClosed()) {
                // Closed for idleness while this request waited for the monitor.
                throw new NoSuchConnectionException(connectionId);
            }
            session.requestStarted();
            try {
                return work.run(session);
            } catch (SQLException e) {
                throw GatewayException.fromUpstream(e);
            } finally {
                session.requestEnded();
                if (session.takePropertiesChangedBySql()) {
                    RequestContext.connectionPropertiesChanged(ConnectionPropertiesHeader.encode(clientView(session)));
                }
            }
        }
    }

    private static ZoneId clientZone(Map<String, String> info) {
        String id = info.get(TIME_ZONE_KEY);
        if (id == null || id.isEmpty()) {
            // Stock Avatica clients do not say: their own rendering of timestamps is in UTC terms.
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(id);
        } catch (DateTimeException e) {
            throw GatewayException.of(JunctionSqlState.FEATURE_NOT_SUPPORTED,
                    "Unknown client time zone '" + id + "' in " + TIME_ZONE_KEY + "; use a region id such as Europe/Paris.");
        }
    }
}
