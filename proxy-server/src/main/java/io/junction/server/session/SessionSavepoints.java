package io.junction.server.session;

import io.junction.server.error.GatewayException;
import io.junction.server.error.JunctionSqlState;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.HashMap;
import java.util.Map;

/**
 * The savepoints of a session's open transaction, by the name the client gave (the Junction driver
 * names unnamed ones). They exist on the transaction's connection only, so they end with it.
 */
final class SessionSavepoints {
    private final Map<String, Savepoint> byName = new HashMap<>();

    void set(Connection transaction, String name) throws SQLException {
        byName.put(name, transaction.setSavepoint(name));
    }

    void rollbackTo(Connection transaction, String name) throws SQLException {
        transaction.rollback(find(name));
    }

    void release(Connection transaction, String name) throws SQLException {
        transaction.releaseSavepoint(find(name));
        byName.remove(name);
    }

    /** Forgets every savepoint: the transaction ended. */
    void clear() {
        byName.clear();
    }

    private Savepoint find(String name) {
        Savepoint savepoint = byName.get(name);
        if (savepoint == null) {
            throw GatewayException.of(JunctionSqlState.INVALID_SAVEPOINT, "Savepoint '" + name
                    + "' does not exist in this transaction (released, rolled back past, or set in another one).");
        }
        return savepoint;
    }
}
