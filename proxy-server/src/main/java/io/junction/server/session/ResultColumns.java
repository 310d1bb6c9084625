package io.junction.server.session;

import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.ColumnMetaData.AvaticaType;
import org.apache.calcite.avatica.ColumnMetaData.Rep;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The columns of an upstream result set as the Avatica client will see them, and how to read each
 * value into the form Avatica serializes (DESIGN.md decision 5).
 *
 * <p>Dates, times and timestamps travel as Avatica's "local" numbers: days, milliseconds of the
 * day, and wall-clock milliseconds since the epoch. They are read as {@code java.time} values, so
 * the server JVM's time zone never touches them. A TIMESTAMP WITH TIME ZONE is an instant: it is
 * sent as the wall-clock time of that instant in the client's zone, which the client's
 * {@code getTimestamp} turns back into the same instant.
 */
final class ResultColumns {
    private final List<ColumnMetaData> metaData;
    private final ColumnReader[] readers;

    private ResultColumns(List<ColumnMetaData> metaData, ColumnReader[] readers) {
        this.metaData = metaData;
        this.readers = readers;
    }

    /**
     * @param junctionClient whether the client is the Junction driver: TIME and TIMESTAMP values then go as
     *     ISO-8601 text with all their fractional digits (it reads them back as times) rather than as
     *     Avatica's milliseconds, and columns are described as the upstream driver describes them (its JDBC
     *     type, type name, precision and column class), arrays with their element type; the driver reads
     *     each value back as the upstream driver returns it
     */
    static ResultColumns of(ResultSetMetaData upstream, ZoneId clientZone, boolean junctionClient)
            throws SQLException {
        int count = upstream.getColumnCount();
        List<ColumnMetaData> columns = new ArrayList<>(count);
        ColumnReader[] readers = new ColumnReader[count];
        for (int i = 1; i <= count; i++) {
            Mapping mapping = junctionClient ? preciseTemporal(upstream, i) : null;
            if (mapping == null) {
                mapping = map(upstream, i, clientZone, junctionClient);
            }
            columns.add(junctionClient ? UpstreamDescription.describe(upstream, i, mapping.type())
                    : describe(upstream, i, mapping.type()));
            readers[i - 1] = mapping.reader();
        }
        return new ResultColumns(List.copyOf(columns), readers);
    }

    List<ColumnMetaData> metaData() {
        return metaData;
    }

    /** The current row, one serializable value per column. */
    Object[] readRow(ResultSet resultSet) throws SQLException {
        Object[] row = new Object[readers.length];
        for (int i = 0; i < readers.length; i++) {
            row[i] = readers[i].read(resultSet, i + 1);
        }
        return row;
    }

    private record Mapping(AvaticaType type, ColumnReader reader) {
    }

