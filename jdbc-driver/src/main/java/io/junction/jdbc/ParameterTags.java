package io.junction.jdbc;

import org.apache.calcite.avatica.ColumnMetaData.Rep;
import org.apache.calcite.avatica.proto.Common;
import org.apache.calcite.avatica.remote.TypedValue;

import java.sql.Types;
import java.time.LocalTime;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Parameter values that Avatica's TypedValue cannot express, carried in its {@code component_type} field, which
 * Avatica fills only for arrays: a null with its JDBC type (pgjdbc must know it for {@code ? IS NULL}), a TIME
 * in microseconds (Avatica's protobuf decoding narrows TIME values to an int of milliseconds) and a UUID (which
 * Avatica has no representation for) as its text.
 *
 * <p>A tag is a {@link Rep} because Avatica's server-side decoding keeps only that; there are fewer of them than
 * JDBC types, so a few JDBC types share a tag, always with types that the upstream drivers bind alike (pgjdbc binds
 * NCHAR, NVARCHAR, LONGNVARCHAR and NCLOB alike: it refuses them). The server's {@code ParameterTags} holds the
 * inverse table; change both together. Only used with the protobuf serialization, after the connection announced
 * {@code junction.parameters=tagged}: {@link TaggedValueWire} writes the tags, which Avatica's own encoding drops.
 */
final class ParameterTags {
    /** Tag of a LONG value holding a TIME as microseconds since midnight. */
    static final Rep TIME_MICROS = Rep.JAVA_SQL_TIME;
    /** Tag of a STRING value holding a {@link UUID}, bound as a UUID (for nulls the same tag means OTHER). */
    static final Rep UUID_TEXT = Rep.OBJECT;

    private static final Map<Integer, Rep> NULL_TAGS = new HashMap<>();

    static {
        NULL_TAGS.put(Types.BIT, Rep.PRIMITIVE_BYTE);
        NULL_TAGS.put(Types.BOOLEAN, Rep.BOOLEAN);
        NULL_TAGS.put(Types.TINYINT, Rep.BYTE);
        NULL_TAGS.put(Types.SMALLINT, Rep.SHORT);
        NULL_TAGS.put(Types.INTEGER, Rep.INTEGER);
        NULL_TAGS.put(Types.BIGINT, Rep.LONG);
        NULL_TAGS.put(Types.REAL, Rep.FLOAT);
        NULL_TAGS.put(Types.DOUBLE, Rep.DOUBLE);
        NULL_TAGS.put(Types.FLOAT, Rep.PRIMITIVE_DOUBLE);
        NULL_TAGS.put(Types.DECIMAL, Rep.NUMBER);
        NULL_TAGS.put(Types.NUMERIC, Rep.PRIMITIVE_LONG);
        NULL_TAGS.put(Types.CHAR, Rep.CHARACTER);
        NULL_TAGS.put(Types.VARCHAR, Rep.STRING);
        NULL_TAGS.put(Types.LONGVARCHAR, Rep.STRING);
        NULL_TAGS.put(Types.NCHAR, Rep.PRIMITIVE_CHAR);
        NULL_TAGS.put(Types.NVARCHAR, Rep.PRIMITIVE_CHAR);
        NULL_TAGS.put(Types.LONGNVARCHAR, Rep.PRIMITIVE_CHAR);
        NULL_TAGS.put(Types.NCLOB, Rep.PRIMITIVE_CHAR);
        NULL_TAGS.put(Types.DATE, Rep.JAVA_SQL_DATE);
        NULL_TAGS.put(Types.TIME, Rep.JAVA_SQL_TIME);
        NULL_TAGS.put(Types.TIMESTAMP, Rep.JAVA_SQL_TIMESTAMP);
        NULL_TAGS.put(Types.TIME_WITH_TIMEZONE, Rep.JAVA_UTIL_DATE);
        NULL_TAGS.put(Types.TIMESTAMP_WITH_TIMEZONE, Rep.JAVA_UTIL_DATE);
        NULL_TAGS.put(Types.BINARY, Rep.BYTE_STRING);
        NULL_TAGS.put(Types.VARBINARY, Rep.BYTE_STRING);
        NULL_TAGS.put(Types.LONGVARBINARY, Rep.BYTE_STRING);
        NULL_TAGS.put(Types.BLOB, Rep.PRIMITIVE_SHORT);
        NULL_TAGS.put(Types.CLOB, Rep.PRIMITIVE_SHORT);
        NULL_TAGS.put(Types.SQLXML, Rep.PRIMITIVE_FLOAT);
        NULL_TAGS.put(Types.OTHER, Rep.OBJECT);
        NULL_TAGS.put(Types.ARRAY, Rep.ARRAY);
        NULL_TAGS.put(Types.STRUCT, Rep.STRUCT);
        NULL_TAGS.put(Types.DISTINCT, Rep.STRUCT);
        NULL_TAGS.put(Types.REF_CURSOR, Rep.MULTISET);
        NULL_TAGS.put(Types.JAVA_OBJECT, Rep.PRIMITIVE_INT);
        NULL_TAGS.put(Types.REF, Rep.PRIMITIVE_INT);
        NULL_TAGS.put(Types.DATALINK, Rep.PRIMITIVE_INT);
        NULL_TAGS.put(Types.ROWID, Rep.PRIMITIVE_INT);
    }

    private ParameterTags() {
    }

    /**
     * A null of JDBC type {@code sqlType}; Avatica's untyped null for {@link Types#NULL} and for codes JDBC does
     * not define (the upstream's driver then decides, as it does for an untyped null).
     */
    static TypedValue typedNull(int sqlType) {
        Rep tag = NULL_TAGS.get(sqlType);
        if (tag == null) {
            return TypedValue.EXPLICIT_NULL;
        }
        return TypedValue.fromProto(Common.TypedValue.newBuilder().setType(Common.Rep.OBJECT).setNull(true)
                .setComponentType(tag.toProto()).build());
    }

    /** A TIME at microsecond precision. */
    static TypedValue time(LocalTime time) {
        return TypedValue.fromProto(Common.TypedValue.newBuilder().setType(Common.Rep.LONG)
                .setNumberValue(time.toNanoOfDay() / 1_000L).setComponentType(TIME_MICROS.toProto()).build());
    }

    /** A UUID, as its text. */
    static TypedValue uuid(UUID uuid) {
        return TypedValue.fromProto(Common.TypedValue.newBuilder().setType(Common.Rep.STRING)
                .setStringValue(uuid.toString()).setComponentType(UUID_TEXT.toProto()).build());
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
}
