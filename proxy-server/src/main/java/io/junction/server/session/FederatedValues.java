package io.junction.server.session;

import io.junction.server.error.GatewayException;
import io.junction.server.error.JunctionSqlState;
import org.apache.calcite.avatica.ColumnMetaData.Rep;
import org.apache.calcite.avatica.remote.TypedValue;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;

/**
 * A client's parameter values as federation takes them for a query across sources: plain JDBC
 * values ({@code LocalDate}, {@code LocalTime}, {@code LocalDateTime} as the client's wall clock,
 * {@code BigDecimal}, {@code byte[]}, boxed numbers, strings), read exactly as
 * {@link ParameterBinder} reads them for one source.
 */
final class FederatedValues {
    private FederatedValues() {
    }

    /** The values as {@code session}'s client sent them (timestamp precision, {@link ParameterTags}). */
    static List<Object> of(ClientSession session, List<TypedValue> values) {
        List<Object> plain = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            plain.add(value(values.get(i), session.preciseTemporals(), session.taggedParameters(), i + 1));
        }
        return plain;
    }

    private static Object value(TypedValue typed, boolean micros, boolean tagged, int position) {
        Object value = typed == null ? null : typed.value;
        if (value == null) {
            // A typed null needs no type here: federation knows each parameter's type.
            return null;
        }
        Rep tag = tagged ? ParameterTags.tagOf(typed) : null;
        if (tag != null && ParameterTags.isTimeMicros(typed, tag)) {
            return LocalTime.ofNanoOfDay(((Number) value).longValue() * 1_000L);
        }
        switch (typed.type) {
            case JAVA_SQL_DATE:
                return LocalDate.ofEpochDay(((Number) value).longValue());
            case JAVA_SQL_TIME:
                return LocalTime.ofNanoOfDay(((Number) value).longValue() * 1_000_000L);
            case JAVA_SQL_TIMESTAMP:
            case JAVA_UTIL_DATE:
                long number = ((Number) value).longValue();
                return micros && typed.type == Rep.JAVA_SQL_TIMESTAMP ? ParameterBinder.wallClockFromMicros(number)
                        : ParameterBinder.wallClock(number);
            case BYTE_STRING:
                return ParameterBinder.bytes(value);
            case STRING:
            case CHARACTER:
            case PRIMITIVE_CHAR:
                return value.toString();
            case ARRAY:
                throw GatewayException.of(JunctionSqlState.FEATURE_NOT_SUPPORTED, "Parameter " + position
                        + " is an array; queries across sources take scalar parameters only.");
            default:
                return typed.toLocal();
        }
    }
}
