package io.junction.server.session;

import org.apache.calcite.avatica.ColumnMetaData.Rep;
import org.apache.calcite.avatica.remote.TypedValue;

import java.sql.Types;
import java.util.EnumMap;
import java.util.Map;

/**
 * Reads what the Junction driver says in the {@code component_type} of a non-array parameter, once the connection
 * announced {@code junction.parameters=tagged}: the JDBC type of a null (pgjdbc needs it for {@code ? IS NULL}),
 * on a LONG, a TIME in microseconds (Avatica's decoding narrows TIME values to an int of milliseconds), or, on a
 * STRING, a UUID's text. Stock
 * clients never fill the field for anything but arrays.
 *
 * <p>The inverse of the driver's {@code io.junction.jdbc.ParameterTags}; change both together. Where JDBC types
 * share a tag, the one given here is bound, which the upstream drivers treat as the others.
 */
final class ParameterTags {
    static final Rep TIME_MICROS = Rep.JAVA_SQL_TIME;
    static final Rep UUID_TEXT = Rep.OBJECT;

    private static final Map<Rep, Integer> NULL_TYPES = new EnumMap<>(Rep.class);

    static {
        NULL_TYPES.put(Rep.PRIMITIVE_BYTE, Types.BIT);
        NULL_TYPES.put(Rep.BOOLEAN, Types.BOOLEAN);
        NULL_TYPES.put(Rep.BYTE, Types.TINYINT);
        NULL_TYPES.put(Rep.SHORT, Types.SMALLINT);
        NULL_TYPES.put(Rep.INTEGER, Types.INTEGER);
        NULL_TYPES.put(Rep.LONG, Types.BIGINT);
        NULL_TYPES.put(Rep.FLOAT, Types.REAL);
        NULL_TYPES.put(Rep.DOUBLE, Types.DOUBLE);
        NULL_TYPES.put(Rep.PRIMITIVE_DOUBLE, Types.FLOAT);
        NULL_TYPES.put(Rep.NUMBER, Types.DECIMAL);
        NULL_TYPES.put(Rep.PRIMITIVE_LONG, Types.NUMERIC);
        NULL_TYPES.put(Rep.CHARACTER, Types.CHAR);
        NULL_TYPES.put(Rep.STRING, Types.VARCHAR);
        NULL_TYPES.put(Rep.PRIMITIVE_CHAR, Types.NVARCHAR);
        NULL_TYPES.put(Rep.JAVA_SQL_DATE, Types.DATE);
        NULL_TYPES.put(Rep.JAVA_SQL_TIME, Types.TIME);
        NULL_TYPES.put(Rep.JAVA_SQL_TIMESTAMP, Types.TIMESTAMP);
        NULL_TYPES.put(Rep.JAVA_UTIL_DATE, Types.TIMESTAMP_WITH_TIMEZONE);
        NULL_TYPES.put(Rep.BYTE_STRING, Types.VARBINARY);
        NULL_TYPES.put(Rep.PRIMITIVE_SHORT, Types.BLOB);
        NULL_TYPES.put(Rep.PRIMITIVE_FLOAT, Types.SQLXML);
        NULL_TYPES.put(Rep.OBJECT, Types.OTHER);
        NULL_TYPES.put(Rep.ARRAY, Types.ARRAY);
        NULL_TYPES.put(Rep.STRUCT, Types.STRUCT);
        NULL_TYPES.put(Rep.MULTISET, Types.REF_CURSOR);
        NULL_TYPES.put(Rep.PRIMITIVE_INT, Types.JAVA_OBJECT);
    }

    private ParameterTags() {
    }

    /** The tag of a value, or null: arrays use the field for their element type. */
    static Rep tagOf(TypedValue value) {
        if (value == null || value.type == Rep.ARRAY || value.componentType == null
                || value.componentType == Rep.PRIMITIVE_BOOLEAN) {
            // PRIMITIVE_BOOLEAN is the field's protobuf default: untagged.
            return null;
        }
        return value.componentType;
    }

    /** The JDBC type a tagged null is bound with; {@link Types#NULL} for a tag this server does not know. */
    static int nullType(Rep tag) {
        return NULL_TYPES.getOrDefault(tag, Types.NULL);
    }

    /** Whether a tagged value is a UUID's text, set by the client as a {@code java.util.UUID}. */
    static boolean isUuid(TypedValue value, Rep tag) {
        return tag == UUID_TEXT && value.type == Rep.STRING && value.value instanceof String;
    }

    /** Whether a tagged value is a TIME in microseconds since midnight. */
    static boolean isTimeMicros(TypedValue value, Rep tag) {
        return tag == TIME_MICROS && value.type == Rep.LONG && value.value instanceof Number;
    }
}
