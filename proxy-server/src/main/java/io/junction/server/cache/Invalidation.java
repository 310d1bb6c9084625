package io.junction.server.cache;

import java.util.Set;

/**
 * What a write makes stale: some tables of its source, or all of it.
 *
 * @param wholeSource whether every result of the source becomes stale
 * @param tables      canonical names of the tables otherwise (cascades, partitions included)
 * @param reason      why the whole source, for logs and EXPLAIN CACHE
 */
public record Invalidation(boolean wholeSource, Set<String> tables, String reason) {
    public Invalidation {
        tables = Set.copyOf(tables);
    }

    public static Invalidation source(String reason) {
        return new Invalidation(true, Set.of(), reason);
    }

    public static Invalidation tables(Set<String> tables) {
        return new Invalidation(false, tables, "");
    }
}
