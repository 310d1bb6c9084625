package io.junction.server.cache;

import io.junction.cache.BypassReason;

import java.util.Optional;
import java.util.Set;

/**
 * The permanent base tables a query's names resolve to in the source's catalog (views replaced by
 * their base tables), or why they cannot be cached.
 *
 * @param tables    canonical names ({@code schema.table}, {@code database.table})
 * @param problem   why not, when the query must bypass the cache
 * @param detail    what the problem concerns, for EXPLAIN CACHE
 * @param lasting   whether the answer may be remembered for other queries of the same session
 *                  state: not when a name found no permanent table, since a table created outside
 *                  Junction (or a temporary table dropped) must be seen by the very next query
 */
public record ReadResolution(Set<String> tables, Optional<BypassReason> problem, String detail, boolean lasting) {
    public ReadResolution {
        tables = Set.copyOf(tables);
    }

    static ReadResolution of(Set<String> tables) {
        return new ReadResolution(tables, Optional.empty(), "", true);
    }

    static ReadResolution refused(BypassReason reason, String detail) {
        return new ReadResolution(Set.of(), Optional.of(reason), detail, true);
    }

    /** A name that found no permanent table (absent, or a temporary table of this connection): asked again next time. */
    static ReadResolution missing(String detail) {
        return new ReadResolution(Set.of(), Optional.of(BypassReason.UNRESOLVED_TABLE), detail, false);
    }
}
