package io.junction.server.session;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Closes client sessions that sent no request for {@code sessions.idle-timeout}: a client that
 * vanished (killed, network gone) must not hold a transaction, a pinned connection or cursors
 * forever. Checks a few times per timeout on one daemon thread.
 */
public final class IdleSessionReaper implements AutoCloseable {
    private final ScheduledExecutorService scheduler;

    public IdleSessionReaper(GatewayMeta meta, Duration idleTimeout) {
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "junction-idle-sessions");
            thread.setDaemon(true);
            return thread;
        });
        long period = Math.max(100, Math.min(30_000, idleTimeout.toMillis() / 4));
        scheduler.scheduleWithFixedDelay(() -> meta.closeIdleSessions(idleTimeout), period, period,
                TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
