package io.junction.jdbc;

import org.apache.calcite.avatica.AvaticaResultSet;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.QueryState;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.TimeZone;

/**
 * Avatica's result set, except that a failed fetch of the next frame throws an SQLException with its
 * SQLState instead of Avatica's unchecked exception.
 */
final class JunctionResultSet extends AvaticaResultSet {
    JunctionResultSet(AvaticaStatement statement, QueryState state, Meta.Signature signature,
                      ResultSetMetaData metaData, TimeZone timeZone, Meta.Frame firstFrame) throws SQLException {
        super(statement, state, signature, metaData, timeZone, firstFrame);
    }

    /** Positions a result set made from a complete frame the driver already holds before its first row. */
    JunctionResultSet open() throws SQLException {
        execute();
        return this;
    }

    @Override
    public boolean next() throws SQLException {
        return SqlErrors.guard("Error while fetching rows", super::next);
    }
}
