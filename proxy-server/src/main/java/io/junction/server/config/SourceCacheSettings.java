package io.junction.server.config;

import java.time.Duration;
import java.util.List;

/**
 * How one source uses the result cache ({@code sources.<name>.cache:}).
 *
 * <p>Off by default: Junction sees only the writes that pass through it, and most sources also have
 * writers that do not (ETL jobs, other applications). A gateway that silently served results up to
 * a TTL old would not behave like a direct connection, which is Junction's first promise; turning
 * the cache on is one line per source whose staleness bound (the TTL) the operator accepts.
 *
 * @param enabled                whether results of this source are cached
 * @param ttl                    how long a result is served when the query gives no hint
 * @param maxTtl                 the most a {@code /*+ junction.cache(ttl=..) *}{@code /} hint may ask for
 * @param perUser                whether each Junction user gets its own entries (row-level security,
 *                               {@code current_user} in views)
 * @param deterministicFunctions user-defined functions declared deterministic and free of side effects
 */
public record SourceCacheSettings(boolean enabled, Duration ttl, Duration maxTtl, boolean perUser,
                                  List<String> deterministicFunctions) {
    public SourceCacheSettings {
        deterministicFunctions = List.copyOf(deterministicFunctions);
    }

    public static SourceCacheSettings defaults() {
        return new SourceCacheSettings(false, Duration.ofSeconds(60), Duration.ofMinutes(10), false, List.of());
    }

    /** The defaults with the cache turned on (tests, benchmarks). */
    public static SourceCacheSettings enabledDefaults() {
        SourceCacheSettings d = defaults();
        return new SourceCacheSettings(true, d.ttl, d.maxTtl, d.perUser, d.deterministicFunctions);
    }
}
