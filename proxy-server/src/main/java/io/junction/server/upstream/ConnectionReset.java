package io.junction.server.upstream;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Returns a physical connection to the state it had when it was opened, dropping whatever session
 * state a client left on it (FIELD-NOTES section 2, Reset).
 */
final class ConnectionReset {
    /** The protocol capability by which the server reports session state changes (MariaDB's session tracking). */
    private static final long CLIENT_SESSION_TRACK = 1L << 23;

    private ConnectionReset() {
    }

    /**
     * @return false when this dialect has no reset; the caller then evicts the connection
     * @throws SQLException when the reset failed; the connection must not be reused
     */
    static boolean reset(Connection connection, Dialect dialect) throws SQLException {
        switch (dialect) {
            case POSTGRESQL:
                if (!connection.getAutoCommit()) {
                    connection.rollback();
                    connection.setAutoCommit(true);
                }
                // A plain statement on the same pgjdbc connection: pgjdbc sees the command tag and
                // forgets its server-side prepared statements, which DISCARD ALL deallocates.
                try (Statement statement = connection.createStatement()) {
                    statement.execute("DISCARD ALL");
                }
                return true;
            case MARIADB:
                // COM_RESET_CONNECTION (useResetConnection=true is a pool default): rollback, temporary
                // tables, locks, user variables and prepared statements gone, session variables restored.
                org.mariadb.jdbc.Connection mariadb = connection.unwrap(org.mariadb.jdbc.Connection.class);
                mariadb.reset();
                restoreIsolationTracking(connection, mariadb);
                return true;
            default:
                // MySQL included: the MariaDB driver never sends COM_RESET_CONNECTION to a MySQL server (MySQL bug
                // 97633), and its reset() alone leaves session variables, temporary tables and locks behind.
                return false;
        }
    }

    /**
     * COM_RESET_CONNECTION restores session_track_system_variables too, to which MariaDB Connector/J added the
     * isolation when it connected: the driver would no longer hear of isolation changes, and it keeps the level it
     * knew before the reset, with which it answers {@code getTransactionIsolation()} and skips a
     * {@code setTransactionIsolation()} it takes for no change. Sessions replay their {@code tx_isolation} by SQL
     * and set JDBC's level through the driver, so both must hold again: tracking back on, the level unknown (the
     * driver asks the server).
     */
    private static void restoreIsolationTracking(Connection connection, org.mariadb.jdbc.Connection mariadb)
            throws SQLException {
        if (!mariadb.getContext().hasClientCapability(CLIENT_SESSION_TRACK)) {
            return;
        }
        String variable = mariadb.getContext().canUseTransactionIsolation() ? "transaction_isolation" : "tx_isolation";
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET session_track_system_variables = CONCAT(@@global.session_track_system_variables, ',"
                    + variable + "')");
        }
        mariadb.getContext().setTransactionIsolationLevel(null);
    }
}
