package io.junction.server.cache;

import java.util.Set;

/**
 * What a write makes stale: some tables of its source, or all of it.
 *
 * @param wholeSource whether every result of the source becomes stale
 * @param tables      canonical names of the tables otherwise (cascades, partitions included)
 * @param reason      why the whole source, for logs and EXPLAIN CACHE
 * @param lasting     whether the answer holds for every session with the same state: not when a
 *                    name found no table or a temporary one (another session's write to the same
 *                    name reaches a permanent table)
 */
public record Invalidation(boolean wholeSource, Set<String> tables, String reason, boolean lasting) {
    public Invalidation {
        tables = Set.copyOf(tables);
    }

    public static Invalidation source(String reason) {
        return new Invalidation(true, Set.of(), reason, true);
    }

    public static Invalidation tables(Set<String> tables) {
        return new Invalidation(false, tables, "", true);
    }

    /** The same invalidation, asked again for the next write rather than remembered. */
    Invalidation forThisWriteOnly() {
        return new Invalidation(wholeSource, tables, reason, false);
    }
}