    private static Mapping map(ResultSetMetaData md, int i, ZoneId clientZone, boolean junctionClient)
            throws SQLException {
        int jdbcType = md.getColumnType(i);
        String typeName = md.getColumnTypeName(i);
        boolean signed = isSigned(md, i);
        String lowerName = typeName == null ? "" : typeName.toLowerCase(Locale.ROOT);
        if (isTimestampWithZone(jdbcType, lowerName)) {
            return new Mapping(ColumnMetaData.scalar(Types.TIMESTAMP, typeName, Rep.LONG),
                    (rs, c) -> instantAsClientWallClock(rs, c, clientZone));
        }
        if (lowerName.equals("timetz")) {
            // pgjdbc calls it TIME but cannot read it as a LocalTime: stock clients get its text.
            return text(Types.VARCHAR, typeName);
        }
        switch (jdbcType) {
            case Types.BIT:
            case Types.BOOLEAN:
                if (jdbcType == Types.BIT && md.getPrecision(i) > 1) {
                    return bytes(typeName);
                }
                return new Mapping(ColumnMetaData.scalar(jdbcType, typeName, Rep.BOOLEAN), ResultColumns::readBoolean);
            case Types.TINYINT:
                return signed
                        ? new Mapping(ColumnMetaData.scalar(Types.TINYINT, typeName, Rep.BYTE), ResultColumns::readByte)
                        : new Mapping(ColumnMetaData.scalar(Types.SMALLINT, typeName, Rep.SHORT), ResultColumns::readShort);
            case Types.SMALLINT:
                return signed
                        ? new Mapping(ColumnMetaData.scalar(Types.SMALLINT, typeName, Rep.SHORT), ResultColumns::readShort)
                        : new Mapping(ColumnMetaData.scalar(Types.INTEGER, typeName, Rep.INTEGER), ResultColumns::readInt);
            case Types.INTEGER:
                return signed
                        ? new Mapping(ColumnMetaData.scalar(Types.INTEGER, typeName, Rep.INTEGER), ResultColumns::readInt)
                        : new Mapping(ColumnMetaData.scalar(Types.BIGINT, typeName, Rep.LONG), ResultColumns::readLong);
            case Types.BIGINT:
                return signed
                        ? new Mapping(ColumnMetaData.scalar(Types.BIGINT, typeName, Rep.LONG), ResultColumns::readLong)
                        : new Mapping(ColumnMetaData.scalar(Types.DECIMAL, typeName, Rep.NUMBER), ResultColumns::readDecimal);
            case Types.REAL:
                return new Mapping(ColumnMetaData.scalar(Types.REAL, typeName, Rep.FLOAT), ResultColumns::readFloat);
            case Types.FLOAT:
            case Types.DOUBLE:
                return new Mapping(ColumnMetaData.scalar(Types.DOUBLE, typeName, Rep.DOUBLE), ResultColumns::readDouble);
            case Types.NUMERIC:
            case Types.DECIMAL:
                return new Mapping(ColumnMetaData.scalar(Types.DECIMAL, typeName, Rep.NUMBER), ResultColumns::readDecimal);
            case Types.DATE:
                return new Mapping(ColumnMetaData.scalar(Types.DATE, typeName, Rep.INTEGER), ResultColumns::readDate);
            case Types.TIME:
                return new Mapping(ColumnMetaData.scalar(Types.TIME, typeName, Rep.INTEGER), ResultColumns::readTime);
            case Types.TIME_WITH_TIMEZONE:
                return text(Types.VARCHAR, typeName);
            case Types.TIMESTAMP:
                return new Mapping(ColumnMetaData.scalar(Types.TIMESTAMP, typeName, Rep.LONG), ResultColumns::readTimestamp);
            case Types.BINARY:
            case Types.VARBINARY:
            case Types.LONGVARBINARY:
            case Types.BLOB:
                return bytes(typeName);
            case Types.ARRAY:
                return junctionClient ? typedArray(typeName) : array(typeName, clientZone);
            case Types.CHAR:
            case Types.NCHAR:
                // Avatica pads CHAR values to the display size on the client: the upstream already
                // decided the padding, so its values are passed as VARCHAR text, unchanged.
            case Types.VARCHAR:
            case Types.NVARCHAR:
            case Types.LONGVARCHAR:
            case Types.LONGNVARCHAR:
            case Types.CLOB:
            case Types.NCLOB:
            default:
                // UUID, JSON, XML, intervals, enums and everything else the client has no
                // accessor for travel as the upstream driver's text for them.
                return text(Types.VARCHAR, typeName);
        }
    }

