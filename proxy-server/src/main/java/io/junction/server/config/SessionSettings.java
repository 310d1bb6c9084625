package io.junction.server.config;

import java.time.Duration;

/**
 * Client sessions ({@code sessions:} in the config file).
 *
 * @param idleTimeout a session that sends no request for this long is closed: its open transaction
 *                    rolled back, its cursors closed, its pinned connection reset and returned
 *                    ({@code sessions.idle-timeout}, default 30m)
 */
public record SessionSettings(Duration idleTimeout) {
    public static SessionSettings defaults() {
        return new SessionSettings(Duration.ofMinutes(30));
    }
}
