package io.junction.server.passthrough;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Compares a row read through Junction with the same row read directly, column by column, with
 * the getter a client would use for the column's type.
 */
final class ValueComparison {
    private ValueComparison() {
    }

    static void assertSameRows(ResultSet direct, ResultSet junction) throws SQLException {
        ResultSetMetaData directMeta = direct.getMetaData();
        ResultSetMetaData junctionMeta = junction.getMetaData();
        assertThat(junctionMeta.getColumnCount()).isEqualTo(directMeta.getColumnCount());
        int row = 0;
        while (direct.next()) {
            row++;
            assertThat(junction.next()).as("row %d through Junction", row).isTrue();
            for (int c = 1; c <= directMeta.getColumnCount(); c++) {
                String column = directMeta.getColumnLabel(c);
                assertThat(junctionMeta.getColumnLabel(c)).isEqualTo(column);
                assertThat(junctionMeta.getColumnTypeName(c)).as(column).isEqualTo(directMeta.getColumnTypeName(c));
                assertThat(read(junction, c, directMeta.getColumnType(c)))
                        .as("row %d column %s (%s)", row, column, directMeta.getColumnTypeName(c))
                        .isEqualTo(read(direct, c, directMeta.getColumnType(c)));
                assertThat(junction.wasNull()).as("wasNull of %s", column).isEqualTo(direct.wasNull());
            }
        }
        assertThat(junction.next()).as("no extra rows through Junction").isFalse();
    }

    /** The value as the getter for its JDBC type returns it, normalised so equal values compare equal. */
    private static Object read(ResultSet rs, int c, int type) throws SQLException {
        switch (type) {
            case Types.BIT:
            case Types.BOOLEAN:
                return rs.getBoolean(c);
            case Types.TINYINT:
            case Types.SMALLINT:
            case Types.INTEGER:
            case Types.BIGINT:
                // As a decimal: unsigned BIGINT values do not fit a long.
                var integer = rs.getBigDecimal(c);
                return integer == null ? null : integer.toPlainString();
            case Types.REAL:
                return rs.getFloat(c);
            case Types.FLOAT:
            case Types.DOUBLE:
                return rs.getDouble(c);
            case Types.NUMERIC:
            case Types.DECIMAL:
                var decimal = rs.getBigDecimal(c);
                return decimal == null ? null : decimal.toPlainString();
            case Types.DATE:
                var date = rs.getDate(c);
                return date == null ? null : date.toString();
            case Types.TIME:
                var time = rs.getTime(c);
                return time == null ? null : time.toString() + "." + Math.floorMod(time.getTime(), 1000);
            case Types.TIMESTAMP:
            case Types.TIMESTAMP_WITH_TIMEZONE:
                var timestamp = rs.getTimestamp(c);
                return timestamp == null ? null : timestamp.getTime();
            case Types.BINARY:
            case Types.VARBINARY:
            case Types.LONGVARBINARY:
            case Types.BLOB:
                byte[] bytes = rs.getBytes(c);
                return bytes == null ? null : Arrays.toString(bytes);
            case Types.ARRAY:
                Array array = rs.getArray(c);
                if (array == null) {
                    return null;
                }
                List<String> elements = new ArrayList<>();
                for (Object element : (Object[]) array.getArray()) {
                    elements.add(String.valueOf(element));
                }
                return elements;
            default:
                return rs.getString(c);
        }
    }
}
