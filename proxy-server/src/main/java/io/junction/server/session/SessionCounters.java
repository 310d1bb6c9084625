package io.junction.server.session;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.EnumMap;
import java.util.Map;

/**
 * What multiplexing costs, counted: sessions pinned by reason ({@code junction.sessions.pins{reason=...}}), so
 * invisible pinning is visible, and leases on which a session's tracked SET state had to be replayed on the
 * connection ({@code junction.sessions.state.replays}). Resets are counted by the source that performs them.
 */
final class SessionCounters {
    private final Map<PinReason, Counter> pins = new EnumMap<>(PinReason.class);
    private final Counter replays;

    SessionCounters(MeterRegistry registry) {
        for (PinReason reason : PinReason.values()) {
            pins.put(reason, Counter.builder("junction.sessions.pins")
                    .description("Client sessions pinned to one upstream connection, by reason")
                    .tag("reason", reason.label())
                    .register(registry));
        }
        replays = Counter.builder("junction.sessions.state.replays")
                .description("Leases on which a session's tracked SET state was applied to a connection that lacked it")
                .register(registry);
    }

    void pinned(PinReason reason) {
        pins.get(reason).increment();
    }

    void stateReplayed() {
        replays.increment();
    }
}
