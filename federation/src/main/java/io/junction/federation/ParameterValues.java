package io.junction.federation;

import org.apache.calcite.avatica.util.ByteString;
import org.apache.calcite.sql.type.SqlTypeName;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The values bound to a cross-source query's {@code ?}s, checked against the types Calcite inferred
 * and put in the two forms the query reads them in (see {@link SourceParameters}): Calcite's
 * internal value under {@code ?i} for generated code, the JDBC value under
 * {@code ?(SOURCE_OFFSET + i)} for a source's statement. Values arrive as JDBC drivers hand them
 * over: {@code Boolean}, boxed numbers, {@code BigDecimal}, {@code String}, {@code byte[]},
 * {@code LocalDate}, {@code LocalTime}, {@code LocalDateTime}, {@code UUID}. Timestamps are wall-clock values,
 * as federation reads its sources' timestamps (in UTC).
 */
final class ParameterValues {
    private ParameterValues() {
    }

    static Map<String, Object> bind(List<FederatedParameter> parameters, List<Object> values)
            throws FederationException {
        if (values.size() != parameters.size()) {
            throw new FederationException(FederationException.WRONG_PARAMETER_COUNT, "The query has "
                    + parameters.size() + " parameter(s) but " + values.size() + " value(s) were given; set each ? "
                    + "once on a PreparedStatement (a plain Statement sends none).");
        }
        Map<String, Object> bound = new HashMap<>();
        for (int i = 0; i < values.size(); i++) {
            FederatedParameter parameter = parameters.get(i);
            Object jdbc = jdbcValue(parameter, values.get(i), i + 1);
            bound.put("?" + i, internal(jdbc));
            bound.put("?" + (SourceParameters.SOURCE_OFFSET + i), jdbc);
        }
        return bound;
    }

    /** The value as the parameter's type holds it in JDBC, or a 22023 naming the parameter. */
    private static Object jdbcValue(FederatedParameter parameter, Object value, int position)
            throws FederationException {
        if (value == null) {
            return null;
        }
        SqlTypeName type = SqlTypeName.get(parameter.typeName());
        try {
            Object converted = type == null ? value : convert(type, value);
            if (converted == null) {
                throw new IllegalArgumentException("a " + value.getClass().getSimpleName() + " cannot be one");
            }
            return converted;
        } catch (ArithmeticException | IllegalArgumentException | DateTimeParseException e) {
            throw new FederationException(FederationException.INVALID_PARAMETER_VALUE, "Parameter " + position
                    + " is a " + parameter.typeName() + " where it stands in the query, and " + shown(value)
                    + " is not a valid " + parameter.typeName() + " (" + e.getMessage() + "); bind a value of that "
                    + "type.");
        }
    }

    private static Object convert(SqlTypeName type, Object value) {
        return switch (type) {
            case BOOLEAN -> bool(value);
            case TINYINT -> Byte.valueOf((byte) integral(value, Byte.MIN_VALUE, Byte.MAX_VALUE));
            case SMALLINT -> Short.valueOf((short) integral(value, Short.MIN_VALUE, Short.MAX_VALUE));
            case INTEGER -> Integer.valueOf((int) integral(value, Integer.MIN_VALUE, Integer.MAX_VALUE));
            case BIGINT -> Long.valueOf(integral(value, Long.MIN_VALUE, Long.MAX_VALUE));
            case DECIMAL -> decimal(value);
            case DOUBLE, FLOAT -> Double.valueOf(decimal(value).doubleValue());
            case REAL -> Float.valueOf(decimal(value).floatValue());
            case CHAR, VARCHAR -> text(value);
            case DATE -> date(value);
            case TIME -> time(value);
            case TIMESTAMP -> timestamp(value);
            case BINARY, VARBINARY -> bytes(value);
            case UUID -> uuid(value);
            default -> value;
        };
    }

    /** Calcite's internal form: DATE as days, TIME as milliseconds of the day, TIMESTAMP as epoch milliseconds. */
    private static Object internal(Object jdbc) {
        if (jdbc instanceof LocalDate date) {
            return (int) date.toEpochDay();
        }
        if (jdbc instanceof LocalTime time) {
            return (int) (time.toNanoOfDay() / 1_000_000L);
        }
        if (jdbc instanceof LocalDateTime timestamp) {
            return timestamp.toInstant(ZoneOffset.UTC).toEpochMilli();
        }
        if (jdbc instanceof byte[] bytes) {
            return new ByteString(bytes);
        }
        return jdbc;
    }

    private static Boolean bool(Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof String s && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false"))) {
            return Boolean.parseBoolean(s);
        }
        if (value instanceof Number n && (decimal(n).compareTo(BigDecimal.ZERO) == 0
                || decimal(n).compareTo(BigDecimal.ONE) == 0)) {
            return decimal(n).compareTo(BigDecimal.ONE) == 0;
        }
        return null;
    }

    private static long integral(Object value, long min, long max) {
        BigInteger exact = decimal(value).toBigIntegerExact();
        if (exact.compareTo(BigInteger.valueOf(min)) < 0 || exact.compareTo(BigInteger.valueOf(max)) > 0) {
            throw new ArithmeticException("out of range " + min + " to " + max);
        }
        return exact.longValueExact();
    }

    private static BigDecimal decimal(Object value) {
        if (value instanceof BigDecimal d) {
            return d;
        }
        if (value instanceof BigInteger i) {
            return new BigDecimal(i);
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return BigDecimal.valueOf(((Number) value).longValue());
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new IllegalArgumentException("not a finite number");
            }
            return BigDecimal.valueOf(d);
        }
        if (value instanceof String s) {
            return new BigDecimal(s.trim());
        }
        throw new IllegalArgumentException("not a number");
    }

    private static String text(Object value) {
        if (value instanceof String || value instanceof Number || value instanceof Boolean
                || value instanceof LocalDate || value instanceof LocalTime) {
            return value.toString();
        }
        if (value instanceof LocalDateTime timestamp) {
            return timestamp.toString().replace('T', ' ');
        }
        return null;
    }

    private static LocalDate date(Object value) {
        if (value instanceof LocalDate date) {
            return date;
        }
        if (value instanceof String s) {
            return LocalDate.parse(s.trim());
        }
        return null;
    }

    private static LocalTime time(Object value) {
        if (value instanceof LocalTime time) {
            return time;
        }
        if (value instanceof String s) {
            return LocalTime.parse(s.trim());
        }
        return null;
    }

    private static LocalDateTime timestamp(Object value) {
        if (value instanceof LocalDateTime timestamp) {
            return timestamp;
        }
        if (value instanceof LocalDate date) {
            return date.atStartOfDay();
        }
        if (value instanceof String s) {
            return LocalDateTime.parse(s.trim().replace(' ', 'T'));
        }
        return null;
    }

    private static UUID uuid(Object value) {
        if (value instanceof UUID uuid) {
            return uuid;
        }
        return value instanceof String s ? UUID.fromString(s.trim()) : null;
    }

    private static byte[] bytes(Object value) {
        return value instanceof byte[] bytes ? bytes : null;
    }

    private static String shown(Object value) {
        String text = value instanceof byte[] bytes ? bytes.length + " bytes" : String.valueOf(value);
        String clipped = text.length() > 40 ? text.substring(0, 40) + "..." : text;
        return value instanceof String ? "'" + clipped + "'" : clipped + " (" + value.getClass().getSimpleName()
                .toLowerCase(Locale.ROOT) + ")";
    }
}
