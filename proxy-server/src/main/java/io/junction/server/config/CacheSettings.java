package io.junction.server.config;

/**
 * The result cache's memory ({@code cache:}).
 *
 * @param maxBytes      bytes of cached results, loads in flight included ({@code cache.max-bytes})
 * @param maxEntryBytes largest single result stored; bigger ones stream through uncached
 *                      ({@code cache.max-entry-bytes})
 */
public record CacheSettings(long maxBytes, long maxEntryBytes) {
    public static CacheSettings defaults() {
        return new CacheSettings(256L * 1024 * 1024, 16L * 1024 * 1024);
    }
}
