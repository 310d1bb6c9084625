package io.junction.federation;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a {@link TableProfile} from a source's catalogs, never from the table itself: PostgreSQL's
 * {@code pg_class}, {@code pg_stats} and {@code pg_index}; MariaDB's {@code information_schema}
 * ({@code TABLES}, {@code STATISTICS}) with InnoDB's sampled prefix counts
 * ({@code mysql.innodb_index_stats}) and engine-independent column statistics
 * ({@code mysql.column_stats}) where the user may read them; H2's {@code INFORMATION_SCHEMA}. Each
 * part is read on its own: one the user may not read, or the source does not keep, is left empty.
 */
final class TableProfileReader {
    private final Connection connection;
    private final String schema;
    private final String table;
    private double rows = Double.NaN;
    private final Map<String, Double> distinct = new HashMap<>();
    private final Map<String, TableProfile.Range> ranges = new HashMap<>();
    private final Map<String, List<String>> indexes = new LinkedHashMap<>();
    private final Map<String, Boolean> unique = new HashMap<>();

    private TableProfileReader(Connection connection, String schema, String table) {
        this.connection = connection;
        this.schema = schema;
        this.table = table;
    }

    static TableProfile read(SourceKind kind, Connection connection, String schema, String table) {
        TableProfileReader reader = new TableProfileReader(connection, schema, table);
        switch (kind) {
            case POSTGRESQL -> reader.postgresql();
            case MARIADB -> reader.mariadb();
            case H2 -> reader.h2();
        }
        return reader.profile();
    }

    private void postgresql() {
        // reltuples is -1 until the table is first analyzed or vacuumed.
        query("SELECT c.reltuples FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE n.nspname = ? AND c.relname = ?", rs -> rows(rs.getDouble(1)));
        // n_distinct < 0 is a fraction of the rows; histogram bounds start at the lowest value and end at the highest.
        query("SELECT attname, n_distinct, histogram_bounds::text FROM pg_stats WHERE schemaname = ? AND tablename = ?",
                rs -> {
                    double n = rs.getDouble(2);
                    if (n > 0) {
                        distinct.put(rs.getString(1), n);
                    } else if (n < 0 && !Double.isNaN(rows)) {
                        distinct.put(rs.getString(1), -n * rows);
                    }
                    range(rs.getString(1), rs.getString(3));
                });
        query("SELECT i.indexrelid, i.indisunique, a.attname FROM pg_index i"
                + " JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " CROSS JOIN LATERAL unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)"
                + " JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum"
                + " WHERE n.nspname = ? AND c.relname = ? AND i.indisvalid AND i.indpred IS NULL"
                + " AND i.indexprs IS NULL AND k.ord <= i.indnkeyatts ORDER BY i.indexrelid, k.ord",
                rs -> index(rs.getString(1), rs.getBoolean(2), rs.getString(3)));
    }

    private void mariadb() {
        query("SELECT TABLE_ROWS FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?",
                rs -> rows(rs.getDouble(1)));
        Map<String, Double> leadingCardinality = new HashMap<>();
        query("SELECT INDEX_NAME, NON_UNIQUE, COLUMN_NAME, SEQ_IN_INDEX, CARDINALITY FROM information_schema.STATISTICS"
                + " WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY INDEX_NAME, SEQ_IN_INDEX", rs -> {
                    index(rs.getString(1), rs.getInt(2) == 0, rs.getString(3));
                    if (rs.getInt(4) == 1 && rs.getDouble(5) > 0) {
                        leadingCardinality.put(rs.getString(3), rs.getDouble(5));
                    }
                });
        // InnoDB's CARDINALITY of a leading column is the whole index's; its sampled prefix count is that column's.
        query("SELECT s.stat_value, k.COLUMN_NAME FROM mysql.innodb_index_stats s JOIN information_schema.STATISTICS k"
                + " ON k.TABLE_SCHEMA = s.database_name AND k.TABLE_NAME = s.table_name AND k.INDEX_NAME = s.index_name"
                + " AND k.SEQ_IN_INDEX = 1 WHERE s.database_name = ? AND s.table_name = ? AND s.stat_name = 'n_diff_pfx01'",
                rs -> leadingCardinality.put(rs.getString(2), rs.getDouble(1)));
        distinct.putAll(leadingCardinality);
        // Filled only by ANALYZE TABLE ... PERSISTENT FOR; avg_frequency is rows per distinct value.
        query("SELECT column_name, avg_frequency, min_value, max_value FROM mysql.column_stats"
                + " WHERE db_name = ? AND table_name = ?", rs -> {
                    double frequency = rs.getDouble(2);
                    if (frequency > 0 && !Double.isNaN(rows)) {
                        distinct.put(rs.getString(1), rows / frequency);
                    }
                    range(rs.getString(1), "{" + rs.getString(3) + "," + rs.getString(4) + "}");
                });
    }

    private void h2() {
        query("SELECT ROW_COUNT_ESTIMATE FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?",
                rs -> rows(rs.getDouble(1)));
        query("SELECT INDEX_NAME, IS_UNIQUE, COLUMN_NAME FROM INFORMATION_SCHEMA.INDEX_COLUMNS"
                + " WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY INDEX_NAME, ORDINAL_POSITION",
                rs -> index(rs.getString(1), rs.getBoolean(2), rs.getString(3)));
    }

    private void rows(double value) {
        if (value >= 0) {
            rows = Math.max(1, value);
        }
    }

    private void index(String name, boolean isUnique, String column) {
        indexes.computeIfAbsent(name, n -> new ArrayList<>()).add(column);
        unique.put(name, isUnique);
    }

    /** The first and last element of a text array literal, when both read as numbers or dates. */
    private void range(String column, String bounds) {
        if (bounds == null || bounds.length() < 3) {
            return;
        }
        String[] values = bounds.substring(1, bounds.length() - 1).split(",");
        Double low = number(values[0]);
        Double high = number(values[values.length - 1]);
        if (low != null && high != null && high >= low) {
            ranges.put(column, new TableProfile.Range(low, high));
        }
    }

    private static Double number(String text) {
        String value = text.strip();
        if (value.startsWith("\"") && value.endsWith("\"") && value.length() > 1) {
            value = value.substring(1, value.length() - 1);
        }
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException notNumber) {
            try {
                return (double) LocalDate.parse(value).toEpochDay();
            } catch (DateTimeParseException notDate) {
                return null;
            }
        }
    }

    private TableProfile profile() {
        List<List<String>> keys = new ArrayList<>();
        indexes.forEach((name, columns) -> {
            if (unique.get(name)) {
                keys.add(List.copyOf(columns));
            }
        });
        List<List<String>> all = indexes.values().stream().map(List::copyOf).toList();
        return new TableProfile(rows, distinct, keys, all, ranges);
    }

    @FunctionalInterface
    private interface RowHandler {
        void accept(ResultSet rs) throws SQLException;
    }

    private void query(String sql, RowHandler handler) {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, schema);
            statement.setString(2, table);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    handler.accept(rs);
                }
            }
        } catch (SQLException e) {
            // Statistics only steer the plan: a part the source does not keep, or the user may not read, stays
            // unknown. The reader runs in autocommit, so a failed statement does not abort the next one.
        }
    }
}
