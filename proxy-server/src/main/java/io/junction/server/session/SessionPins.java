package io.junction.server.session;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.EnumMap;
import java.util.Map;

/** Counts pinned sessions by reason ({@code junction.sessions.pins{reason=...}}), so invisible pinning is visible. */
final class SessionPins {
    private final Map<PinReason, Counter> counters = new EnumMap<>(PinReason.class);

    SessionPins(MeterRegistry registry) {
        for (PinReason reason : PinReason.values()) {
            counters.put(reason, Counter.builder("junction.sessions.pins")
                    .description("Client sessions pinned to one upstream connection, by reason")
                    .tag("reason", reason.label())
                    .register(registry));
        }
    }

    void pinned(PinReason reason) {
        counters.get(reason).increment();
    }
}
