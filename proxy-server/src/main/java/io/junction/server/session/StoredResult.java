package io.junction.server.session;

import org.apache.calcite.avatica.Meta;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * A small upstream result read whole and kept to be sent later as one frame: the generated keys of
 * a statement, which the client asks for after the execution's own response.
 */
final class StoredResult {
    private final ResultColumns columns;
    private final List<Object> rows;

    private StoredResult(ResultColumns columns, List<Object> rows) {
        this.columns = columns;
        this.rows = rows;
    }

    /** Reads and closes {@code resultSet}. */
    static StoredResult read(ResultSet resultSet, ZoneId clientZone, boolean preciseTemporals) throws SQLException {
        try (resultSet) {
            ResultColumns columns = ResultColumns.of(resultSet.getMetaData(), clientZone, preciseTemporals);
            List<Object> rows = new ArrayList<>();
            while (resultSet.next()) {
                rows.add(columns.readRow(resultSet));
            }
            return new StoredResult(columns, rows);
        }
    }

    /** The result as one complete frame of the statement that produced it (which stays the client's). */
    Meta.MetaResultSet toMetaResultSet(String connectionId, int statementId) {
        Meta.Signature signature = Meta.Signature.create(columns.metaData(), null, List.of(),
                Meta.CursorFactory.LIST, Meta.StatementType.SELECT);
        return Meta.MetaResultSet.create(connectionId, statementId, false, signature,
                Meta.Frame.create(0, true, rows));
    }
}
