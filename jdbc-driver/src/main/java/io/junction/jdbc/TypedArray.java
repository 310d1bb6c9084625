package io.junction.jdbc;

import org.apache.calcite.avatica.ColumnMetaData;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * An array column's value with the element type the upstream driver reports: {@code getArray()} is an
 * {@code Integer[]}, {@code String[]}, {@code UUID[]}... as pgjdbc returns, and {@code getBaseType()} and
 * {@code getBaseTypeName()} are pgjdbc's. Elements the server sent as text are parsed back into their class.
 */
final class TypedArray implements Array {
    private final Array avatica;
    private final ColumnMetaData.AvaticaType component;

    TypedArray(Array avatica, ColumnMetaData.AvaticaType component) {
        this.avatica = avatica;
        this.component = component;
    }

    @Override
    public String getBaseTypeName() {
        return component.name;
    }

    @Override
    public int getBaseType() {
        return component.id;
    }

    @Override
    public Object getArray() throws SQLException {
        return typed((Object[]) avatica.getArray());
    }

    @Override
    public Object getArray(Map<String, Class<?>> map) throws SQLException {
        return getArray();
    }

    @Override
    public Object getArray(long index, int count) throws SQLException {
        return typed((Object[]) avatica.getArray(index, count));
    }

    @Override
    public Object getArray(long index, int count, Map<String, Class<?>> map) throws SQLException {
        return getArray(index, count);
    }

    @Override
    public ResultSet getResultSet() throws SQLException {
        return avatica.getResultSet();
    }

    @Override
    public ResultSet getResultSet(Map<String, Class<?>> map) throws SQLException {
        return avatica.getResultSet();
    }

    @Override
    public ResultSet getResultSet(long index, int count) throws SQLException {
        return avatica.getResultSet(index, count);
    }

    @Override
    public ResultSet getResultSet(long index, int count, Map<String, Class<?>> map) throws SQLException {
        return avatica.getResultSet(index, count);
    }

    @Override
    public void free() {
        // Nothing is held beyond the row.
    }

    @Override
    public String toString() {
        try {
            return postgresLiteral();
        } catch (SQLException e) {
            return avatica.toString();
        }
    }

    /**
     * The array as PostgreSQL prints it (and pgjdbc's {@code getString} returns): <code>{1,NULL,"x y"}</code>,
     * <code>{{1,2},{3,4}}</code>.
     */
    String postgresLiteral() throws SQLException {
        StringBuilder text = new StringBuilder();
        appendLiteral(text, (Object[]) getArray());
        return text.toString();
    }

    private static void appendLiteral(StringBuilder text, Object[] elements) {
        text.append('{');
        for (int i = 0; i < elements.length; i++) {
            text.append(i == 0 ? "" : ",");
            if (elements[i] == null) {
                text.append("NULL");
            } else if (elements[i] instanceof Object[]) {
                appendLiteral(text, (Object[]) elements[i]);
            } else {
                text.append(quoted(elementText(elements[i])));
            }
        }
        text.append('}');
    }

    private static String elementText(Object element) {
        if (element instanceof Boolean) {
            return (Boolean) element ? "t" : "f";
        }
        if (element instanceof BigDecimal) {
            return ((BigDecimal) element).toPlainString();
        }
        return element.toString();
    }

    private static String quoted(String text) {
        boolean quote = text.isEmpty() || text.equalsIgnoreCase("NULL");
        for (int i = 0; i < text.length() && !quote; i++) {
            char c = text.charAt(i);
            quote = c == '{' || c == '}' || c == ',' || c == '"' || c == '\\' || Character.isWhitespace(c);
        }
        return quote ? '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"' : text;
    }

    private Object[] typed(Object[] raw) {
        return typed(raw, elementClass(), dimensions(raw));
    }

    /**
     * An array of {@code dimensions} dimensions of {@code elementClass} ({@code Integer[][]} for two), as pgjdbc
     * returns a multi-dimensional array: the server sends a dimension deeper as a list.
     */
    private static Object[] typed(Object[] raw, Class<?> elementClass, int dimensions) {
        Class<?> itemClass = elementClass;
        for (int d = 1; d < dimensions; d++) {
            itemClass = java.lang.reflect.Array.newInstance(itemClass, 0).getClass();
        }
        Object[] typed = (Object[]) java.lang.reflect.Array.newInstance(itemClass, raw.length);
        for (int i = 0; i < raw.length; i++) {
            Object element;
            if (raw[i] == null) {
                element = null;
            } else if (dimensions > 1 && raw[i] instanceof List) {
                element = typed(((List<?>) raw[i]).toArray(), elementClass, dimensions - 1);
            } else {
                element = convert(raw[i], elementClass);
            }
            if (element != null && !itemClass.isInstance(element)) {
                // An element this class cannot hold (ragged dimensions, or text it cannot parse): keep it as sent.
                return raw;
            }
            typed[i] = element;
        }
        return typed;
    }

    /** 1 for a flat array, one more per level of lists in its first non-null element. */
    private static int dimensions(Object[] raw) {
        for (Object element : raw) {
            if (element instanceof List) {
                return 1 + dimensions(((List<?>) element).toArray());
            }
            if (element != null) {
                return 1;
            }
        }
        return 1;
    }

    private Class<?> elementClass() {
        switch (component.id) {
            case Types.SMALLINT: return Short.class;
            case Types.INTEGER: return Integer.class;
            case Types.BIGINT: return Long.class;
            case Types.REAL: return Float.class;
            case Types.DOUBLE: return Double.class;
            case Types.NUMERIC:
            case Types.DECIMAL:
                return BigDecimal.class;
            case Types.BIT:
            case Types.BOOLEAN:
                return Boolean.class;
            case Types.DATE: return Date.class;
            case Types.TIME: return Time.class;
            case Types.TIMESTAMP: return Timestamp.class;
            default:
                return "uuid".equals(component.name == null ? null : component.name.toLowerCase(Locale.ROOT))
                        ? UUID.class : component.rep == ColumnMetaData.Rep.STRING ? String.class : Object.class;
        }
    }

    private static Object convert(Object raw, Class<?> elementClass) {
        try {
            if (raw instanceof Number) {
                Number n = (Number) raw;
                if (elementClass == Short.class) {
                    return n.shortValue();
                } else if (elementClass == Integer.class) {
                    return n.intValue();
                } else if (elementClass == Long.class) {
                    return n.longValue();
                } else if (elementClass == Float.class) {
                    return n.floatValue();
                } else if (elementClass == Double.class) {
                    return n.doubleValue();
                } else if (elementClass == BigDecimal.class) {
                    return n instanceof BigDecimal ? n : new BigDecimal(n.toString());
                }
                return raw;
            }
            if (!(raw instanceof String)) {
                return raw;
            }
            String text = (String) raw;
            if (elementClass == BigDecimal.class) {
                return new BigDecimal(text);
            } else if (elementClass == UUID.class) {
                return UUID.fromString(text);
            } else if (elementClass == Date.class) {
                return Date.valueOf(text);
            } else if (elementClass == Time.class) {
                return Time.valueOf(LocalTime.parse(text));
            } else if (elementClass == Timestamp.class) {
                return Timestamp.valueOf(LocalDateTime.parse(text.replace(' ', 'T')));
            }
            return raw;
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            return raw;
        }
    }
}
