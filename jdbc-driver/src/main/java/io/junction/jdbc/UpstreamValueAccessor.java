package io.junction.jdbc;

import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.util.Cursor;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Array;
import java.sql.Date;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.Calendar;
import java.util.Map;
import java.util.UUID;

/**
 * Hands out a column's values as the upstream driver does, from the column the Junction server described as
 * that driver describes it: {@code getObject} returns the column class (an Integer for PostgreSQL's smallint as
 * pgjdbc does, a UUID for uuid, a BigInteger for MariaDB's BIGINT UNSIGNED), {@code getObject(i, Class)}
 * converts to the common JDBC classes, arrays come as {@link TypedArray}s, and {@code getString} of PostgreSQL
 * booleans, bytea and arrays is pgjdbc's text ({@code t}, {@code \x0102}, <code>{1,2}</code>).
 */
final class UpstreamValueAccessor extends DelegatingAccessor {
    private final ColumnMetaData column;
    private final Class<?> columnClass;
    private final Calendar calendar;
    /** A PostgreSQL date, time or timestamp, whose conversions pgjdbc restricts. */
    private final boolean postgresTemporal;

    UpstreamValueAccessor(Cursor.Accessor delegate, ColumnMetaData column, Calendar calendar) {
        super(delegate);
        this.column = column;
        this.columnClass = classOf(column.columnClassName);
        this.calendar = calendar;
        this.postgresTemporal = PostgresTemporalConversions.applies(column);
    }

    @Override
    public Object getObject() throws SQLException {
        if (columnClass == null) {
            return delegate.getObject();
        }
        return as(columnClass);
    }

    @Override
    public <T> T getObject(Class<T> type) throws SQLException {
        if (postgresTemporal) {
            PostgresTemporalConversions.check(column, type, delegate.getObject() == null);
        }
        Object value = as(type);
        return value == null && !delegate.wasNull() ? delegate.getObject(type) : type.cast(value);
    }

    @Override
    public Object getObject(Map<String, Class<?>> map) throws SQLException {
        return getObject();
    }

    @Override
    public String getString() throws SQLException {
        String typeName = column.type.name == null ? "" : column.type.name;
        if (column.type.rep == ColumnMetaData.Rep.ARRAY && typeName.startsWith("_")) {
            TypedArray array = (TypedArray) getArray();
            return array == null ? null : array.postgresLiteral();
        }
        if (column.type.rep == ColumnMetaData.Rep.BOOLEAN) {
            boolean value = delegate.getBoolean();
            // pgjdbc prints PostgreSQL's bool as t/f; MariaDB Connector/J its BIT(1) as true/false and its
            // BOOLEAN (TINYINT(1)) as 1/0.
            if (delegate.wasNull()) {
                return null;
            }
            return typeName.equals("bool") ? (value ? "t" : "f")
                    : typeName.equals("BIT") ? String.valueOf(value) : (value ? "1" : "0");
        }
        if (typeName.equals("bytea")) {
            byte[] bytes = delegate.getBytes();
            return bytes == null ? null : hex(bytes);
        }
        if (typeName.equals("BIT") && column.type.rep == ColumnMetaData.Rep.BYTE_STRING) {
            byte[] bytes = delegate.getBytes();
            return bytes == null ? null : "b'" + bitNumber(bytes).toString(2) + "'";
        }
        if (typeName.equals("YEAR")) {
            Date date = delegate.getDate(calendar);
            return date == null ? null : String.valueOf(date.toLocalDate().getYear());
        }
        return delegate.getString();
    }

    /** MariaDB's BIT(n) as the unsigned number its bytes spell, as MariaDB Connector/J reads it. */
    private static BigInteger bitNumber(byte[] bytes) {
        return new BigInteger(1, bytes);
    }

    /** A number other than the wire value that the upstream driver reads a column as, or null. */
    private Number upstreamNumber() throws SQLException {
        String typeName = column.type.name == null ? "" : column.type.name;
        if (typeName.equals("BIT") && column.type.rep == ColumnMetaData.Rep.BYTE_STRING) {
            return bitNumber(delegate.getBytes());
        }
        if (typeName.equals("YEAR")) {
            return delegate.getDate(calendar).toLocalDate().getYear();
        }
        Object raw = delegate.getObject();
        if (raw instanceof Double || raw instanceof Float) {
            // The decimal a person reads (1.5), not the binary fraction's expansion.
            return new BigDecimal(raw.toString());
        }
        return null;
    }

