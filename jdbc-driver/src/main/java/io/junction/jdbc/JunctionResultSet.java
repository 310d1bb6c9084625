package io.junction.jdbc;

import org.apache.calcite.avatica.AvaticaResultSet;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.QueryState;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.TimeZone;

/**
 * Avatica's result set, except that a failed fetch of the next frame throws an SQLException with its
 * SQLState instead of Avatica's unchecked exception, and that TIME and TIMESTAMP columns a Junction server
 * sent at full precision (as text) read back as times with every fractional digit.
 */
class JunctionResultSet extends AvaticaResultSet {
    /** Per column, how a full-precision time sent as text reads back; null for every other column. */
    private final PreciseTemporalAccessor.Kind[] temporals;
    private final TimeZone timeZone;

    JunctionResultSet(AvaticaStatement statement, QueryState state, Meta.Signature signature,
                      ResultSetMetaData metaData, TimeZone timeZone, Meta.Frame firstFrame,
                      PreciseTemporalAccessor.Kind[] temporals) throws SQLException {
        super(statement, state, signature, metaData, timeZone, firstFrame);
        this.temporals = temporals;
        this.timeZone = timeZone;
    }

    /**
     * Reads full-precision time columns (sent as text) through {@link PreciseTemporalAccessor}s, and DATE
     * columns also as {@code LocalDate}.
     */
    @Override
    protected AvaticaResultSet execute() throws SQLException {
        openCursor();
        for (int i = 0; i < temporals.length; i++) {
            if (temporals[i] != null) {
                accessorList.set(i, new PreciseTemporalAccessor(accessorList.get(i), temporals[i], timeZone));
            } else if (columnMetaDataList.get(i).type.id == Types.DATE) {
                accessorList.set(i, new LocalDateAccessor(accessorList.get(i)));
            }
        }
        return this;
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
