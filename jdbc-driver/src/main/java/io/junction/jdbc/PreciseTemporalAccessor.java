package io.junction.jdbc;

import org.apache.calcite.avatica.util.Cursor;

import java.sql.Date;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Calendar;
import java.util.Map;
import java.util.TimeZone;

/**
 * Reads a TIME, TIMESTAMP or TIMESTAMP WITH TIME ZONE value that a Junction server sent as ISO-8601 text
 * with all its fractional digits (a local time, a local date-time, or an instant ending in {@code Z}), and
 * answers the temporal JDBC getters as the upstream's driver would: {@code getTimestamp} with nanoseconds,
 * {@code getObject(i, LocalDateTime.class)} and the other JDBC 4.2 classes. Other getters read the text.
 */
final class PreciseTemporalAccessor extends DelegatingAccessor {
    /** What a column holds: a time of day, or a date-time (local, or an instant when the text ends in Z). */
    enum Kind { TIME, TIMESTAMP }

    private final Kind kind;
    private final TimeZone timeZone;

    /** A TIME or TIMESTAMP column that a Junction server sends as ISO-8601 text (all fractional digits), else null. */
    static Kind kindOf(org.apache.calcite.avatica.ColumnMetaData column) {
        if (column.type.rep != org.apache.calcite.avatica.ColumnMetaData.Rep.STRING) {
            return null;
        }
        switch (column.type.id) {
            case java.sql.Types.TIMESTAMP:
            case java.sql.Types.TIMESTAMP_WITH_TIMEZONE:
                return Kind.TIMESTAMP;
            case java.sql.Types.TIME:
                return Kind.TIME;
            default:
                return null;
        }
    }

    PreciseTemporalAccessor(Cursor.Accessor text, Kind kind, TimeZone timeZone) {
        super(text);
        this.kind = kind;
        this.timeZone = timeZone;
    }

    /** The value as the upstream drivers print it: a space between date and time, the instant in the client's zone. */
    @Override
    public String getString() throws SQLException {
        String value = delegate.getString();
        if (value == null) {
            return null;
        }
        if (kind == Kind.TIME) {
            return LocalTime.parse(value).toString();
        }
        if (isInstant(value)) {
            return postgresText(OffsetDateTime.ofInstant(Instant.parse(value), timeZone.toZoneId()));
        }
        return LocalDateTime.parse(value).toString().replace('T', ' ');
    }

    @Override
    public Object getObject() throws SQLException {
        return kind == Kind.TIME ? getTime(null) : getTimestamp(null);
    }

    @Override
    public Timestamp getTimestamp(Calendar calendar) throws SQLException {
        String value = delegate.getString();
        if (value == null) {
            return null;
        }
        if (kind == Kind.TIME) {
            return Timestamp.from(LocalDate.EPOCH.atTime(LocalTime.parse(value)).atZone(zone(calendar)).toInstant());
        }
        if (isInstant(value)) {
            return Timestamp.from(Instant.parse(value));
        }
        return Timestamp.from(LocalDateTime.parse(value).atZone(zone(calendar)).toInstant());
    }

    @Override
    public Time getTime(Calendar calendar) throws SQLException {
        Timestamp timestamp = getTimestamp(calendar);
        if (timestamp == null) {
            return null;
        }
        if (kind == Kind.TIME) {
            return new Time(timestamp.getTime());
        }
        LocalTime time = timestamp.toInstant().atZone(zone(calendar)).toLocalTime();
        return new Time(LocalDate.EPOCH.atTime(time).atZone(zone(calendar)).toInstant().toEpochMilli());
    }

    @Override
    public Date getDate(Calendar calendar) throws SQLException {
        Timestamp timestamp = getTimestamp(calendar);
        if (timestamp == null) {
            return null;
        }
        LocalDate date = timestamp.toInstant().atZone(zone(calendar)).toLocalDate();
        return new Date(date.atStartOfDay(zone(calendar)).toInstant().toEpochMilli());
    }

