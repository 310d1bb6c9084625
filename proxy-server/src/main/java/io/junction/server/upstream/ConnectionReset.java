package io.junction.server.upstream;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Returns a physical connection to the state it had when it was opened, dropping whatever session
 * state a client left on it (FIELD-NOTES section 2, Reset).
 */
final class ConnectionReset {
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
                connection.unwrap(org.mariadb.jdbc.Connection.class).reset();
                return true;
            default:
                // MySQL included: the MariaDB driver never sends COM_RESET_CONNECTION to a MySQL server (MySQL bug
                // 97633), and its reset() alone leaves session variables, temporary tables and locks behind.
                return false;
        }
    }
}
