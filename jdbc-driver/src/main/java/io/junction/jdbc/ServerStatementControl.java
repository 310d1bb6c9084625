package io.junction.jdbc;

import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.Meta;

import java.sql.SQLException;

/**
 * Tells the server what stock Avatica keeps to itself: a {@code cancel()} and a query timeout. Stock
 * Avatica only sets a local flag for the first and stores the second, so neither stops a statement
 * running on the upstream. Both go through Junction's protocol extensions, naming the connection and
 * statement; the cancel travels on its own HTTP request, so it reaches the server while the
 * statement's own request is still running.
 */
final class ServerStatementControl {
    private ServerStatementControl() {
    }

    static void cancel(AvaticaConnection connection, Meta.StatementHandle handle) throws SQLException {
        client(connection).extension("cancel", "{\"connectionId\":" + quote(connection.id)
                + ",\"statementId\":" + handle.id + "}");
    }

    static void queryTimeout(AvaticaConnection connection, Meta.StatementHandle handle, int seconds)
            throws SQLException {
        client(connection).extension("query-timeout", "{\"connectionId\":" + quote(connection.id)
                + ",\"statementId\":" + handle.id + ",\"seconds\":" + seconds + "}");
    }

    private static JunctionHttpClient client(AvaticaConnection connection) throws SQLException {
        JunctionHttpClient transport = ((JunctionConnection) connection).transport();
        if (transport == null) {
            throw new SQLException("The connection has no transport to the server (it is closed).", "08003");
        }
        return transport;
    }

    /** Connection ids are UUIDs; quoting still escapes, as ids come from the client. */
    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
