package io.junction.server.session;

import io.junction.server.error.GatewayException;
import io.junction.server.error.JunctionSqlState;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.Meta;

import java.util.ArrayList;
import java.util.List;

/**
 * A result held in memory (a cached result, or one Junction made itself such as EXPLAIN CACHE),
 * read frame by frame like an upstream cursor. It holds no connection, so it needs no closing.
 */
final class MemoryCursor {
    private final List<ColumnMetaData> columns;
    private final List<Object[]> rows;
    private long position;

    MemoryCursor(List<ColumnMetaData> columns, List<Object[]> rows) {
        this.columns = columns;
        this.rows = rows;
    }

    List<ColumnMetaData> columns() {
        return columns;
    }

    Meta.Frame next(long offset, int maxRows) {
        if (offset != position) {
            throw GatewayException.of(JunctionSqlState.INVALID_HANDLE, "Fetch at row " + offset
                    + " but the cursor is at row " + position + "; results are read forward only."
                    + " Re-execute the statement to read them again.");
        }
        int from = (int) Math.min(position, rows.size());
        int to = (int) Math.min((long) from + Math.min(maxRows, Cursor.MAX_FRAME_ROWS), rows.size());
        List<Object> frame = new ArrayList<>(rows.subList(from, to));
        position = to;
        return Meta.Frame.create(offset, to == rows.size(), frame);
    }
}
