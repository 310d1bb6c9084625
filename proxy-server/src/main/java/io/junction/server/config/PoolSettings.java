package io.junction.server.config;

import java.time.Duration;

/**
 * The upstream pool of one source ({@code sources.<name>.pool:}).
 *
 * @param maxSize        most physical connections this pool holds
 * @param acquireTimeout longest a statement waits for a connection before failing
 * @param idleClose      a pool unused this long is closed (its connections too)
 * @param maxLifetime    a physical connection is retired after this long
 */
public record PoolSettings(int maxSize, Duration acquireTimeout, Duration idleClose, Duration maxLifetime) {
    public static PoolSettings defaults() {
        return new PoolSettings(10, Duration.ofSeconds(30), Duration.ofMinutes(10), Duration.ofMinutes(30));
    }
}
