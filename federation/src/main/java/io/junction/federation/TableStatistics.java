package io.junction.federation;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Table profiles (row counts, distinct counts, unique keys, indexes, value ranges), read from each
 * database's own bookkeeping by {@link TableProfileReader} (never a COUNT(*) or a scan) and kept for
 * a TTL. They replace Calcite's "every JDBC table has 100 rows", so the planner orders joins, pushes
 * joins and partial aggregates where they shrink what crosses sources, builds hash tables on the
 * small side and ships keys only into columns the source can seek.
 */
final class TableStatistics {
    private record Key(String source, String schema, String table) {
    }

    private final Cache<Key, TableProfile> profiles;
    private final Map<String, FederatedSource> sources;

    /**
     * @param sources the sources as configured: catalogs are read on their plain connections, in
     *     autocommit, unseen by the listeners of federated statements
     */
    TableStatistics(Duration ttl, List<FederatedSource> sources) {
        this.profiles = Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(100_000).build();
        this.sources = sources.stream().collect(Collectors.toMap(FederatedSource::name, Function.identity()));
    }

    /** What the source knows of the table; {@link TableProfile#UNKNOWN} when it cannot be read. */
    TableProfile profile(String source, String schema, String table) {
        return profiles.get(new Key(source, schema, table), key -> read(sources.get(source), schema, table));
    }

    private static TableProfile read(FederatedSource source, String schema, String table) {
        try (Connection connection = source.dataSource().getConnection()) {
            return TableProfileReader.read(source.kind(), connection, schema, table);
        } catch (SQLException e) {
            // Statistics only steer the plan: without them Calcite's default estimates apply.
            return TableProfile.UNKNOWN;
        }
    }
}