    /**
     * TIME, TIME WITH TIME ZONE, TIMESTAMP and TIMESTAMP WITH TIME ZONE as ISO-8601 text, keeping every
     * fractional digit: a local time, a time with its offset, a local date-time, or an instant ({@code ...Z}).
     * Null for other columns.
     */
    private static Mapping preciseTemporal(ResultSetMetaData md, int i) throws SQLException {
        int jdbcType = md.getColumnType(i);
        String typeName = md.getColumnTypeName(i);
        String lowerName = typeName == null ? "" : typeName.toLowerCase(Locale.ROOT);
        if (isTimestampWithZone(jdbcType, lowerName)) {
            return new Mapping(ColumnMetaData.scalar(Types.TIMESTAMP, typeName, Rep.STRING), (rs, c) -> {
                OffsetDateTime v = rs.getObject(c, OffsetDateTime.class);
                return v == null ? null : v.toInstant().toString();
            });
        }
        if (jdbcType == Types.TIMESTAMP) {
            return new Mapping(ColumnMetaData.scalar(Types.TIMESTAMP, typeName, Rep.STRING), (rs, c) -> {
                LocalDateTime v = rs.getObject(c, LocalDateTime.class);
                return v == null ? null : v.toString();
            });
        }
        if (jdbcType == Types.TIME_WITH_TIMEZONE || (jdbcType == Types.TIME && lowerName.equals("timetz"))) {
            // pgjdbc reports timetz as TIME but reads it only as an OffsetTime: the offset travels too.
            return new Mapping(ColumnMetaData.scalar(Types.TIME, typeName, Rep.STRING), (rs, c) -> {
                OffsetTime v = rs.getObject(c, OffsetTime.class);
                return v == null ? null : v.toString();
            });
        }
        if (jdbcType == Types.TIME) {
            return new Mapping(ColumnMetaData.scalar(Types.TIME, typeName, Rep.STRING), (rs, c) -> {
                LocalTime v = rs.getObject(c, LocalTime.class);
                return v == null ? null : v.toString();
            });
        }
        return null;
    }

    private static Mapping text(int jdbcType, String typeName) {
        return new Mapping(ColumnMetaData.scalar(jdbcType, typeName, Rep.STRING), ResultSet::getString);
    }

    private static Mapping bytes(String typeName) {
        return new Mapping(ColumnMetaData.scalar(Types.VARBINARY, typeName, Rep.BYTE_STRING), ResultSet::getBytes);
    }

    private static Mapping array(String typeName, ZoneId clientZone) {
        // The component type is only known from a value; VARCHAR text is always readable.
        AvaticaType component = ColumnMetaData.scalar(Types.VARCHAR, "varchar", Rep.STRING);
        return new Mapping(ColumnMetaData.array(component, typeName, Rep.ARRAY), (rs, c) -> {
            Array array = rs.getArray(c);
            if (array == null) {
                return null;
            }
            try {
                Object[] elements = (Object[]) array.getArray();
                List<Object> values = new ArrayList<>(elements.length);
                for (Object element : elements) {
                    values.add(element == null ? null : arrayElementText(element, clientZone));
                }
                return values;
            } finally {
                array.free();
            }
        });
    }

    /** An array whose elements keep their type, as far as the element type name tells it (see {@link ArrayElements}). */
    private static Mapping typedArray(String typeName) {
        ArrayElements elements = ArrayElements.ofArrayType(typeName);
        return new Mapping(ColumnMetaData.array(elements.componentType(), typeName, Rep.ARRAY), (rs, c) -> {
            Array array = rs.getArray(c);
            if (array == null) {
                return null;
            }
            try {
                return elements.values((Object[]) array.getArray());
            } finally {
                array.free();
            }
        });
    }

    private static String arrayElementText(Object element, ZoneId clientZone) {
        if (element instanceof java.sql.Timestamp timestamp) {
            return timestamp.toLocalDateTime().toString();
        }
        if (element instanceof Object[] nested) {
            List<String> parts = new ArrayList<>(nested.length);
            for (Object o : nested) {
                parts.add(o == null ? null : arrayElementText(o, clientZone));
            }
            return parts.toString();
        }
        return element.toString();
    }

    /** A column as stock Avatica clients can read it: the type of its wire value. */
    private static ColumnMetaData describe(ResultSetMetaData md, int i, AvaticaType type) throws SQLException {
        int precision = md.getPrecision(i);
        int scale = md.getScale(i);
        if (type.id == Types.TIME || type.id == Types.TIMESTAMP) {
            // Avatica reads a TIME/TIMESTAMP "precision" as fractional digits; only milliseconds cross the wire.
            precision = Math.max(0, Math.min(3, scale));
        }
        return new ColumnMetaData(i - 1, md.isAutoIncrement(i), md.isCaseSensitive(i), md.isSearchable(i),
                md.isCurrency(i), md.isNullable(i), isSigned(md, i), md.getColumnDisplaySize(i),
                md.getColumnLabel(i), md.getColumnName(i), emptyToNull(md.getSchemaName(i)), precision, scale,
                emptyToNull(md.getTableName(i)), emptyToNull(md.getCatalogName(i)), type, md.isReadOnly(i),
                md.isWritable(i), md.isDefinitelyWritable(i), columnClassName(type));
    }

