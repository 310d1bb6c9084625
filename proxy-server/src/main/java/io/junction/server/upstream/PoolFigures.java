package io.junction.server.upstream;

import io.junction.server.config.PoolSettings;

/**
 * One source's pool at a moment, as the admin API shows it.
 *
 * @param source  the source name
 * @param dialect the upstream family ({@code postgresql}, {@code mariadb}, ...)
 * @param open    whether the pool exists now (pools open on first use and close when idle)
 * @param active  connections lent out
 * @param idle    connections waiting in the pool
 * @param waiting requests waiting for a connection
 * @param total   physical connections the pool holds
 * @param settings the sizing and timeouts in force
 */
public record PoolFigures(String source, String dialect, boolean open, int active, int idle, int waiting, int total,
                          PoolSettings settings) {
}
