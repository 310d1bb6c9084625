package io.junction.jdbc;

import org.apache.calcite.avatica.Helper;

import java.sql.SQLException;

/**
 * Turns the runtime exceptions that escape Avatica's remote layer into SQLExceptions that keep their
 * SQLState: the driver's own {@link TransportException}s become their SQLException, and the server's
 * errors become the upstream driver's exception ({@link UpstreamErrors}).
 */
final class SqlErrors {
    /** A JDBC call whose Avatica implementation may throw unchecked. */
    interface SqlCall<T> {
        T call() throws SQLException;
    }

    /** A JDBC call without a result whose Avatica implementation may throw unchecked. */
    interface SqlRun {
        void run() throws SQLException;
    }

    private SqlErrors() {
    }

    static <T> T guard(String what, SqlCall<T> call) throws SQLException {
        try {
            return call.call();
        } catch (RuntimeException e) {
            throw toSqlException(what, e);
        }
    }

    static void guard(String what, SqlRun run) throws SQLException {
        try {
            run.run();
        } catch (RuntimeException e) {
            throw toSqlException(what, e);
        }
    }

    static SQLException toSqlException(String what, RuntimeException e) {
        if (e instanceof TransportException) {
            return ((TransportException) e).toSqlException();
        }
        return UpstreamErrors.translate(Helper.INSTANCE.createException(what + ": " + e.getMessage(), e));
    }
}
