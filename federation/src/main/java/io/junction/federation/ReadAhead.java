package io.junction.federation;

import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One source statement of a cross-source query, started as soon as the query starts and read on a
 * federation reader thread into a buffer of {@value #BUFFER_ROWS} rows, so every source works at
 * once instead of each waiting for the join below it to finish (a hash join reads its build side
 * whole before it opens its probe side). Rows are charged to the query's {@link MemoryBudget} as
 * they are read, buffered ones included.
 *
 * <p>Threads are bounded: when no reader thread is free the statement is not read ahead, and the
 * query's own thread reads it when it gets there, as it would without read-ahead. A statement
 * whose reader has not started yet is taken over the same way, so a query never waits for a thread
 * another query holds. Public only because generated code calls {@link #start}.
 */
public final class ReadAhead<T> extends AbstractEnumerable<T> {
    /** Rows buffered per statement: the fetch size, so a reader stays about one round trip ahead. */
    static final int BUFFER_ROWS = StreamingDataSource.FETCH_SIZE;
    private static final int PENDING = 0;
    private static final int READING = 1;
    private static final int TAKEN_OVER = 2;
    private static final int CLOSED = 3;
    private static final Object END = new Object();
    private static final Object NULL = new Object();

    private record Failure(Throwable cause) {
    }

    private final Enumerable<T> source;
    private final MemoryBudget budget;
    private final BlockingQueue<Object> buffer = new ArrayBlockingQueue<>(BUFFER_ROWS);
    private final AtomicInteger state = new AtomicInteger(PENDING);
    private volatile boolean consumed;

    private ReadAhead(Enumerable<T> source, MemoryBudget budget) {
        this.source = source;
        this.budget = budget;
    }

    /** Called by generated code when the query is bound: starts reading {@code source} if a thread is free. */
    public static <T> Enumerable<T> start(Enumerable<T> source, DataContext root) {
        if (!(root instanceof QueryContext context)) {
            return source;
        }
        ReadAhead<T> readAhead = new ReadAhead<>(source, context.budget());
        context.onClose(readAhead::close);
        try {
            context.readers().execute(readAhead::read);
        } catch (RejectedExecutionException busy) {
            // Every reader thread is busy: the query's thread reads this statement itself.
        }
        return readAhead;
    }

    private void read() {
        if (!state.compareAndSet(PENDING, READING)) {
            return;
        }
        try (MemoryBudget.AutoCloseableNoThrow ignored = budget.enter();
             Enumerator<T> rows = source.enumerator()) {
            while (state.get() == READING && rows.moveNext()) {
                T row = rows.current();
                put(row == null ? NULL : row);
            }
            put(END);
        } catch (Throwable e) {
            put(new Failure(e));
        }
    }

    private void put(Object item) {
        try {
            while (state.get() == READING && !buffer.offer(item, 100, TimeUnit.MILLISECONDS)) {
                // The consumer is busy elsewhere (building a hash table): wait, unless the query ends.
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public Enumerator<T> enumerator() {
        if (consumed || state.compareAndSet(PENDING, TAKEN_OVER)) {
            // Not started (or asked a second time): read it here, on the query's thread.
            return source.enumerator();
        }
        consumed = true;
        return new Buffered();
    }

    void close() {
        state.set(CLOSED);
        buffer.clear();
    }

    private final class Buffered implements Enumerator<T> {
        private T current;
        private boolean done;

        @Override
        public T current() {
            return current;
        }

        @Override
        @SuppressWarnings("unchecked")
        public boolean moveNext() {
            if (done) {
                return false;
            }
            Object item = take();
            if (item == END) {
                done = true;
                return false;
            }
            if (item instanceof Failure failure) {
                done = true;
                if (failure.cause() instanceof Error error) {
                    throw error;
                }
                throw failure.cause() instanceof RuntimeException runtime ? runtime
                        : new IllegalStateException(failure.cause());
            }
            current = item == NULL ? null : (T) item;
            return true;
        }

        private Object take() {
            try {
                Object item = null;
                while (item == null) {
                    if (state.get() == CLOSED) {
                        throw new IllegalStateException("The federated query was closed while reading a source");
                    }
                    item = buffer.poll(100, TimeUnit.MILLISECONDS);
                }
                return item;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while reading a source", e);
            }
        }

        @Override
        public void reset() {
            throw new UnsupportedOperationException("a read-ahead source is read once");
        }

        @Override
        public void close() {
            ReadAhead.this.close();
        }
    }
}
