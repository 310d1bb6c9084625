package io.junction.server.session;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * A physical connection lent to a session: for one statement in autocommit mode, for one open
 * cursor, or for a whole transaction (then the session, not the lease, gives it back).
 */
final class Lease {
    private enum Scope { STATEMENT, SHORT_TRANSACTION, SESSION_TRANSACTION, NONE }

    private final Connection connection;
    private final Scope scope;
    private boolean released;

    private Lease(Connection connection, Scope scope) {
        this.connection = connection;
        this.scope = scope;
    }

    /** An autocommit connection, returned to the pool on release. */
    static Lease forStatement(Connection connection) {
        return new Lease(connection, Scope.STATEMENT);
    }

    /**
     * An autocommit statement run in its own short transaction so that its result can stream
     * (see {@code Dialect.streamsOnlyInTransaction}); committed on release after success, rolled
     * back otherwise, as the upstream would do in autocommit mode.
     */
    static Lease forStreamingStatement(Connection connection) {
        return new Lease(connection, Scope.SHORT_TRANSACTION);
    }

    /** The session's transaction connection; releasing the lease leaves it with the session. */
    static Lease inTransaction(Connection connection) {
        return new Lease(connection, Scope.SESSION_TRANSACTION);
    }

    /**
     * No connection: a cross-source federated result, whose sub-queries borrow and return their
     * own connections as federation reads them.
     */
    static Lease none() {
        return new Lease(null, Scope.NONE);
    }

    Connection connection() {
        return connection;
    }

    boolean isSessionTransaction() {
        return scope == Scope.SESSION_TRANSACTION;
    }

    /**
     * Gives the connection back. Idempotent.
     *
     * @param success whether the work done on it succeeded (decides commit or rollback of a
     *     short transaction)
     */
    void release(boolean success) throws SQLException {
        if (released) {
            return;
        }
        released = true;
        switch (scope) {
            case SESSION_TRANSACTION:
            case NONE:
                return;
            case SHORT_TRANSACTION:
                try {
                    if (success) {
                        connection.commit();
                    } else {
                        connection.rollback();
                    }
                } finally {
                    connection.close();
                }
                return;
            default:
                connection.close();
        }
    }
}
