package io.junction.bench;

import java.sql.SQLException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.Histogram;

/**
 * One client thread: opens its session, waits for the common start, then repeats the operation until
 * the window closes. Latencies go to a histogram of its own, so threads never contend while measuring.
 */
final class LoadWorker implements Runnable {
    private final SessionFactory sessions;
    private final CountDownLatch opened;
    private final CountDownLatch started;
    private final AtomicReference<Window> window;
    private final ErrorTally errors;
    private final Histogram latencyNanos = new Histogram(3);

    // Written by this worker's thread; read by the runner only after Thread.join, which orders the two.
    private Session session;
    private Exception openFailure;

    LoadWorker(SessionFactory sessions, CountDownLatch opened, CountDownLatch started,
               AtomicReference<Window> window, ErrorTally errors) {
        this.sessions = sessions;
        this.opened = opened;
        this.started = started;
        this.window = window;
        this.errors = errors;
    }

    @Override
    public void run() {
        try {
            session = sessions.open();
        } catch (SQLException | RuntimeException e) {
            openFailure = e;
        } finally {
            opened.countDown();
        }
        try {
            started.await();
            if (openFailure == null) {
                repeatUntil(window.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeSession();
        }
    }

    private void repeatUntil(Window w) {
        while (!w.aborted()) {
            long begin = System.nanoTime();
            if (begin - w.endNanos() >= 0) {
                return;
            }
            try {
                if (session == null) {
                    session = sessions.open();
                }
                session.runOnce();
                long end = System.nanoTime();
                if (begin - w.measureFromNanos() >= 0) {
                    latencyNanos.recordValue(end - begin);
                }
            } catch (SQLException | RuntimeException e) {
                if (begin - w.measureFromNanos() >= 0) {
                    errors.record(e);
                }
                // The connection may be broken; the next operation starts from a fresh session.
                closeSession();
            }
        }
    }

    private void closeSession() {
        if (session == null) {
            return;
        }
        try {
            session.close();
        } catch (SQLException | RuntimeException e) {
            errors.record(e);
        }
        session = null;
    }

    Histogram latencyNanos() {
        return latencyNanos;
    }

    Exception openFailure() {
        return openFailure;
    }

    /** The common schedule, fixed once every worker has opened its session. */
    record Window(long measureFromNanos, long endNanos, boolean aborted) {
        static Window abort() {
            return new Window(0, 0, true);
        }
    }
}
