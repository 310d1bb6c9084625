package io.junction.jdbc;

import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.MetaImpl;
import org.apache.calcite.avatica.QueryState;
import org.apache.calcite.avatica.util.Cursor;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TimeZone;

/**
 * A {@code TYPE_SCROLL_INSENSITIVE} result set: it reads the whole result through the ordinary forward
 * fetches when it opens, then serves every movement from memory. Column getters stay Avatica's (and
 * Junction's precise-time) accessors, made on an Avatica cursor over the buffered rows.
 *
 * <p>A statement that asked for {@code TYPE_SCROLL_SENSITIVE} gets one too (JDBC lets a driver offer a
 * lesser type); {@link #getType} says which it is.
 *
 * <p>The position runs from 0 (before the first row) through {@code size + 1} (after the last).
 */
final class ScrollInsensitiveResultSet extends JunctionResultSet {
    private BufferedRows rows;
    private Cursor rowCursor;
    private int position;

    ScrollInsensitiveResultSet(AvaticaStatement statement, QueryState state, Meta.Signature signature,
                               ResultSetMetaData metaData, TimeZone timeZone, Meta.Frame firstFrame,
                               List<ColumnMetaData> described) throws SQLException {
        super(statement, state, signature, metaData, timeZone, firstFrame, described);
    }

    @Override
    void openCursor() throws SQLException {
        rows = new BufferedRows(SqlErrors.guard("Error while fetching rows", this::readAll));
        rowCursor = MetaImpl.createCursor(signature.cursorFactory, rows);
        execute2(rowCursor, columnMetaDataList);
        position = 0;
    }

    private List<Object> readAll() {
        Meta meta = ((JunctionConnection) statement.connection).remoteMeta();
        List<Object> all = new ArrayList<>();
        for (Object row : meta.createIterable(statement.handle, state, signature, Collections.emptyList(),
                firstFrame)) {
            all.add(row);
        }
        return all;
    }

    /** Moves to a position (clamped to before-first .. after-last); true when that is a row. */
    private boolean moveTo(long target) throws SQLException {
        checkOpen();
        int size = rows.size();
        position = (int) Math.max(0, Math.min(target, size + 1L));
        boolean onRow = position >= 1 && position <= size;
        // Off the rows, the cursor steps past the end so its getters refuse to read a stale row.
        rows.seek(onRow ? position - 1 : size);
        rowCursor.next();
        return onRow;
    }

    @Override
    public boolean next() throws SQLException {
        return moveTo(position + 1L);
    }

    @Override
    public boolean previous() throws SQLException {
        return moveTo(position - 1L);
    }

    /** A negative row counts from the end: -1 is the last row. */
    @Override
    public boolean absolute(int row) throws SQLException {
        return moveTo(row >= 0 ? row : rows.size() + 1L + row);
    }

    @Override
    public boolean relative(int count) throws SQLException {
        return moveTo((long) position + count);
    }

    @Override
    public boolean first() throws SQLException {
        return moveTo(1);
    }

    @Override
    public boolean last() throws SQLException {
        return moveTo(rows.size());
    }

    @Override
    public void beforeFirst() throws SQLException {
        moveTo(0);
    }

    @Override
    public void afterLast() throws SQLException {
        moveTo(rows.size() + 1L);
    }

    /** Also when the statement asked for a scroll-sensitive result, which the driver does not offer. */
    @Override
    public int getType() throws SQLException {
        checkOpen();
        return TYPE_SCROLL_INSENSITIVE;
    }

    @Override
    public int getRow() throws SQLException {
        checkOpen();
        return position >= 1 && position <= rows.size() ? position : 0;
    }

    /** Like the other position tests, false for an empty result (JDBC). */
    @Override
    public boolean isBeforeFirst() throws SQLException {
        checkOpen();
        return position == 0 && rows.size() > 0;
    }

    @Override
    public boolean isAfterLast() throws SQLException {
        checkOpen();
        return position == rows.size() + 1 && rows.size() > 0;
    }

    @Override
    public boolean isFirst() throws SQLException {
        checkOpen();
        return position == 1 && rows.size() > 0;
    }

    @Override
    public boolean isLast() throws SQLException {
        checkOpen();
        return position == rows.size() && rows.size() > 0;
    }
}
