package io.junction.jdbc;

import org.apache.calcite.avatica.util.Cursor;

import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.Time;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Calendar;
import java.util.TimeZone;

/**
 * A DATE column (Avatica sends days since the epoch) that also answers {@code getObject(i, LocalDate.class)},
 * {@code LocalDateTime} and, for PostgreSQL, {@code getTime}, which Avatica's own accessor refuses.
 */
final class LocalDateAccessor extends DelegatingAccessor {
    /** pgjdbc reads a date as a time (midnight); MariaDB Connector/J refuses. */
    private final boolean postgres;

    LocalDateAccessor(Cursor.Accessor days, boolean postgres) {
        super(days);
        this.postgres = postgres;
    }

    @Override
    public <T> T getObject(Class<T> type) throws SQLException {
        if (type == LocalDateTime.class) {
            // As MariaDB Connector/J reads a DATE (pgjdbc refuses: PostgresTemporalConversions).
            LocalDate date = getObject(LocalDate.class);
            return date == null ? null : type.cast(date.atStartOfDay());
        }
        if (type != LocalDate.class) {
            return delegate.getObject(type);
        }
        int days = delegate.getInt();
        return delegate.wasNull() ? null : type.cast(LocalDate.ofEpochDay(days));
    }

    /** Midnight, as pgjdbc reads a date as a time; refused as MariaDB Connector/J does (so did Avatica's accessor). */
    @Override
    public Time getTime(Calendar calendar) throws SQLException {
        delegate.getInt();
        if (delegate.wasNull()) {
            return null;
        }
        if (!postgres) {
            throw new SQLDataException("Cannot read a date as a time of day: the column holds no time.", "22018");
        }
        TimeZone zone = calendar == null ? TimeZone.getDefault() : calendar.getTimeZone();
        return new Time(LocalDate.EPOCH.atStartOfDay(zone.toZoneId()).toInstant().toEpochMilli());
    }
}
