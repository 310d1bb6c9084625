package io.junction.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.Histogram;

/**
 * Drives one load shape: N threads each open a session, all start together, run a warm-up whose
 * operations are not counted, then a measured window. Operations that begin inside the window are
 * counted (with their latency) or, when they fail, tallied as errors.
 */
public final class LoadRunner {
    /** Small stacks, so that runs with thousands of client threads fit in memory. */
    private static final long WORKER_STACK_BYTES = 256 * 1024;

    private final SessionFactory sessions;
    private final int threads;
    private final Duration warmup;
    private final Duration measured;

    public LoadRunner(SessionFactory sessions, int threads, Duration warmup, Duration measured) {
        this.sessions = Objects.requireNonNull(sessions, "sessions is null");
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, was " + threads);
        }
        if (warmup.isNegative() || measured.isNegative() || measured.isZero()) {
            throw new IllegalArgumentException("warm-up must be >= 0 and the measured time > 0, were "
                    + warmup + " and " + measured);
        }
        this.threads = threads;
        this.warmup = warmup;
        this.measured = measured;
    }

    /**
     * @throws LoadFailedException when a thread cannot open its session: the run is abandoned, since
     *     figures from fewer clients than asked would mislead
     */
    public LoadResult run(String label) throws LoadFailedException, InterruptedException {
        long begin = System.nanoTime();
        CountDownLatch opened = new CountDownLatch(threads);
        CountDownLatch started = new CountDownLatch(1);
        AtomicReference<LoadWorker.Window> window = new AtomicReference<>();
        ErrorTally errors = new ErrorTally();

        List<LoadWorker> workers = new ArrayList<>(threads);
        List<Thread> running = new ArrayList<>(threads);
        for (int i = 0; i < threads; i++) {
            LoadWorker worker = new LoadWorker(sessions, opened, started, window, errors);
            Thread thread = new Thread(null, worker, label + "-client-" + i, WORKER_STACK_BYTES);
            workers.add(worker);
            running.add(thread);
            thread.start();
        }

        opened.await();
        // How long the clients took to open their sessions at once (first logins included): on stderr, beside
        // the RESULT line, so that scripts parsing stdout are unaffected.
        System.err.printf(java.util.Locale.ROOT, "OPENED label=%s sessions=%d open_s=%.2f%n", label, threads,
                (System.nanoTime() - begin) / 1e9);
        Exception openFailure = workers.stream().map(LoadWorker::openFailure)
                .filter(Objects::nonNull).findFirst().orElse(null);
        long measureFrom = System.nanoTime() + warmup.toNanos();
        window.set(openFailure == null
                ? new LoadWorker.Window(measureFrom, measureFrom + measured.toNanos(), false)
                : LoadWorker.Window.abort());
        started.countDown();
        for (Thread thread : running) {
            thread.join();
        }

        if (openFailure != null) {
            throw new LoadFailedException(label + ": a client could not open its session: "
                    + ErrorTally.describe(openFailure), openFailure);
        }
        Histogram all = new Histogram(3);
        workers.forEach(w -> all.add(w.latencyNanos()));
        return new LoadResult(label, threads, measured, all, errors.total(), errors.summary());
    }
}
