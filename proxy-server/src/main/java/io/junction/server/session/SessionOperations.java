package io.junction.server.session;

import io.junction.server.error.GatewayException;
import io.junction.server.error.JunctionSqlState;
import org.apache.calcite.avatica.Meta;

import java.sql.Connection;
import java.util.List;

/**
 * The session operations behind Junction's protocol extensions that Avatica has no message for:
 * savepoints, generated keys, parameter metadata and {@code nativeSQL}. Each runs on the caller's session like an
 * Avatica request does.
 */
final class SessionOperations {
    /** What a savepoint request does. */
    enum SavepointAction { SET, ROLLBACK, RELEASE }

    private final GatewayMeta meta;

    SessionOperations(GatewayMeta meta) {
        this.meta = meta;
    }

    /** The upstream's description of a prepared statement's parameters ({@link ParameterDescriptions}). */
    List<java.util.Map<String, Object>> parameterMetadata(String connectionId, int statementId,
                                                          List<org.apache.calcite.avatica.remote.TypedValue> bound) {
        return meta.onSession(connectionId, session -> {
            Meta.Signature signature = session.statement(new Meta.StatementHandle(connectionId, statementId, null))
                    .signature();
            if (signature == null) {
                throw GatewayException.of(JunctionSqlState.INVALID_HANDLE, "Statement " + statementId
                        + " was not prepared; only a prepared statement has parameter metadata.");
            }
            return meta.parameterDescriptions().describe(session, signature.sql, signature.parameters, bound);
        });
    }

    /** Sets, rolls back to or releases a savepoint of the session's transaction (starting it if need be). */
    void savepoint(String connectionId, SavepointAction action, String name) {
        meta.onSession(connectionId, session -> {
            if (session.state().autoCommit()) {
                throw GatewayException.of(JunctionSqlState.NO_TRANSACTION, "Savepoint '" + name + "' needs a"
                        + " transaction, but the connection is in autocommit mode: call setAutoCommit(false) first.");
            }
            // Outside autocommit the lease is the session's transaction, begun here if not yet.
            Connection transaction = session.lease(false).connection();
            switch (action) {
                case SET -> session.savepoints().set(transaction, name);
                case ROLLBACK -> {
                    session.savepoints().rollbackTo(transaction, name);
                    session.rolledBackToSavepoint(transaction);
                }
                case RELEASE -> session.savepoints().release(transaction, name);
                default -> throw new IllegalArgumentException(action.name());
            }
            return null;
        });
    }

    /** Makes the statement's executions return generated keys; null stops that. */
    void requestGeneratedKeys(String connectionId, int statementId, GeneratedKeyRequest request) {
        meta.onSession(connectionId, session -> {
            session.statement(new Meta.StatementHandle(connectionId, statementId, null)).requestKeys(request);
            return null;
        });
    }

    /** Limits the rows of a prepared statement's next executions; 0 removes the limit. */
    void limitRows(String connectionId, int statementId, long maxRows) {
        meta.onSession(connectionId, session -> {
            session.statement(new Meta.StatementHandle(connectionId, statementId, null)).limitRows(maxRows);
            return null;
        });
    }

    /** The keys the statement's last execution generated, as one complete frame (empty if none). */
    Meta.MetaResultSet generatedKeys(String connectionId, int statementId) {
        return meta.onSession(connectionId, session -> {
            StoredResult keys = session.statement(new Meta.StatementHandle(connectionId, statementId, null))
                    .generatedKeys();
            if (keys != null) {
                return keys.toMetaResultSet(connectionId, statementId);
            }
            Meta.Signature none = Meta.Signature.create(List.of(), null, List.of(), Meta.CursorFactory.LIST,
                    Meta.StatementType.SELECT);
            return Meta.MetaResultSet.create(connectionId, statementId, false, none, Meta.Frame.EMPTY);
        });
    }

    /** The upstream driver's translation of JDBC escapes in {@code sql}. */
    String nativeSql(String connectionId, String sql) {
        return meta.onSession(connectionId, session -> {
            Lease lease = session.lease(false);
            try {
                String translated = lease.connection().nativeSQL(sql);
                lease.release(true);
                return translated;
            } catch (java.sql.SQLException | RuntimeException e) {
                lease.release(false);
                throw e;
            }
        });
    }
}