    @Override
    public <T> T getObject(Class<T> type) throws SQLException {
        String value = delegate.getString();
        if (value == null) {
            return null;
        }
        Object result;
        if (type == String.class) {
            result = getString();
        } else if (type == Timestamp.class || type == java.util.Date.class) {
            result = getTimestamp(null);
        } else if (type == Time.class) {
            result = getTime(null);
        } else if (type == Date.class) {
            result = getDate(null);
        } else if (kind == Kind.TIME) {
            result = timeAs(LocalTime.parse(value), type);
        } else {
            result = dateTimeAs(value, type);
        }
        if (result == null) {
            throw new SQLDataException("Cannot read a " + kind.name().toLowerCase(java.util.Locale.ROOT)
                    + " value as " + type.getName() + ".", "22018");
        }
        return type.cast(result);
    }

    private static Object timeAs(LocalTime time, Class<?> type) {
        return type == LocalTime.class ? time : null;
    }

    private Object dateTimeAs(String value, Class<?> type) {
        if (isInstant(value)) {
            Instant instant = Instant.parse(value);
            if (type == Instant.class) {
                return instant;
            }
            if (type == OffsetDateTime.class) {
                // As pgjdbc returns a timestamptz: in UTC.
                return instant.atOffset(ZoneOffset.UTC);
            }
            if (type == ZonedDateTime.class) {
                return instant.atZone(ZoneOffset.UTC);
            }
            if (type == LocalDateTime.class) {
                return LocalDateTime.ofInstant(instant, timeZone.toZoneId());
            }
            return null;
        }
        LocalDateTime local = LocalDateTime.parse(value);
        if (type == LocalDateTime.class) {
            return local;
        }
        if (type == LocalDate.class) {
            return local.toLocalDate();
        }
        if (type == LocalTime.class) {
            return local.toLocalTime();
        }
        if (type == OffsetDateTime.class) {
            return local.atZone(timeZone.toZoneId()).toOffsetDateTime();
        }
        if (type == Instant.class) {
            return local.atZone(timeZone.toZoneId()).toInstant();
        }
        return null;
    }

    @Override
    public Object getObject(Map<String, Class<?>> map) throws SQLException {
        return getObject();
    }

    @Override
    public String getNString() throws SQLException {
        return getString();
    }

    /**
     * An instant as PostgreSQL prints a timestamptz (only PostgreSQL sources send instants): no trailing zeros
     * in the fraction, the offset in hours unless it has minutes ({@code 2024-07-01 02:11:12.6543-06}).
     */
    private static String postgresText(OffsetDateTime value) {
        StringBuilder text = new StringBuilder(value.toLocalDate().toString()).append(' ')
                .append(String.format(java.util.Locale.ROOT, "%02d:%02d:%02d", value.getHour(), value.getMinute(),
                        value.getSecond()));
        if (value.getNano() > 0) {
            String fraction = String.format(java.util.Locale.ROOT, "%09d", value.getNano()).replaceAll("0+$", "");
            text.append('.').append(fraction);
        }
        int seconds = value.getOffset().getTotalSeconds();
        int abs = Math.abs(seconds);
        text.append(seconds < 0 ? '-' : '+').append(String.format(java.util.Locale.ROOT, "%02d", abs / 3600));
        if (abs % 3600 != 0) {
            text.append(String.format(java.util.Locale.ROOT, ":%02d", abs % 3600 / 60));
            if (abs % 60 != 0) {
                text.append(String.format(java.util.Locale.ROOT, ":%02d", abs % 60));
            }
        }
        return text.toString();
    }

    private static boolean isInstant(String value) {
        return value.endsWith("Z");
    }

    private ZoneId zone(Calendar calendar) {
        return (calendar == null ? timeZone : calendar.getTimeZone()).toZoneId();
    }
}
