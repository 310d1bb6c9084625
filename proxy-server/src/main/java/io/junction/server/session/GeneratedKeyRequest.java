package io.junction.server.session;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Which generated keys a client asked a statement for, in one of JDBC's three forms:
 * {@code RETURN_GENERATED_KEYS}, column indexes or column names. The upstream statement is created
 * or executed with the same request, so its driver decides how to return them (pgjdbc appends
 * {@code RETURNING}, MariaDB reads the insert id).
 */
record GeneratedKeyRequest(int[] columnIndexes, String[] columnNames) {
    /** {@code Statement.RETURN_GENERATED_KEYS}: the keys the upstream's driver chooses. */
    static final GeneratedKeyRequest ALL = new GeneratedKeyRequest(null, null);

    PreparedStatement prepare(Connection connection, String sql) throws SQLException {
        if (columnIndexes != null) {
            return connection.prepareStatement(sql, columnIndexes);
        }
        if (columnNames != null) {
            return connection.prepareStatement(sql, columnNames);
        }
        return connection.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS);
    }

    boolean execute(Statement statement, String sql) throws SQLException {
        if (columnIndexes != null) {
            return statement.execute(sql, columnIndexes);
        }
        if (columnNames != null) {
            return statement.execute(sql, columnNames);
        }
        return statement.execute(sql, Statement.RETURN_GENERATED_KEYS);
    }
}
