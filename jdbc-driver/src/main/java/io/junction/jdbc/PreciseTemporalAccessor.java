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
import java.time.OffsetTime;
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
    /**
     * What a column holds: a time of day, a time of day with its offset (PostgreSQL's timetz), or a date-time
     * (local, or an instant when the text ends in Z).
     */
    enum Kind { TIME, OFFSET_TIME, TIMESTAMP }

    private final Kind kind;
    private final TimeZone timeZone;
    private final TemporalText text;
    /** pgjdbc reads a timestamp as an OffsetDateTime at UTC; MariaDB Connector/J in the client's zone. */
    private final boolean postgres;

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
                return "timetz".equals(column.type.name) ? Kind.OFFSET_TIME : Kind.TIME;
            case java.sql.Types.TIME_WITH_TIMEZONE:
                return Kind.OFFSET_TIME;
            default:
                return null;
        }
    }

    /** @param column the column as the server described it (as the upstream driver does) */
    PreciseTemporalAccessor(Cursor.Accessor wire, Kind kind, TimeZone timeZone,
                            org.apache.calcite.avatica.ColumnMetaData column) {
        super(wire);
        this.kind = kind;
        this.timeZone = timeZone;
        this.text = TemporalText.of(column);
        this.postgres = PostgresTemporalConversions.applies(column);
    }

    /**
     * The value as the upstream drivers print it ({@link TemporalText}): a space between date and time, the
     * instant in the client's zone (as pgjdbc's session prints it).
     */
    @Override
    public String getString() throws SQLException {
        String value = delegate.getString();
        if (value == null) {
            return null;
        }
        if (kind == Kind.TIME) {
            return text.time(LocalTime.parse(value));
        }
        if (kind == Kind.OFFSET_TIME) {
            return text.offsetTime(OffsetTime.parse(value));
        }
        if (isInstant(value)) {
            return text.offsetDateTime(OffsetDateTime.ofInstant(Instant.parse(value), timeZone.toZoneId()));
        }
        return text.dateTime(LocalDateTime.parse(value));
    }

    @Override
    public Object getObject() throws SQLException {
        return kind == Kind.TIMESTAMP ? getTimestamp(null) : getTime(null);
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
        if (kind == Kind.OFFSET_TIME) {
            // The time's own offset fixes the instant, as pgjdbc reads a timetz, whatever the calendar.
            return Timestamp.from(OffsetTime.parse(value).atDate(LocalDate.EPOCH).toInstant());
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
        if (kind != Kind.TIMESTAMP) {
            return new Time(timestamp.getTime());
        }
        String value = delegate.getString();
        if (isInstant(value)) {
            // pgjdbc keeps the time of day in the offset the session printed (the client zone's at that instant),
            // on 1970-01-01 at that same offset, whatever the zone's offset was in 1970.
            OffsetDateTime printed = OffsetDateTime.ofInstant(Instant.parse(value), timeZone.toZoneId());
            return new Time(printed.toLocalTime().atDate(LocalDate.EPOCH).atOffset(printed.getOffset()).toInstant()
                    .toEpochMilli());
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
        if (kind != Kind.TIMESTAMP && !postgres) {
            // MariaDB Connector/J refuses a date of a TIME; pgjdbc answers the day of 1970-01-01 it stands on.
            throw new SQLDataException("Cannot read a time of day as a date: the column holds no date.", "22018");
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
        } else if (kind == Kind.OFFSET_TIME) {
            result = offsetTimeAs(OffsetTime.parse(value), type);
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
        if (type == LocalDateTime.class) {
            // As MariaDB Connector/J reads a TIME (pgjdbc refuses: PostgresTemporalConversions).
            return LocalDate.EPOCH.atTime(time);
        }
        return type == LocalTime.class ? time : null;
    }

    private static Object offsetTimeAs(OffsetTime time, Class<?> type) {
        if (type == OffsetTime.class) {
            return time;
        }
        // As pgjdbc reads a timetz as an OffsetDateTime: on 1970-01-01.
        return type == OffsetDateTime.class ? time.atDate(LocalDate.EPOCH) : null;
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
            return postgres ? local.atOffset(ZoneOffset.UTC) : local.atZone(timeZone.toZoneId()).toOffsetDateTime();
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

    private static boolean isInstant(String value) {
        return value.endsWith("Z");
    }

    private ZoneId zone(Calendar calendar) {
        return (calendar == null ? timeZone : calendar.getTimeZone()).toZoneId();
    }
}
