package io.junction.server.session;

import java.sql.ResultSet;
import java.sql.SQLException;

/** Reads one column of the current row as the value Avatica serializes for its declared type. */
@FunctionalInterface
interface ColumnReader {
    Object read(ResultSet resultSet, int column) throws SQLException;
}
