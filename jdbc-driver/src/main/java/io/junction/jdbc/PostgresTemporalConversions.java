package io.junction.jdbc;

import org.apache.calcite.avatica.ColumnMetaData;

import java.sql.Date;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.util.Set;

/**
 * The {@code getObject(i, Class)} conversions pgjdbc refuses for PostgreSQL's dates, times and timestamps,
 * refused here the same way, so that code which works through Junction works directly: a {@code java.sql}
 * class other than the column's own JDBC type's is refused with 22023, even for a null; a {@code java.time}
 * class the column's type cannot be read as (a {@code LocalDateTime} of a {@code timestamptz}, a
 * {@code LocalDate} of a {@code time}) with 42804, for a value.
 */
final class PostgresTemporalConversions {
    private static final Set<String> TEMPORAL = Set.of("date", "time", "timetz", "timestamp", "timestamptz");

    private PostgresTemporalConversions() {
    }

    /** Whether the column is one of PostgreSQL's temporal types as pgjdbc names them. */
    static boolean applies(ColumnMetaData column) {
        return column.type.name != null && TEMPORAL.contains(column.type.name);
    }

    /**
     * @param isNull whether the value is null: pgjdbc checks the java.time classes only against a value
     * @throws SQLException as pgjdbc refuses the conversion
     */
    static void check(ColumnMetaData column, Class<?> type, boolean isNull) throws SQLException {
        String name = column.type.name;
        String sqlClass = sqlClassOf(name);
        boolean refusedSql = (type == Date.class && !sqlClass.equals("date"))
                || (type == Time.class && !sqlClass.equals("time"))
                || ((type == Timestamp.class || type == java.util.Date.class) && !sqlClass.equals("timestamp"));
        if (refusedSql) {
            throw new SQLException("conversion to " + type + " from " + name + " not supported", "22023");
        }
        if (isNull) {
            return;
        }
        boolean refusedTime = (type == LocalDate.class && !name.equals("date") && !name.equals("timestamp"))
                || (type == LocalTime.class && !name.equals("time"))
                || (type == LocalDateTime.class && !name.equals("timestamp"))
                || (type == OffsetDateTime.class && !name.equals("timestamp") && !name.equals("timestamptz")
                        && !name.equals("timetz"))
                || (type == OffsetTime.class && !name.equals("timetz"));
        if (refusedTime) {
            throw new SQLException("Cannot convert the column of type " + name + " to requested type "
                    + type.getName() + ".", "42804");
        }
    }

    /** The JDBC type pgjdbc gives the column, which its java.sql conversions go by. */
    private static String sqlClassOf(String name) {
        switch (name) {
            case "date":
                return "date";
            case "time":
            case "timetz":
                return "time";
            default:
                return "timestamp";
        }
    }
}
