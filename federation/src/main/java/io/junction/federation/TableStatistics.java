package io.junction.federation;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.OptionalDouble;

/**
 * Row counts of source tables, read from each database's own bookkeeping (never a COUNT(*)) and
 * kept for a TTL. They replace Calcite's "every JDBC table has 100 rows", so the planner orders
 * joins, builds hash tables on the small side and ships keys from it.
 */
final class TableStatistics {
    private record Key(String source, String schema, String table) {
    }

    private final Cache<Key, OptionalDouble> rowCounts;

    TableStatistics(Duration ttl) {
        this.rowCounts = Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(100_000).build();
    }

    /** The estimated row count, or empty when the source keeps none (never analyzed). */
    OptionalDouble rowCount(FederatedSource source, String schema, String table) {
        return rowCounts.get(new Key(source.name(), schema, table), key -> read(source, schema, table));
    }

    private static OptionalDouble read(FederatedSource source, String schema, String table) {
        String sql = switch (source.kind()) {
            // reltuples is -1 until the table is first analyzed or vacuumed.
            case POSTGRESQL -> "SELECT c.reltuples FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                    + " WHERE n.nspname = ? AND c.relname = ?";
            case MARIADB -> "SELECT TABLE_ROWS FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?";
            case H2 -> "SELECT ROW_COUNT_ESTIMATE FROM INFORMATION_SCHEMA.TABLES"
                    + " WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?";
        };
        try (Connection connection = source.dataSource().getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, schema);
            statement.setString(2, table);
            try (ResultSet rs = statement.executeQuery()) {
                if (rs.next()) {
                    double rows = rs.getDouble(1);
                    if (!rs.wasNull() && rows >= 0) {
                        return OptionalDouble.of(Math.max(1, rows));
                    }
                }
            }
            return OptionalDouble.empty();
        } catch (SQLException e) {
            // Statistics only steer the plan: without them Calcite's default estimate applies.
            return OptionalDouble.empty();
        }
    }
}
