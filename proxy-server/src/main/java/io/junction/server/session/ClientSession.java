package io.junction.server.session;

import io.junction.server.auth.AuthenticatedUser;
import io.junction.server.error.GatewayException;
import io.junction.server.error.JunctionSqlState;
import io.junction.server.upstream.CarriedState;
import io.junction.server.upstream.Dialect;
import io.junction.server.upstream.Source;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.NoSuchStatementException;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.SQLException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * One client connection: who opened it, which source it talks to, the state it set (JDBC state
 * and tracked parameters), and its statements. It holds a physical connection only while a
 * transaction is open or while it is pinned; otherwise each statement leases one (DESIGN.md
 * decision 6).
 *
 * <p>Not thread-safe: {@link GatewayMeta} serializes the requests of a session on its monitor. Only
 * the volatile figures (pin, transaction, idle time) and {@link #running()} are read from other
 * threads: the admin API, the idle reaper, and a cancel.
 */
final class ClientSession {
    private static final String SEARCH_PATH = "search_path";
    /** Names under which {@link CarriedState} records the schema and catalog a session set on a connection. */
    private static final String CARRIED_SCHEMA = "jdbc:schema";
    private static final String CARRIED_CATALOG = "jdbc:catalog";

    private final String id;
    private final AuthenticatedUser owner;
    private final Source source;
    private final ZoneId clientZone;
    private final SessionState state = new SessionState();
    private final TrackedParameters tracked = new TrackedParameters();
    private final RunningStatements running = new RunningStatements();
    private final SessionCounters counters;
    // Written on the session monitor, read without it by the admin API and the idle reaper.
    private volatile long lastRequestNanos = System.nanoTime();
    private volatile int requestsInFlight;
    private volatile boolean closed;
    private final SessionCacheState cacheState = new SessionCacheState();
    private final Map<Integer, GatewayStatement> statements = new HashMap<>();
    private int lastStatementId;
    private volatile Connection transaction;
    /** The transaction was opened by a SQL BEGIN while autocommit was on. */
    private boolean sqlTransaction;
    private Connection pinned;
    private volatile PinReason pinReason;
    private volatile String pinDetail;
    private final SessionSavepoints savepoints = new SessionSavepoints();
    /**
     * The connection this session set its JDBC isolation on through HikariCP's proxy, which puts the pool's
     * default back when the connection returns: a tracked isolation parameter does not survive that.
     */
    private Connection isolationRestoredByPool;
    private boolean preciseTemporals;
    private boolean taggedParameters;
    private final SearchPathSchemas searchPathSchemas = new SearchPathSchemas();
    /** SQL changed autocommit, the database, the search path or the isolation since the client was last told. */
    private boolean propertiesChangedBySql;
    /**
     * PostgreSQL, inside a transaction: the transaction's own isolation (null: the upstream's default) is what
     * getTransactionIsolation() answers, not the session's default that SQL may change meanwhile.
     */
    private boolean isolationFixedByTransaction;
    private Integer transactionIsolation;

    /** @param counters where pins and state replays are counted, for the metrics */
    ClientSession(String id, AuthenticatedUser owner, Source source, ZoneId clientZone, SessionCounters counters) {
        this.counters = java.util.Objects.requireNonNull(counters, "counters is null");
        this.id = id;
        this.owner = owner;
        this.source = source;
        this.clientZone = clientZone;
    }

    String id() {
        return id;
    }

    AuthenticatedUser owner() {
        return owner;
    }

    /** The session's source; null for a federated session. */
    Source source() {
        return source;
    }

    /** Whether this is a connection to the federated catalog (no source in the URL). */
    boolean isFederated() {
        return source == null;
    }

    ZoneId clientZone() {
        return clientZone;
    }

    /**
     * Whether the client reads and writes times at full precision (the Junction driver): TIME and
     * TIMESTAMP results travel as ISO-8601 text instead of Avatica's milliseconds, and TIMESTAMP
     * parameters arrive in microseconds.
     */
    boolean preciseTemporals() {
        return preciseTemporals;
    }

    void usePreciseTemporals() {
        this.preciseTemporals = true;
    }

    /** Whether the client tags parameter values ({@link ParameterTags}): typed nulls, TIME in microseconds. */
    boolean taggedParameters() {
        return taggedParameters;
    }

    void useTaggedParameters() {
        this.taggedParameters = true;
    }

    SessionState state() {
        return state;
    }

    SessionCacheState cacheState() {
        return cacheState;
    }

    /**
     * The tracked parameters a connection of this session carries right now (a PostgreSQL SET in
     * the open transaction included until its rollback), by name: part of the result cache's key.
     */
    Map<String, String> trackedParameters() {
        return tracked.current();
    }

    /**
     * The schema a direct connection's {@code getSchema()} would answer: the one set through JDBC, else the
     * first existing schema of a search path set through SQL, else {@code upstreamDefault}.
     */
    String schemaView(String upstreamDefault) {
        if (state.schema() != null) {
            return state.schema();
        }
        String underSearchPath = searchPathSchemas.schemaUnder(tracked.current().get(SEARCH_PATH));
        return underSearchPath != null ? underSearchPath : upstreamDefault;
    }

    /**
     * The isolation a direct connection's {@code getTransactionIsolation()} would answer, or null for the
     * upstream's default. pgjdbc asks PostgreSQL ({@code SHOW TRANSACTION ISOLATION LEVEL}): inside a transaction
     * that is the transaction's own level, fixed when it began or by {@code SET TRANSACTION}, whatever
     * {@code SET SESSION CHARACTERISTICS} does meanwhile; outside one, the session's default. MariaDB
     * Connector/J answers the session's {@code tx_isolation}, which the server reports to it after each change.
     */
    Integer isolation() {
        return isolationFixedByTransaction ? transactionIsolation : sessionIsolation();
    }

    /** The session's default isolation, set through JDBC or SQL (whichever came last); null: the upstream's. */
    private Integer sessionIsolation() {
        return state.isolation() != null ? state.isolation() : IsolationLevels.ofParameters(tracked.current());
    }

    /** Whether SQL changed autocommit, the database, the search path or the isolation since the last call; clears the flag. */
    boolean takePropertiesChangedBySql() {
        boolean changed = propertiesChangedBySql;
        propertiesChangedBySql = false;
        return changed;
    }

    SessionSavepoints savepoints() {
        return savepoints;
    }

    boolean inTransaction() {
        return transaction != null;
    }

    /** Why the session keeps its connection, or null. Read by the admin API on another thread. */
    PinReason pinReason() {
        return pinReason;
    }

    String pinDetail() {
        return pinDetail;
    }

    RunningStatements running() {
        return running;
    }

    /** Marks the start of a request (called on the session monitor). */
    void requestStarted() {
        requestsInFlight++;
        lastRequestNanos = System.nanoTime();
    }

    void requestEnded() {
        requestsInFlight--;
        lastRequestNanos = System.nanoTime();
    }

    /** Whether a request of this session is running now (read without the monitor). */
    boolean isBusy() {
        return requestsInFlight > 0;
    }

    /** Time since the last request ended; zero while one runs. */
    long idleNanos(long now) {
        return requestsInFlight > 0 ? 0 : now - lastRequestNanos;
    }

    GatewayStatement newStatement() {
        GatewayStatement statement = new GatewayStatement(++lastStatementId);
        statements.put(statement.id(), statement);
        return statement;
    }

    GatewayStatement statement(Meta.StatementHandle handle) throws NoSuchStatementException {
        GatewayStatement statement = statements.get(handle.id);
        if (statement == null) {
            throw new NoSuchStatementException(handle);
        }
        return statement;
    }

    void closeStatement(int statementId) {
        GatewayStatement statement = statements.remove(statementId);
        if (statement != null) {
            statement.closeCursor();
        }
    }

    /**
     * A physical connection for the next piece of work: the pinned one, the open transaction's, or
     * a fresh one from the pool carrying this session's tracked parameters and JDBC state. Outside
     * autocommit the fresh one becomes the session's transaction until commit or rollback.
     *
     * @param streamingQuery whether the work is a query whose result may be read over several
     *     fetches
     * @param pin when the work creates state that cannot be tracked: the session keeps the
     *     connection from now on
     */
    Lease lease(boolean streamingQuery, StateEffect pin) {
        if (pin != null && pin.pin() != null && pinned == null) {
            pinTo(pin);
        }
        if (transaction != null) {
            return Lease.inTransaction(transaction);
        }
        if (source == null) {
            // Federated sessions run queries through the planner; nothing else has one upstream to go to.
            throw GatewayException.of(JunctionSqlState.FEATURE_NOT_SUPPORTED, "This call needs one source:"
                    + " connect to jdbc:junction://host:port/SOURCE to use it; the federated catalog only runs queries.");
        }
        Connection connection = pinned;
        boolean carriesSchemaAndCatalog = false;
        if (connection == null) {
            Fresh fresh = freshConnection();
            connection = fresh.connection();
            carriesSchemaAndCatalog = fresh.carriedAlready();
        }
        try {
            if (state.isolation() != null) {
                isolationRestoredByPool = connection;
                carry(connection);
            }
            // A connection that served this session's state last (nothing restores schema or catalog) has them.
            state.applyTo(connection, !carriesSchemaAndCatalog);
            if (!state.autoCommit()) {
                connection.setAutoCommit(false);
                transaction = connection;
                transactionBegan();
                return Lease.inTransaction(connection);
            }
            if (streamingQuery && source.dialect().streamsOnlyInTransaction()) {
                connection.setAutoCommit(false);
                return Lease.forStreamingStatement(connection, pinned != null);
            }
            return Lease.forStatement(connection, pinned != null);
        } catch (SQLException e) {
            if (connection != pinned) {
                closeBroken(connection);
            }
            throw GatewayException.fromUpstream(e);
        }
    }

    Lease lease(boolean streamingQuery) {
        return lease(streamingQuery, null);
    }

    /**
     * Records what a statement that just succeeded on the lease did to session state: tracked
     * parameters read back, autocommit or database switched, a transaction opened or ended
     * through SQL.
     */
    void afterStatement(Lease lease, StateEffect effect) throws SQLException {
        if (effect.isNone()) {
            return;
        }
        Connection connection = lease.connection();
        String searchPathBefore = tracked.current().get(SEARCH_PATH);
        Integer isolationBefore = isolation();
        boolean postgresTransaction = source.dialect() == Dialect.POSTGRESQL && transaction != null;
        Set<String> changed = new HashSet<>(effect.tracked());
        if (postgresTransaction) {
            // SET LOCAL outside a transaction changes nothing (PostgreSQL only warns).
            changed.addAll(effect.local());
        }
        if (!effect.resets().isEmpty()) {
            // Before the read-back: a parameter reset and then set in one request is tracked with its last value.
            tracked.reset(effect.resets(), postgresTransaction);
        }
        if (!changed.isEmpty()) {
            tracked.readBack(connection, source.dialect(), changed, postgresTransaction);
        }
        if (effect.savepointRollback() && postgresTransaction) {
            tracked.reconcile(connection, false);
        }
        changed.addAll(effect.resets());
        if (!Collections.disjoint(changed, IsolationLevels.PARAMETERS)) {
            state.isolationReplacedBySql();
        }
        if (changed.contains(SEARCH_PATH) || !Objects.equals(searchPathBefore, tracked.current().get(SEARCH_PATH))) {
            searchPathChanged(connection);
        }
        if (effect.catalog() || effect.autoCommit()) {
            propertiesChangedBySql = true;
        }
        if (effect.catalog()) {
            String database = single(connection, "SELECT DATABASE()");
            state.catalog(database);
            // Through HikariCP's proxy, so that the pool restores the database on return.
            connection.setCatalog(database);
        }
        if (effect.autoCommit()) {
            autoCommitSwitchedBySql(lease, !"0".equals(single(connection, "SELECT @@autocommit")));
        }
        if (effect.transaction() == StateEffect.Transaction.BEGIN && transaction == null) {
            transaction = connection;
            sqlTransaction = true;
            lease.adoptedBySession();
            transactionBegan();
        } else if (effect.transaction() == StateEffect.Transaction.END && sqlTransaction) {
            sqlTransaction = false;
            transaction = null;
            transactionEnded(connection, true);
            lease.endsWithStatement(connection == pinned);
            // After the upstream COMMIT returned: a load that started before it is discarded.
            cacheState.transactionEnded();
        }
        if (effect.transactionIsolation() && isolationFixedByTransaction && transaction == connection) {
            // BEGIN ISOLATION LEVEL ..., SET TRANSACTION ...: the level PostgreSQL took, as SHOW answers it.
            transactionIsolation = IsolationLevels.parse(single(connection, "SHOW transaction_isolation"));
        }
        carry(connection);
        followedUpstream(connection, searchPathBefore, isolationBefore);
    }

    /**
     * After the upstream rolled the session's transaction back to a savepoint (JDBC's {@code rollback(Savepoint)}):
     * PostgreSQL undid the SETs made since, which the tracked parameters follow.
     */
    void rolledBackToSavepoint(Connection connection) throws SQLException {
        if (source.dialect() != Dialect.POSTGRESQL || !tracked.changedInTransaction()) {
            return;
        }
        String searchPathBefore = tracked.current().get(SEARCH_PATH);
        Integer isolationBefore = isolation();
        tracked.reconcile(connection, false);
        carry(connection);
        followedUpstream(connection, searchPathBefore, isolationBefore);
    }

    /**
     * The transaction on {@code connection} just ended: the parameters SQL changed in it are read again, as
     * PostgreSQL kept them (a rollback undid them, a commit of a failed transaction too, SET LOCAL ended).
     * A null connection was lost with the transaction: its changes are dropped.
     */
    private void transactionEnded(Connection connection, boolean committed) {
        isolationFixedByTransaction = false;
        transactionIsolation = null;
        if (!tracked.changedInTransaction()) {
            return;
        }
        if (connection == null) {
            tracked.endWithoutReading(committed);
            return;
        }
        try {
            tracked.reconcile(connection, true);
        } catch (SQLException e) {
            // The transaction did end, and the connection that cannot answer will not serve again: keep the
            // changes as a plain commit or rollback leaves them rather than fail the client's commit.
            tracked.endWithoutReading(committed);
        }
    }

    /** A transaction began on the upstream connection: on PostgreSQL it keeps the isolation it began with. */
    private void transactionBegan() {
        if (source.dialect() == Dialect.POSTGRESQL) {
            isolationFixedByTransaction = true;
            transactionIsolation = sessionIsolation();
        }
    }

    /**
     * Tells the client, through the next response, when what its getters show moved: the search path changed
     * without a statement setting it (a rollback undid the SET), or the isolation changed.
     */
    private void followedUpstream(Connection connection, String searchPathBefore, Integer isolationBefore)
            throws SQLException {
        if (!Objects.equals(searchPathBefore, tracked.current().get(SEARCH_PATH))) {
            rememberSchemaOfSearchPath(connection);
            propertiesChangedBySql = true;
        }
        if (!Objects.equals(isolationBefore, isolation())) {
            propertiesChangedBySql = true;
        }
    }

    private void searchPathChanged(Connection connection) throws SQLException {
        // Set or reset through SQL: either supersedes a schema set through JDBC.
        state.schemaReplacedBySql();
        propertiesChangedBySql = true;
        // No search path is the default: getSchema() then shows the upstream's default schema.
        searchPathSchemas.learn(connection, tracked.current().get(SEARCH_PATH), true);
    }

    /** The search path came back to a value (a rollback): what getSchema() shows under it, if not known yet. */
    private void rememberSchemaOfSearchPath(Connection connection) throws SQLException {
        searchPathSchemas.learn(connection, tracked.current().get(SEARCH_PATH), false);
    }

    private void autoCommitSwitchedBySql(Lease lease, boolean autoCommit) throws SQLException {
        Connection connection = lease.connection();
        // Through HikariCP's proxy too: it then restores autocommit when the connection returns.
        connection.setAutoCommit(autoCommit);
        state.autoCommit(autoCommit);
        if (!autoCommit && transaction == null) {
            transaction = connection;
            lease.adoptedBySession();
        } else if (autoCommit && transaction != null) {
            // MariaDB committed the open transaction on SET autocommit=1, as JDBC's setter does.
            Connection ended = transaction;
            transaction = null;
            sqlTransaction = false;
            // MariaDB: no rollback undoes a SET, so nothing is pending.
            tracked.endWithoutReading(true);
            if (ended == connection) {
                lease.endsWithStatement(ended == pinned);
            } else if (ended != pinned) {
                ended.close();
            }
            cacheState.transactionEnded();
        }
    }

    /**
     * Records which tracked parameters the connection carries for this session (see {@link CarriedState}), short of
     * an isolation parameter when HikariCP will restore the isolation on return: the next lease replays it.
     */
    private void carry(Connection connection) throws SQLException {
        Map<String, String> values = wantedOnConnection();
        if (connection == isolationRestoredByPool && !Collections.disjoint(values.keySet(), IsolationLevels.PARAMETERS)) {
            values = new TreeMap<>(values);
            values.keySet().removeAll(IsolationLevels.PARAMETERS);
        }
        CarriedState.set(connection, values);
    }

    /**
     * What a connection serving this session must carry: its tracked parameters, and the schema and catalog it
     * set through JDBC (or MariaDB's {@code USE}), which HikariCP does not restore on return (it restores only
     * those its own configuration names, and Junction names none): a connection carrying them is reset before
     * a session that wants other ones gets it.
     */
    private Map<String, String> wantedOnConnection() {
        Map<String, String> parameters = tracked.current();
        if (state.schema() == null && state.catalog() == null) {
            return parameters;
        }
        Map<String, String> wanted = new TreeMap<>(parameters);
        if (state.schema() != null) {
            wanted.put(CARRIED_SCHEMA, state.schema());
        }
        if (state.catalog() != null) {
            wanted.put(CARRIED_CATALOG, state.catalog());
        }
        return wanted;
    }

    /**
     * @param carriedAlready whether the connection carried exactly what this session wants of it (see
     *     {@link #wantedOnConnection}) when the pool lent it
     */
    private record Fresh(Connection connection, boolean carriedAlready) {
    }

    private Fresh freshConnection() {
        Map<String, String> wanted = wantedOnConnection();
        Map<String, String> parameters = tracked.current();
        for (int attempt = 0; ; attempt++) {
            Connection connection = source.acquire();
            try {
                Map<String, String> carried = CarriedState.of(connection);
                if (carried.equals(wanted)) {
                    return new Fresh(connection, true);
                }
                if (!carried.isEmpty()) {
                    CarriedState.set(connection, Map.of());
                    if (!source.reset(connection)) {
                        if (attempt < 2) {
                            continue;
                        }
                        throw GatewayException.of(JunctionSqlState.UPSTREAM_UNAVAILABLE, "Source '" + source.name()
                                + "': connections fail their reset; the pool evicted them. Check the upstream's log.");
                    }
                }
                if (!parameters.isEmpty()) {
                    TrackedParameters.apply(connection, source.dialect(), parameters);
                    counters.stateReplayed();
                }
                CarriedState.set(connection, wanted);
                return new Fresh(connection, false);
            } catch (SQLException e) {
                source.evict(connection);
                throw GatewayException.fromUpstream(e);
            }
        }
    }

    private void pinTo(StateEffect effect) {
        Connection connection = transaction != null ? transaction : freshConnection().connection();
        pinned = connection;
        pinReason = effect.pin();
        pinDetail = effect.pinDetail();
        counters.pinned(effect.pin());
    }

    private static String single(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getString(1);
        }
    }

    /** Commits the open transaction, if any, and gives its connection back. */
    void commit() throws SQLException {
        endTransaction(true);
    }

    /** Rolls the open transaction back, if any, and gives its connection back. */
    void rollback() throws SQLException {
        endTransaction(false);
    }

    /**
     * Applies the client's new connection properties. Turning autocommit on inside a transaction
     * commits it, as JDBC's {@code setAutoCommit(true)} does; other changes reach the open
     * transaction's connection at once.
     */
    void changeState(Meta.ConnectionProperties changes) throws SQLException {
        SessionState before = state.copy();
        state.merge(changes);
        if (state.autoCommit() && transaction != null) {
            commit();
        } else if (transaction != null) {
            if (state.isolation() != null && !state.isolation().equals(before.isolation())) {
                isolationRestoredByPool = transaction;
            }
            state.applyChangesSince(before, transaction);
            if (source.dialect() == Dialect.POSTGRESQL && state.schema() != null
                    && !state.schema().equals(before.schema())) {
                // pgjdbc's setSchema is a SET search_path inside the transaction, which its rollback undoes:
                // followed as the SQL SET it is.
                tracked.readBack(transaction, Dialect.POSTGRESQL, Set.of(SEARCH_PATH), true);
                searchPathChanged(transaction);
            }
            carry(transaction);
        }
    }

    boolean isClosed() {
        return closed;
    }

    /**
     * Ends the session: running statements cancelled, open cursors closed, an open transaction
     * rolled back (nothing committed), the pinned connection reset and given back.
     */
    void close() throws SQLException {
        closed = true;
        running.cancelAll();
        List<GatewayStatement> open = new ArrayList<>(statements.values());
        statements.clear();
        for (GatewayStatement statement : open) {
            statement.closeCursor();
        }
        try {
            rollback();
        } finally {
            unpin();
        }
    }

    private void endTransaction(boolean commit) throws SQLException {
        if (transaction == null) {
            return;
        }
        // Cursors live in the transaction's connection: after it ends they would read another
        // session's connection, so they end with it.
        for (GatewayStatement statement : statements.values()) {
            Cursor cursor = statement.cursor();
            if (cursor != null && cursor.holdsSessionTransaction()) {
                statement.closeCursor();
            }
        }
        Connection connection = transaction;
        boolean opened = sqlTransaction;
        String searchPathBefore = tracked.current().get(SEARCH_PATH);
        Integer isolationBefore = isolation();
        transaction = null;
        sqlTransaction = false;
        savepoints.clear();
        try {
            if (!commit && connection.isClosed()) {
                // The pool closed it as broken (HikariCP does on class 08 and a few others; see
                // StatementLevelErrors): the upstream ended the transaction with the connection.
                transactionEnded(null, false);
            } else {
                try {
                    if (opened) {
                        // Opened by a SQL BEGIN on an autocommit connection: JDBC's commit() would refuse.
                        try (Statement statement = connection.createStatement()) {
                            statement.execute(commit ? "COMMIT" : "ROLLBACK");
                        }
                    } else if (commit) {
                        connection.commit();
                    } else {
                        connection.rollback();
                    }
                } catch (SQLException | RuntimeException e) {
                    // A failed COMMIT ended the transaction too (PostgreSQL rolled it back).
                    transactionEnded(connection, false);
                    try {
                        carry(connection);
                    } catch (SQLException unknown) {
                        e.addSuppressed(unknown);
                    }
                    throw e;
                }
                transactionEnded(connection, commit);
                carry(connection);
                // A SET search_path in the transaction rolled back: getSchema() follows.
                rememberSchemaOfSearchPath(connection);
            }
        } finally {
            if (!Objects.equals(searchPathBefore, tracked.current().get(SEARCH_PATH))
                    || !Objects.equals(isolationBefore, isolation())) {
                propertiesChangedBySql = true;
            }
            try {
                if (connection != pinned) {
                    connection.close();
                }
            } finally {
                // After the upstream commit returned: a load that started before it is discarded.
                cacheState.transactionEnded();
            }
        }
    }

    /** Gives the pinned connection back, reset, so the next session sees none of this one's state. */
    private void unpin() {
        Connection connection = pinned;
        if (connection == null) {
            return;
        }
        pinned = null;
        pinReason = null;
        pinDetail = null;
        try {
            CarriedState.set(connection, Map.of());
            if (source.reset(connection)) {
                connection.close();
            }
        } catch (SQLException | RuntimeException e) {
            source.evict(connection);
        }
    }

    private static void closeBroken(Connection connection) {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // Already unusable; the pool evicts it.
        }
    }
}
