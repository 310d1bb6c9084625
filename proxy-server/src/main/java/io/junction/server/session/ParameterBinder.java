package io.junction.server.session;

import io.junction.server.upstream.Dialect;
import org.apache.calcite.avatica.ColumnMetaData.Rep;
import org.apache.calcite.avatica.remote.TypedValue;
import org.apache.calcite.avatica.util.ByteString;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Calendar;
import java.util.List;
import java.util.TimeZone;
import java.util.UUID;

/**
 * Sets Avatica's typed parameter values on an upstream statement. Dates and times arrive as the
 * client's wall-clock numbers and are bound as {@code java.time} values, never through the server
 * JVM's zone.
 */
final class ParameterBinder {
    private final Dialect dialect;
    private final ZoneId clientZone;
    /**
     * TIMESTAMP values in microseconds (the Junction driver) rather than milliseconds. Untagged TIME values stay
     * in milliseconds: Avatica's protobuf decoding narrows them to an int.
     */
    private final boolean micros;
    /** Whether values may carry {@link ParameterTags} (the Junction driver over protobuf). */
    private final boolean tagged;

    ParameterBinder(Dialect dialect, ZoneId clientZone, boolean micros, boolean tagged) {
        this.dialect = dialect;
        this.clientZone = clientZone;
        this.micros = micros;
        this.tagged = tagged;
    }

    /** The binder for what the session's client sends. */
    static ParameterBinder of(ClientSession session, Dialect dialect) {
        return new ParameterBinder(dialect, session.clientZone(), session.preciseTemporals(),
                session.taggedParameters());
    }

    void bind(PreparedStatement statement, List<TypedValue> values) throws SQLException {
        for (int i = 0; i < values.size(); i++) {
            bind(statement, i + 1, values.get(i));
        }
    }

