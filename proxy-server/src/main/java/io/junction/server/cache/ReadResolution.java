package io.junction.server.cache;

import io.junction.cache.BypassReason;

import java.util.Optional;
import java.util.Set;

/**
 * The permanent base tables a query's names resolve to in the source's catalog (views replaced by
 * their base tables), or why they cannot be cached.
 *
 * @param tables  canonical names ({@code schema.table}, {@code database.table})
 * @param problem why not, when the query must bypass the cache
 * @param detail  what the problem concerns, for EXPLAIN CACHE
 */
public record ReadResolution(Set<String> tables, Optional<BypassReason> problem, String detail) {
    public ReadResolution {
        tables = Set.copyOf(tables);
    }

    static ReadResolution of(Set<String> tables) {
        return new ReadResolution(tables, Optional.empty(), "");
    }

    static ReadResolution refused(BypassReason reason, String detail) {
        return new ReadResolution(Set.of(), Optional.of(reason), detail);
    }
}
