package io.junction.federation;

import org.apache.calcite.avatica.util.ByteString;
import org.apache.calcite.linq4j.Enumerator;

import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The rows of a running cross-source query, pulled one at a time (nothing is materialised here;
 * hash joins and aggregates hold what they must, under the query's {@link MemoryBudget}). Values
 * come out as JDBC drivers return them: {@code LocalDate}, {@code LocalTime},
 * {@code LocalDateTime}, {@code BigDecimal}, {@code byte[]}, boxed numbers, strings, and the
 * source driver's own object for types federation passes through (UUID, JSON).
 */
public final class FederatedRows implements AutoCloseable {
    private final List<FederatedColumn> columns;
    private final int[] fields;
    private final Enumerator<Object> enumerator;
    private final MemoryBudget budget;
    private final QueryContext context;
    private Object[] row;
    private boolean closed;

    FederatedRows(List<FederatedColumn> columns, int[] fields, Enumerator<Object> enumerator, MemoryBudget budget,
                  QueryContext context) {
        this.columns = columns;
        this.fields = fields;
        this.enumerator = enumerator;
        this.budget = budget;
        this.context = context;
    }

    public List<FederatedColumn> columns() {
        return columns;
    }

    /** Moves to the next row; false at the end (and the sources' statements are closed). */
    public boolean next() throws SQLException {
        if (closed) {
            return false;
        }
        try (MemoryBudget.AutoCloseableNoThrow ignored = budget.enter()) {
            if (!enumerator.moveNext()) {
                close();
                return false;
            }
            Object current = enumerator.current();
            row = current instanceof Object[] array ? array : new Object[] {current};
            return true;
        } catch (RuntimeException e) {
            close();
            throw Federation.asSqlException(e);
        }
    }

    /** The value of a column (0-based) of the current row. */
    public Object value(int column) {
        return toJdbc(row[fields[column]], columns.get(column).jdbcType());
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            context.cancel();
            enumerator.close();
        }
    }

    /** Calcite's internal representations (days, millis, ByteString) as a JDBC driver's objects. */
    static Object toJdbc(Object value, int jdbcType) {
        if (value == null) {
            return null;
        }
        switch (jdbcType) {
            case Types.DATE:
                return LocalDate.ofEpochDay(((Number) value).longValue());
            case Types.TIME:
                return LocalTime.ofNanoOfDay(((Number) value).longValue() * 1_000_000L);
            case Types.TIMESTAMP:
                long millis = ((Number) value).longValue();
                return LocalDateTime.ofEpochSecond(Math.floorDiv(millis, 1000L),
                        (int) Math.floorMod(millis, 1000L) * 1_000_000, ZoneOffset.UTC);
            default:
                return value instanceof ByteString bytes ? bytes.getBytes() : value;
        }
    }
}