    /** The class of the value Avatica's client reads for a wire type. */
    static String columnClassName(AvaticaType type) {
        switch (type.rep) {
            case BOOLEAN: return Boolean.class.getName();
            case BYTE: return Byte.class.getName();
            case SHORT: return Short.class.getName();
            case INTEGER: return type.id == Types.DATE ? java.sql.Date.class.getName()
                    : type.id == Types.TIME ? java.sql.Time.class.getName() : Integer.class.getName();
            case LONG: return type.id == Types.TIMESTAMP ? java.sql.Timestamp.class.getName() : Long.class.getName();
            case FLOAT: return Float.class.getName();
            case DOUBLE: return Double.class.getName();
            case NUMBER: return BigDecimal.class.getName();
            case BYTE_STRING: return byte[].class.getName();
            case ARRAY: return java.sql.Array.class.getName();
            default: return String.class.getName();
        }
    }

    static boolean isSigned(ResultSetMetaData md, int i) throws SQLException {
        try {
            return md.isSigned(i);
        } catch (SQLException e) {
            return true;
        }
    }

    private static boolean isTimestampWithZone(int jdbcType, String lowerTypeName) {
        return jdbcType == Types.TIMESTAMP_WITH_TIMEZONE
                || lowerTypeName.equals("timestamptz")
                || lowerTypeName.startsWith("timestamp with time zone");
    }

    static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private static Object readBoolean(ResultSet rs, int c) throws SQLException {
        boolean v = rs.getBoolean(c);
        return rs.wasNull() ? null : v;
    }

    private static Object readByte(ResultSet rs, int c) throws SQLException {
        byte v = rs.getByte(c);
        return rs.wasNull() ? null : v;
    }

    private static Object readShort(ResultSet rs, int c) throws SQLException {
        short v = rs.getShort(c);
        return rs.wasNull() ? null : v;
    }

    private static Object readInt(ResultSet rs, int c) throws SQLException {
        int v = rs.getInt(c);
        return rs.wasNull() ? null : v;
    }

    private static Object readLong(ResultSet rs, int c) throws SQLException {
        long v = rs.getLong(c);
        return rs.wasNull() ? null : v;
    }

    private static Object readFloat(ResultSet rs, int c) throws SQLException {
        float v = rs.getFloat(c);
        return rs.wasNull() ? null : v;
    }

    private static Object readDouble(ResultSet rs, int c) throws SQLException {
        double v = rs.getDouble(c);
        return rs.wasNull() ? null : v;
    }

    private static Object readDecimal(ResultSet rs, int c) throws SQLException {
        return rs.getBigDecimal(c);
    }

    private static Object readDate(ResultSet rs, int c) throws SQLException {
        LocalDate v = rs.getObject(c, LocalDate.class);
        return v == null ? null : (int) v.toEpochDay();
    }

    private static Object readTime(ResultSet rs, int c) throws SQLException {
        LocalTime v = rs.getObject(c, LocalTime.class);
        return v == null ? null : (int) (v.toNanoOfDay() / 1_000_000L);
    }

    private static Object readTimestamp(ResultSet rs, int c) throws SQLException {
        LocalDateTime v = rs.getObject(c, LocalDateTime.class);
        return v == null ? null : wallClockMillis(v);
    }

    private static Object instantAsClientWallClock(ResultSet rs, int c, ZoneId clientZone) throws SQLException {
        OffsetDateTime v = rs.getObject(c, OffsetDateTime.class);
        return v == null ? null : wallClockMillis(v.atZoneSameInstant(clientZone).toLocalDateTime());
    }

    private static long wallClockMillis(LocalDateTime v) {
        return v.toEpochSecond(ZoneOffset.UTC) * 1000L + v.getNano() / 1_000_000L;
    }
}
