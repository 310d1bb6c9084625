package io.junction.federation;

import org.apache.calcite.avatica.util.ByteString;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.sql.type.SqlTypeName;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The run-time half of {@link KeyShippingJoin}: reads the driving rows into a hash table, then
 * sends their distinct keys to the shipped source in batches of {@value #BATCH} as
 * {@code SELECT * FROM (<pushed query>) AS k WHERE k.key IN (?, ...)} and joins each returned row
 * with exact (Java) equality. When the driving side turns out to hold more than
 * {@value #MAX_SHIPPED_KEYS} keys, the shipped query is read once, whole, instead. Public only
 * because generated code calls it.
 */
public final class KeyShipping {
    /** Keys per statement: well under every driver's parameter limit, few round trips. */
    static final int BATCH = 1_000;
    /**
     * Distinct keys beyond which shipping costs more round trips than it saves: the shipped side is
     * then read whole, once, and joined in memory. Plans choose shipping from estimates; this bound
     * comes from the driving side actually read.
     */
    static final int MAX_SHIPPED_KEYS = 20_000;

    private final String sourceLabel;
    private final SourceKind kind;
    private final String shippedSql;
    private final List<String> shippedColumns = new ArrayList<>();
    private final List<SqlTypeName> shippedTypes = new ArrayList<>();
    private final boolean drivingIsLeft;
    private final int[] drivingKeys;
    private final int[] shippedKeys;

    KeyShipping(String sourceLabel, SourceKind kind, String shippedSql, RelDataType shippedRowType,
                boolean drivingIsLeft, int[] drivingKeys, int[] shippedKeys) {
        this.sourceLabel = sourceLabel;
        this.kind = kind;
        this.shippedSql = shippedSql;
        for (RelDataTypeField field : shippedRowType.getFieldList()) {
            shippedColumns.add(field.getName());
            shippedTypes.add(field.getType().getSqlTypeName());
        }
        this.drivingIsLeft = drivingIsLeft;
        this.drivingKeys = drivingKeys.clone();
        this.shippedKeys = shippedKeys.clone();
    }

    /** The SQL for one batch of {@code keys} keys. */
    String batchSql(int keys) {
        StringBuilder sql = new StringBuilder("SELECT * FROM (").append(shippedSql).append(") AS ")
                .append(kind.quote("k")).append(" WHERE ");
        if (shippedKeys.length == 1) {
            sql.append(column(shippedKeys[0])).append(" IN (").append("?, ".repeat(keys - 1)).append("?)");
        } else {
            for (int k = 0; k < keys; k++) {
                sql.append(k == 0 ? "(" : " OR (");
                for (int c = 0; c < shippedKeys.length; c++) {
                    sql.append(c == 0 ? "" : " AND ").append(column(shippedKeys[c])).append(" = ?");
                }
                sql.append(')');
            }
        }
        return sql.toString();
    }

    private String column(int index) {
        return kind.quote("k") + "." + kind.quote(shippedColumns.get(index));
    }

    public Enumerable<Object[]> join(Enumerable<Object[]> driving, DataSource dataSource) {
        return new AbstractEnumerable<>() {
            @Override
            public Enumerator<Object[]> enumerator() {
                return new Joiner(driving, dataSource);
            }
        };
    }

    private final class Joiner implements Enumerator<Object[]> {
        private final Enumerable<Object[]> drivingInput;
        private final DataSource dataSource;
        private Map<List<Long>, List<Object[]>> table;
        private List<List<Long>> keys;
        private int nextKey;
        private boolean readWhole;
        private Connection connection;
        private PreparedStatement statement;
        private ResultSet batch;
        private final Deque<Object[]> pending = new ArrayDeque<>();
        private Object[] current;

        Joiner(Enumerable<Object[]> drivingInput, DataSource dataSource) {
            this.drivingInput = drivingInput;
            this.dataSource = dataSource;
        }

        @Override
        public Object[] current() {
            return current;
        }

        @Override
        public boolean moveNext() {
            try {
                if (table == null) {
                    build();
                }
                while (pending.isEmpty()) {
                    if (batch != null && batch.next()) {
                        probe(batch);
                    } else if (!nextBatch()) {
                        return false;
                    }
                }
                current = pending.poll();
                return true;
            } catch (SQLException e) {
                throw new IllegalStateException("Shipping keys to " + sourceLabel + " failed: " + e.getMessage(), e);
            }
        }

        private void build() {
            table = new HashMap<>();
            try (Enumerator<Object[]> rows = drivingInput.enumerator()) {
                while (rows.moveNext()) {
                    Object[] row = rows.current();
                    List<Long> key = key(row, drivingKeys);
                    if (key != null) {
                        table.computeIfAbsent(key, k -> new ArrayList<>(1)).add(row);
                    }
                }
            }
            keys = new ArrayList<>(table.keySet());
        }

        private boolean nextBatch() throws SQLException {
            closeBatch();
            if (nextKey >= keys.size() || readWhole) {
                return false;
            }
            if (connection == null) {
                connection = dataSource.getConnection();
            }
            if (keys.size() > MAX_SHIPPED_KEYS) {
                readWhole = true;
                statement = connection.prepareStatement(shippedSql);
                batch = statement.executeQuery();
                return true;
            }
            int size = Math.min(BATCH, keys.size() - nextKey);
            statement = connection.prepareStatement(batchSql(size));
            int parameter = 1;
            for (List<Long> key : keys.subList(nextKey, nextKey + size)) {
                for (Long value : key) {
                    statement.setLong(parameter++, value);
                }
            }
            nextKey += size;
            batch = statement.executeQuery();
            return true;
        }

        private void probe(ResultSet rs) throws SQLException {
            Object[] shipped = new Object[shippedTypes.size()];
            for (int c = 0; c < shipped.length; c++) {
                shipped[c] = read(rs, c + 1, shippedTypes.get(c));
            }
            List<Object[]> matches = table.get(key(shipped, shippedKeys));
            if (matches == null) {
                return;
            }
            for (Object[] match : matches) {
                Object[] left = drivingIsLeft ? match : shipped;
                Object[] right = drivingIsLeft ? shipped : match;
                Object[] joined = new Object[left.length + right.length];
                System.arraycopy(left, 0, joined, 0, left.length);
                System.arraycopy(right, 0, joined, left.length, right.length);
                pending.add(joined);
            }
        }

        @Override
        public void reset() {
            throw new UnsupportedOperationException("a key-shipping join is read once");
        }

        @Override
        public void close() {
            try {
                closeBatch();
                if (connection != null) {
                    connection.close();
                }
            } catch (SQLException e) {
                // Closing after the result was read: nothing left to report.
            } finally {
                connection = null;
            }
        }

        private void closeBatch() throws SQLException {
            if (batch != null) {
                batch.close();
                batch = null;
            }
            if (statement != null) {
                statement.close();
                statement = null;
            }
        }
    }

    /** The join key of a row as longs (keys are integers), or null when a key column is null. */
    private static List<Long> key(Object[] row, int[] columns) {
        List<Long> key = new ArrayList<>(columns.length);
        for (int column : columns) {
            Object value = row[column];
            if (value == null) {
                return null;
            }
            key.add(((Number) value).longValue());
        }
        return key;
    }

    /** A column in Calcite's internal representation, as its generated JDBC reader would produce it. */
    private static Object read(ResultSet rs, int column, SqlTypeName type) throws SQLException {
        Object value = switch (type) {
            case TINYINT -> (byte) rs.getInt(column);
            case SMALLINT -> (short) rs.getInt(column);
            case INTEGER -> rs.getInt(column);
            case BIGINT -> rs.getLong(column);
            case DECIMAL -> rs.getBigDecimal(column);
            case FLOAT, DOUBLE -> rs.getDouble(column);
            case REAL -> rs.getFloat(column);
            case BOOLEAN -> rs.getBoolean(column);
            case CHAR, VARCHAR -> rs.getString(column);
            case DATE -> {
                LocalDate date = rs.getObject(column, LocalDate.class);
                yield date == null ? null : (int) date.toEpochDay();
            }
            case TIME -> {
                LocalTime time = rs.getObject(column, LocalTime.class);
                yield time == null ? null : (int) (time.toNanoOfDay() / 1_000_000L);
            }
            case TIMESTAMP -> {
                LocalDateTime timestamp = rs.getObject(column, LocalDateTime.class);
                yield timestamp == null ? null
                        : timestamp.toEpochSecond(ZoneOffset.UTC) * 1000L + timestamp.getNano() / 1_000_000;
            }
            case BINARY, VARBINARY -> {
                byte[] bytes = rs.getBytes(column);
                yield bytes == null ? null : new ByteString(bytes);
            }
            default -> SourceValues.value(rs.getObject(column), type);
        };
        return rs.wasNull() ? null : value;
    }
}
