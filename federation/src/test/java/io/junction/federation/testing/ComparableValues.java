package io.junction.federation.testing;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * Values in one form whatever produced them, so rows from federation, the driver and the
 * reference database compare exactly: numbers as scale-free decimals (2.50 equals 2.5, nothing
 * is rounded), dates as ISO text, bytes as hex.
 */
public final class ComparableValues {
    private ComparableValues() {
    }

    public static Object of(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.signum() == 0 ? "0" : decimal.stripTrailingZeros().toPlainString();
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return of(BigDecimal.valueOf(((Number) value).longValue()));
        }
        if (value instanceof Double || value instanceof Float) {
            return of(BigDecimal.valueOf(((Number) value).doubleValue()));
        }
        if (value instanceof java.sql.Date date) {
            return date.toLocalDate().toString();
        }
        if (value instanceof java.sql.Timestamp timestamp) {
            return timestamp.toLocalDateTime().toString();
        }
        if (value instanceof byte[] bytes) {
            return HexFormat.of().formatHex(bytes);
        }
        if (value instanceof Boolean || value instanceof String) {
            return value;
        }
        return value.toString();
    }

    /** Every row of a JDBC result set, each value made comparable. */
    public static List<List<Object>> rows(ResultSet rs) throws SQLException {
        int columns = rs.getMetaData().getColumnCount();
        List<List<Object>> rows = new ArrayList<>();
        while (rs.next()) {
            Object[] row = new Object[columns];
            for (int c = 0; c < columns; c++) {
                row[c] = of(rs.getObject(c + 1));
            }
            rows.add(Arrays.asList(row));
        }
        return rows;
    }
}
