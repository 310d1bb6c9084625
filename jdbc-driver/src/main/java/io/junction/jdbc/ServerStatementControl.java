package io.junction.jdbc;

import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.Meta;

import java.sql.SQLException;

/**
 * Tells the server what stock Avatica keeps to itself: a {@code cancel()} and a query timeout. Stock
 * Avatica only sets a local flag for the first and stores the second, so neither stops a statement
 * running on the upstream. Both go through Junction's protocol extensions ({@link JunctionExtensions}),
 * naming the connection and statement; the cancel travels on its own HTTP request, so it reaches the
 * server while the statement's own request is still running.
 */
final class ServerStatementControl {
    private ServerStatementControl() {
    }

    static void cancel(AvaticaConnection connection, Meta.StatementHandle handle) throws SQLException {
        JunctionExtensions extensions = ((JunctionConnection) connection).extensions();
        extensions.call("cancel", "Cancelling statement " + handle.id,
                extensions.request().put("statementId", handle.id));
    }

    static void queryTimeout(AvaticaConnection connection, Meta.StatementHandle handle, int seconds)
            throws SQLException {
        JunctionExtensions extensions = ((JunctionConnection) connection).extensions();
        extensions.call("query-timeout", "Setting the query timeout of statement " + handle.id,
                extensions.request().put("statementId", handle.id).put("seconds", seconds));
    }
}
