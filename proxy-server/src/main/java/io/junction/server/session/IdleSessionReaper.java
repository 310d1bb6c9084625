package io.junction.server.session;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Closes client sessions that sent no request for {@code sessions.idle-timeout}: a client that
 * vanished (killed, network gone) must not hold a transaction, a pinned connection or cursors
 * forever. Checks a few times per timeout on one daemon thread.
 */
public final class IdleSessionReaper implements AutoCloseable {
    private final SessionAdministration sessions;
    private final ScheduledExecutorService scheduler;
    private ScheduledFuture<?> checks;

    public IdleSessionReaper(SessionAdministration sessions, Duration idleTimeout) {
        this.sessions = sessions;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "junction-idle-sessions");
            thread.setDaemon(true);
            return thread;
        });
        retime(idleTimeout);
    }

    /** Applies a new {@code sessions.idle-timeout} (a config reload) from the next check on. */
    public synchronized void retime(Duration idleTimeout) {
        if (checks != null) {
            checks.cancel(false);
        }
        long period = Math.max(100, Math.min(30_000, idleTimeout.toMillis() / 4));
        checks = scheduler.scheduleWithFixedDelay(() -> sessions.closeIdleSessions(idleTimeout), period, period,
                TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
