package io.junction.jdbc;

import org.apache.calcite.avatica.AvaticaResultSet;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.QueryState;
import org.apache.calcite.avatica.util.Cursor;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import java.util.TimeZone;

/**
 * Avatica's result set, except that a failed fetch of the next frame throws an SQLException with its
 * SQLState instead of Avatica's unchecked exception, and that TIME and TIMESTAMP columns a Junction server
 * sent at full precision (as text) read back as times with every fractional digit.
 */
class JunctionResultSet extends AvaticaResultSet {
    /** The columns as the server described them (as the upstream driver does); the cursor's are the wire types. */
    private final List<ColumnMetaData> described;
    private final TimeZone timeZone;

    JunctionResultSet(AvaticaStatement statement, QueryState state, Meta.Signature signature,
                      ResultSetMetaData metaData, TimeZone timeZone, Meta.Frame firstFrame,
                      List<ColumnMetaData> described) throws SQLException {
        super(statement, state, signature, metaData, timeZone, firstFrame);
        this.described = described;
        this.timeZone = timeZone;
    }

    /**
     * Reads full-precision time columns (sent as text) through {@link PreciseTemporalAccessor}s, DATE
     * columns also as {@code LocalDate}, and every value as the upstream driver returns it
     * ({@link UpstreamValueAccessor}).
     */
    @Override
    protected AvaticaResultSet execute() throws SQLException {
        openCursor();
        for (int i = 0; i < described.size(); i++) {
            ColumnMetaData column = described.get(i);
            Cursor.Accessor accessor = accessorList.get(i);
            PreciseTemporalAccessor.Kind temporal = PreciseTemporalAccessor.kindOf(column);
            if (temporal != null) {
                accessor = new PreciseTemporalAccessor(accessor, temporal, timeZone, column);
            } else if (columnMetaDataList.get(i).type.id == Types.DATE) {
                accessor = new LocalDateAccessor(accessor, PostgresTemporalConversions.applies(column));
            }
            accessorList.set(i, new UpstreamValueAccessor(accessor, column, localCalendar));
        }
        return this;
    }

    /** The column's class, as the upstream driver returns it (Avatica would pick by the wire type). */
    @Override
    public Object getObject(int columnIndex) throws SQLException {
        if (columnIndex < 1 || columnIndex > accessorList.size()) {
            return super.getObject(columnIndex);
        }
        checkOpen();
        return accessorList.get(columnIndex - 1).getObject();
    }

    @Override
    public Object getObject(String columnLabel) throws SQLException {
        return getObject(findColumn(columnLabel));
    }

    /** Makes the cursor and its accessors, positioned before the first row: Avatica's forward cursor here. */
    void openCursor() throws SQLException {
        super.execute();
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
