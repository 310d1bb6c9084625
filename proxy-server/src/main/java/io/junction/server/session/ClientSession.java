package io.junction.server.session;

import io.junction.server.auth.AuthenticatedUser;
import io.junction.server.error.GatewayException;
import io.junction.server.error.JunctionSqlState;
import io.junction.server.upstream.Source;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.NoSuchStatementException;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One client connection: who opened it, which source it talks to, the state it set, and its
 * statements. It holds a physical connection only while a transaction is open; otherwise each
 * statement leases one (DESIGN.md decision 6).
 *
 * <p>Not thread-safe: {@link GatewayMeta} serializes the requests of a session on its monitor.
 */
final class ClientSession {
    private final String id;
    private final AuthenticatedUser owner;
    private final Source source;
    private final ZoneId clientZone;
    private final SessionState state = new SessionState();
    private final SessionCacheState cacheState = new SessionCacheState();
    private final SessionSavepoints savepoints = new SessionSavepoints();
    private final Map<Integer, GatewayStatement> statements = new HashMap<>();
    private int lastStatementId;
    private boolean preciseTemporals;
    private Connection transaction;

    ClientSession(String id, AuthenticatedUser owner, Source source, ZoneId clientZone) {
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

    SessionState state() {
        return state;
    }

    SessionCacheState cacheState() {
        return cacheState;
    }

    SessionSavepoints savepoints() {
        return savepoints;
    }

    boolean inTransaction() {
        return transaction != null;
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
     * A physical connection for the next piece of work: the open transaction's, or a fresh one
     * from the pool with this session's state applied. Outside autocommit the fresh one becomes
     * the session's transaction until commit or rollback.
     *
     * @param streamingQuery whether the work is a query whose result may be read over several
     *     fetches
     */
    Lease lease(boolean streamingQuery) {
        if (transaction != null) {
            return Lease.inTransaction(transaction);
        }
        if (source == null) {
            // Federated sessions run queries through the planner; nothing else has one upstream to go to.
            throw GatewayException.of(JunctionSqlState.FEATURE_NOT_SUPPORTED, "This call needs one source:"
                    + " connect to jdbc:junction://host:port/SOURCE to use it; the federated catalog only runs queries.");
        }
        Connection connection = source.acquire();
        try {
            state.applyTo(connection);
            if (!state.autoCommit()) {
                connection.setAutoCommit(false);
                transaction = connection;
                return Lease.inTransaction(connection);
            }
            if (streamingQuery && source.dialect().streamsOnlyInTransaction()) {
                connection.setAutoCommit(false);
                return Lease.forStreamingStatement(connection);
            }
            return Lease.forStatement(connection);
        } catch (SQLException e) {
            closeBroken(connection);
            throw GatewayException.fromUpstream(e);
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
            state.applyChangesSince(before, transaction);
        }
    }

    /** Ends the session: open cursors closed, an open transaction rolled back, nothing committed. */
    void close() throws SQLException {
        List<GatewayStatement> open = new ArrayList<>(statements.values());
        statements.clear();
        for (GatewayStatement statement : open) {
            statement.closeCursor();
        }
        rollback();
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
        transaction = null;
        savepoints.clear();
        try {
            if (commit) {
                connection.commit();
            } else {
                connection.rollback();
            }
        } finally {
            try {
                connection.close();
            } finally {
                // After the upstream commit returned: a load that started before it is discarded.
                cacheState.transactionEnded(commit);
            }
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
