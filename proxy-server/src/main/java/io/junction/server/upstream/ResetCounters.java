package io.junction.server.upstream;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counts the resets of connections a session left dirty ({@code junction.sessions.resets{outcome=clean|evicted}}):
 * each is an extra round trip (PostgreSQL {@code DISCARD ALL}, MariaDB {@code COM_RESET_CONNECTION}), and an
 * evicted connection costs a new one.
 */
final class ResetCounters {
    private final Counter clean;
    private final Counter evicted;

    ResetCounters(MeterRegistry registry) {
        clean = counter(registry, "clean");
        evicted = counter(registry, "evicted");
    }

    void reset(boolean succeeded) {
        (succeeded ? clean : evicted).increment();
    }

    private static Counter counter(MeterRegistry registry, String outcome) {
        return Counter.builder("junction.sessions.resets")
                .description("Upstream connections reset after carrying a session's state, by outcome")
                .tag("outcome", outcome)
                .register(registry);
    }
}
