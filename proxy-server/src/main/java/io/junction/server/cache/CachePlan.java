package io.junction.server.cache;

import io.junction.cache.BypassReason;
import io.junction.cache.CacheKey;
import io.junction.cache.SqlAnalysis;

import java.time.Duration;
import java.util.Optional;

/**
 * The cache's decision for one query: bypass (with the reason), or the key, the tables and the TTL
 * to serve or load it under.
 *
 * @param analysis   what the analyser found
 * @param bypass     why not cached, if not
 * @param detail     what the bypass concerns
 * @param key        the key, when cacheable so far
 * @param resolution the base tables, once resolved against the catalog
 * @param ttl        the entry's TTL
 */
public record CachePlan(SqlAnalysis analysis, Optional<BypassReason> bypass, String detail, CacheKey key,
                        ReadResolution resolution, Duration ttl) {

    public boolean cacheable() {
        return bypass.isEmpty() && key != null && resolution != null;
    }

    /** Cacheable so far, but the names still need the catalog (a connection). */
    public boolean needsResolution() {
        return bypass.isEmpty() && key != null && resolution == null;
    }

    CachePlan resolved(ReadResolution tables) {
        if (tables.problem().isPresent()) {
            return new CachePlan(analysis, tables.problem(), tables.detail(), key, tables, ttl);
        }
        return new CachePlan(analysis, Optional.empty(), "", key, tables, ttl);
    }

    static CachePlan bypass(SqlAnalysis analysis, BypassReason reason, String detail) {
        return new CachePlan(analysis, Optional.of(reason), detail, null, null, null);
    }
}
