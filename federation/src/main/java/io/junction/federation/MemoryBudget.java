package io.junction.federation;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The bytes a cross-source query may hold. Every row read from a source is charged at an
 * estimate of its in-memory size; since nothing can be held that was not read, the charge bounds
 * what hash tables, sorts and aggregates retain. Going over fails the query with SQLState 53200
 * instead of risking an OutOfMemoryError for every session of the gateway.
 *
 * <p>Rows are pulled on whichever worker thread serves the client's fetch, and read ahead on
 * federation reader threads, so the budget is attached to a thread for the duration of each pull
 * or read ({@link #enter}) and charged atomically.
 */
final class MemoryBudget {
    private static final ThreadLocal<MemoryBudget> CURRENT = new ThreadLocal<>();
    /** Object header, array slot and a boxed or short value per column: a deliberately round figure. */
    private static final int BYTES_PER_COLUMN = 32;
    private static final int BYTES_PER_ROW = 48;

    private final long limitBytes;
    private final AtomicLong usedBytes = new AtomicLong();

    MemoryBudget(long limitBytes) {
        this.limitBytes = limitBytes;
    }

    /** Attaches this budget to the current thread; returns what to call when the pull ends. */
    AutoCloseableNoThrow enter() {
        MemoryBudget previous = CURRENT.get();
        CURRENT.set(this);
        return () -> CURRENT.set(previous);
    }

    /** Charges one row read from a source to the current thread's query, if any. */
    static void chargeRow(String source, int columns) throws FederationException {
        MemoryBudget budget = CURRENT.get();
        if (budget != null) {
            budget.charge(source, BYTES_PER_ROW + (long) columns * BYTES_PER_COLUMN);
        }
    }

    private void charge(String source, long bytes) throws FederationException {
        if (usedBytes.addAndGet(bytes) > limitBytes) {
            throw new FederationException(FederationException.OUT_OF_MEMORY, "The cross-source query went over "
                    + "its memory bound of " + size(limitBytes) + " while reading from source '" + source
                    + "'. Filter or aggregate more so fewer rows cross sources, or query one source.");
        }
    }

    private static String size(long bytes) {
        return bytes >= 1024 * 1024 ? bytes / (1024 * 1024) + " MB" : bytes / 1024 + " KB";
    }

    @FunctionalInterface
    interface AutoCloseableNoThrow extends AutoCloseable {
        @Override
        void close();
    }
}
