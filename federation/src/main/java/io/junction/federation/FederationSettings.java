package io.junction.federation;

import java.time.Duration;

/**
 * Federation's knobs.
 *
 * @param catalogTtl how long a source's schema and table names are trusted before re-reading
 * @param statisticsTtl how long a table's row count is trusted
 * @param queryMemoryBytes what one cross-source query may read into memory before failing with 53200
 * @param planCacheSize compiled cross-source plans kept
 */
public record FederationSettings(Duration catalogTtl, Duration statisticsTtl, long queryMemoryBytes,
                                 int planCacheSize) {
    public FederationSettings {
        if (queryMemoryBytes <= 0 || planCacheSize < 0 || catalogTtl.isNegative() || statisticsTtl.isNegative()) {
            throw new IllegalArgumentException("federation settings must be positive");
        }
    }

    public static FederationSettings defaults() {
        return new FederationSettings(Duration.ofMinutes(1), Duration.ofMinutes(10), 256L * 1024 * 1024, 1_000);
    }

    public FederationSettings withQueryMemoryBytes(long bytes) {
        return new FederationSettings(catalogTtl, statisticsTtl, bytes, planCacheSize);
    }
}