    /** Binds the values that were set; a null entry is a parameter the client has not set, left unbound. */
    void bindSet(PreparedStatement statement, List<TypedValue> values) throws SQLException {
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) != null) {
                bind(statement, i + 1, values.get(i));
            }
        }
    }

    private void bind(PreparedStatement statement, int index, TypedValue typed) throws SQLException {
        Object value = typed == null ? null : typed.value;
        Rep tag = tagged ? ParameterTags.tagOf(typed) : null;
        if (value == null) {
            statement.setNull(index, typed == null ? Types.NULL
                    : tag != null ? ParameterTags.nullType(tag) : nullType(typed.type));
            return;
        }
        if (tag != null && ParameterTags.isTimeMicros(typed, tag)) {
            statement.setObject(index, LocalTime.ofNanoOfDay(((Number) value).longValue() * 1_000L));
            return;
        }
        if (tag != null && ParameterTags.isUuid(typed, tag)) {
            statement.setObject(index, uuid(index, (String) value));
            return;
        }
        switch (typed.type) {
            case JAVA_SQL_DATE:
                statement.setObject(index, LocalDate.ofEpochDay(((Number) value).longValue()));
                break;
            case JAVA_SQL_TIME:
                statement.setObject(index, LocalTime.ofNanoOfDay(((Number) value).longValue() * 1_000_000L));
                break;
            case JAVA_SQL_TIMESTAMP:
            case JAVA_UTIL_DATE:
                bindTimestamp(statement, index, micros && typed.type == Rep.JAVA_SQL_TIMESTAMP
                        ? wallClockFromMicros(((Number) value).longValue()) : wallClock(((Number) value).longValue()));
                break;
            case BYTE_STRING:
                statement.setBytes(index, bytes(value));
                break;
            case NUMBER:
                statement.setBigDecimal(index, (BigDecimal) typed.toLocal());
                break;
            case ARRAY:
                statement.setArray(index, array(statement.getConnection(), (List<?>) value, typed.componentType));
                break;
            case STRING:
            case CHARACTER:
            case PRIMITIVE_CHAR:
                statement.setString(index, value.toString());
                break;
            default:
                statement.setObject(index, typed.toLocal());
        }
    }

    /**
     * On PostgreSQL the timestamp goes as text with the client's offset and no declared type, as
     * pgjdbc itself sends it: a {@code timestamp} column keeps the wall clock, a
     * {@code timestamptz} column gets the instant the client meant.
     */
    private void bindTimestamp(PreparedStatement statement, int index, LocalDateTime wallClock) throws SQLException {
        if (dialect == Dialect.POSTGRESQL) {
            Calendar calendar = Calendar.getInstance(TimeZone.getTimeZone(clientZone));
            statement.setTimestamp(index, Timestamp.from(wallClock.atZone(clientZone).toInstant()), calendar);
        } else {
            statement.setObject(index, wallClock);
        }
    }

    private static UUID uuid(int index, String text) throws SQLException {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw new SQLException("Parameter " + index + " is tagged as a UUID but '" + text + "' is not one;"
                    + " set it with setObject(i, java.util.UUID)", "22023");
        }
    }

    static LocalDateTime wallClock(long millis) {
        return LocalDateTime.ofEpochSecond(Math.floorDiv(millis, 1000L),
                (int) Math.floorMod(millis, 1000L) * 1_000_000, ZoneOffset.UTC);
    }

    static LocalDateTime wallClockFromMicros(long micros) {
        return LocalDateTime.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
                (int) Math.floorMod(micros, 1_000_000L) * 1_000, ZoneOffset.UTC);
    }

    static byte[] bytes(Object value) {
        if (value instanceof byte[] raw) {
            return raw;
        }
        if (value instanceof ByteString byteString) {
            return byteString.getBytes();
        }
        return ByteString.ofBase64(value.toString()).getBytes();
    }

    private static java.sql.Array array(Connection connection, List<?> values, Rep componentRep) throws SQLException {
        Object[] elements = new Object[values.size()];
        for (int i = 0; i < elements.length; i++) {
            Object element = values.get(i);
            elements[i] = element instanceof TypedValue typed ? typed.toLocal() : element;
        }
        return connection.createArrayOf(arrayTypeName(componentRep), elements);
    }

    private static String arrayTypeName(Rep rep) {
        if (rep == null) {
            return "varchar";
        }
        switch (rep) {
            case BOOLEAN: case PRIMITIVE_BOOLEAN: return "boolean";
            case SHORT: case PRIMITIVE_SHORT: case BYTE: case PRIMITIVE_BYTE: return "smallint";
            case INTEGER: case PRIMITIVE_INT: return "integer";
            case LONG: case PRIMITIVE_LONG: return "bigint";
            case FLOAT: case PRIMITIVE_FLOAT: return "real";
            case DOUBLE: case PRIMITIVE_DOUBLE: return "double precision";
            case NUMBER: return "numeric";
            default: return "varchar";
        }
    }

    private static int nullType(Rep rep) {
        switch (rep) {
            case BOOLEAN: case PRIMITIVE_BOOLEAN: return Types.BOOLEAN;
            case BYTE: case PRIMITIVE_BYTE: return Types.TINYINT;
            case SHORT: case PRIMITIVE_SHORT: return Types.SMALLINT;
            case INTEGER: case PRIMITIVE_INT: return Types.INTEGER;
            case LONG: case PRIMITIVE_LONG: return Types.BIGINT;
            case FLOAT: case PRIMITIVE_FLOAT: return Types.REAL;
            case DOUBLE: case PRIMITIVE_DOUBLE: return Types.DOUBLE;
            case NUMBER: return Types.DECIMAL;
            case STRING: case CHARACTER: case PRIMITIVE_CHAR: return Types.VARCHAR;
            case BYTE_STRING: return Types.VARBINARY;
            case JAVA_SQL_DATE: return Types.DATE;
            case JAVA_SQL_TIME: return Types.TIME;
            case JAVA_SQL_TIMESTAMP: case JAVA_UTIL_DATE: return Types.TIMESTAMP;
            case ARRAY: return Types.ARRAY;
            default: return Types.NULL;
        }
    }
}
