package io.junction.server.config;

/**
 * Limits over every source together ({@code upstream:} in the config file).
 *
 * @param maxTotalConnections most physical upstream connections open at once over all pools
 *                            ({@code upstream.max-total-connections}, default 1000); each pool is
 *                            further bounded by its own {@code pool.max-size}
 */
public record UpstreamSettings(int maxTotalConnections) {
    public static UpstreamSettings defaults() {
        return new UpstreamSettings(1000);
    }
}
