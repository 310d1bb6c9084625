package io.junction.jdbc;

import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.Meta;

import java.sql.SQLException;

/** Avatica's statement whose {@code cancel()} and query timeout reach the server ({@link ServerStatementControl}). */
final class JunctionStatement extends AvaticaStatement {
    JunctionStatement(AvaticaConnection connection, Meta.StatementHandle h, int resultSetType,
                      int resultSetConcurrency, int resultSetHoldability) {
        super(connection, h, resultSetType, resultSetConcurrency, resultSetHoldability);
    }

    /**
     * Stops the statement running on the upstream; its execution fails with SQLState 57014. Not
     * synchronized (Avatica's is, and so waits for the very execution it should stop).
     */
    @Override
    public void cancel() throws SQLException {
        checkOpen();
        ServerStatementControl.cancel(connection, handle);
    }

    @Override
    public void setQueryTimeout(int seconds) throws SQLException {
        super.setQueryTimeout(seconds);
        ServerStatementControl.queryTimeout(connection, handle, seconds);
    }
}
