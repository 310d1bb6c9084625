package io.junction.cache;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * What the analyser learnt about one statement text.
 *
 * @param kind          what the statement does
 * @param normalizedSql the text with comments dropped and white space folded, literals kept: the
 *                      SQL part of a cache key
 * @param reads         tables a query reads (as written; resolve them against the source)
 * @param writes        tables a {@link StatementKind#WRITE} changes (as written)
 * @param bypass        why a query cannot be cached, if it cannot
 * @param detail        the construct behind {@code bypass} or behind a source-wide write, for people
 * @param ttlHint       the {@code /*+ junction.cache(ttl=..) *}{@code /} hint, if given
 * @param sessionEffect how the statement changes session state
 * @param ddl           whether it may change the catalog (then name resolutions are forgotten)
 */
public record SqlAnalysis(StatementKind kind, String normalizedSql, Set<TableName> reads, Set<TableName> writes,
                          Optional<BypassReason> bypass, String detail, Optional<Duration> ttlHint,
                          SessionEffect sessionEffect, boolean ddl) {

    /** How a statement changes the state of the session that runs it. */
    public enum SessionEffect {
        NONE,
        /** A SET/RESET/USE whose text, kept in order, describes the new state. */
        TRACKED,
        /** Something whose effect on the session the cache cannot know (set_config, a user function). */
        UNTRACKED
    }

    public SqlAnalysis {
        reads = Set.copyOf(reads);
        writes = Set.copyOf(writes);
    }

    /** Whether the statement is a query that may be answered from the cache, session permitting. */
    public boolean cacheable() {
        return kind == StatementKind.QUERY && bypass.isEmpty();
    }

    /** Whether running it must invalidate cached results (some tables, or the whole source). */
    public boolean invalidates() {
        return kind == StatementKind.WRITE || kind == StatementKind.SOURCE_WRITE;
    }
}