    @Override
    public Array getArray() throws SQLException {
        Array array = delegate.getArray();
        if (array == null || !(column.type instanceof ColumnMetaData.ArrayType)) {
            return array;
        }
        return new TypedArray(array, ((ColumnMetaData.ArrayType) column.type).getComponent());
    }

    /** The value as one of the classes a JDBC driver converts to, null when null or not such a class. */
    private Object as(Class<?> type) throws SQLException {
        Object raw = delegate.getObject();
        if (raw == null) {
            return null;
        }
        if (type == String.class) {
            return getString();
        }
        Number number = upstreamNumber();
        if (number != null && Number.class.isAssignableFrom(type)) {
            return number(number, type);
        }
        if (type == Boolean.class) {
            if (number == null && column.type.rep == ColumnMetaData.Rep.BYTE_STRING) {
                return bitNumber(delegate.getBytes()).signum() != 0;
            }
            return number != null ? number.doubleValue() != 0 : delegate.getBoolean();
        }
        if (type == byte[].class && column.type.rep == ColumnMetaData.Rep.BOOLEAN) {
            return new byte[] {(byte) (delegate.getBoolean() ? 1 : 0)};
        }
        if (type == Byte.class) {
            return delegate.getByte();
        }
        if (type == Short.class) {
            return delegate.getShort();
        }
        if (type == Integer.class) {
            return delegate.getInt();
        }
        if (type == Long.class) {
            return delegate.getLong();
        }
        if (type == Float.class) {
            return delegate.getFloat();
        }
        if (type == Double.class) {
            return delegate.getDouble();
        }
        if (type == BigDecimal.class) {
            return delegate.getBigDecimal();
        }
        if (type == BigInteger.class) {
            return delegate.getBigDecimal().toBigInteger();
        }
        if (type == UUID.class) {
            return UUID.fromString(delegate.getString());
        }
        if (type == byte[].class) {
            return delegate.getBytes();
        }
        if (type == Date.class) {
            return delegate.getDate(calendar);
        }
        if (type == Time.class) {
            return delegate.getTime(calendar);
        }
        if (type == Timestamp.class) {
            return delegate.getTimestamp(calendar);
        }
        if (type == Array.class) {
            return getArray();
        }
        return type.isInstance(raw) && !(raw instanceof java.util.List) ? raw : null;
    }

    private static Object number(Number n, Class<?> type) {
        if (type == Byte.class) {
            return n.byteValue();
        } else if (type == Short.class) {
            return n.shortValue();
        } else if (type == Integer.class) {
            return n.intValue();
        } else if (type == Long.class) {
            return n.longValue();
        } else if (type == Float.class) {
            return n.floatValue();
        } else if (type == Double.class) {
            return n.doubleValue();
        } else if (type == BigInteger.class) {
            return n instanceof BigInteger ? n : new BigDecimal(n.toString()).toBigInteger();
        } else if (type == BigDecimal.class) {
            return n instanceof BigDecimal ? n : new BigDecimal(n.toString());
        }
        return null;
    }

    /** The classes of {@code getColumnClassName} this accessor produces; null for others. */
    static Class<?> classOf(String name) {
        if (name == null) {
            return null;
        }
        switch (name) {
            case "java.lang.Boolean": return Boolean.class;
            case "java.lang.Byte": return Byte.class;
            case "java.lang.Short": return Short.class;
            case "java.lang.Integer": return Integer.class;
            case "java.lang.Long": return Long.class;
            case "java.lang.Float": return Float.class;
            case "java.lang.Double": return Double.class;
            case "java.lang.String": return String.class;
            case "java.math.BigDecimal": return BigDecimal.class;
            case "java.math.BigInteger": return BigInteger.class;
            case "java.util.UUID": return UUID.class;
            case "java.sql.Date": return Date.class;
            case "java.sql.Time": return Time.class;
            case "java.sql.Timestamp": return Timestamp.class;
            case "java.sql.Array": return Array.class;
            case "[B":
            case "byte[]":
                return byte[].class;
            default:
                return null;
        }
    }

    private static String hex(byte[] bytes) {
        StringBuilder text = new StringBuilder(2 + bytes.length * 2).append("\\x");
        for (byte b : bytes) {
            text.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
        }
        return text.toString();
    }
}
