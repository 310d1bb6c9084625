package io.junction.jdbc;

import org.apache.calcite.avatica.util.Cursor;

import java.sql.SQLException;
import java.time.LocalDate;

/**
 * A DATE column (Avatica sends days since the epoch) that also answers {@code getObject(i, LocalDate.class)},
 * which Avatica's own accessor refuses.
 */
final class LocalDateAccessor extends DelegatingAccessor {
    LocalDateAccessor(Cursor.Accessor days) {
        super(days);
    }

    @Override
    public <T> T getObject(Class<T> type) throws SQLException {
        if (type != LocalDate.class) {
            return delegate.getObject(type);
        }
        int days = delegate.getInt();
        return delegate.wasNull() ? null : type.cast(LocalDate.ofEpochDay(days));
    }
}
