package io.junction.federation;

import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.Linq4j;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Source statements read ahead on reader threads: order, nulls, failures, no free thread, early close. */
class ReadAheadTest {
    private final ExecutorService readers = Executors.newFixedThreadPool(1);

    @AfterEach
    void stop() {
        readers.shutdownNow();
    }

    @Test
    void rowsAreReadOnAReaderThread_andComeOutInOrder_nullsIncluded() throws Exception {
        Recording<Object> source = new Recording<>(Arrays.asList(1, null, 3));
        QueryContext query = query(readers);

        Enumerable<Object> readAhead = ReadAhead.start(source, query);
        assertThat(source.started.await(10, TimeUnit.SECONDS)).isTrue();
        List<Object> rows = drain(readAhead);

        assertThat(rows).containsExactly(1, null, 3);
        assertThat(source.readOn).isNotEqualTo(Thread.currentThread().getName());
    }

    @Test
    void noFreeReaderThread_theQueryThreadReadsTheStatementItself() {
        Recording<Object> source = new Recording<>(List.of(1, 2));
        Executor busy = task -> {
            throw new RejectedExecutionException("all reader threads are busy");
        };

        List<Object> rows = drain(ReadAhead.start(source, query(busy)));

        assertThat(rows).containsExactly(1, 2);
        assertThat(source.readOn).isEqualTo(Thread.currentThread().getName());
    }

    @Test
    void statementNotStartedYet_isTakenOverByTheQueryThread() {
        Recording<Object> source = new Recording<>(List.of(1, 2));
        List<Runnable> queued = new ArrayList<>();

        Enumerable<Object> readAhead = ReadAhead.start(source, query(queued::add));
        List<Object> rows = drain(readAhead);
        queued.forEach(Runnable::run);

        assertThat(rows).containsExactly(1, 2);
        assertThat(source.readOn).isEqualTo(Thread.currentThread().getName());
        assertThat(source.opened).isEqualTo(1);
    }

    @Test
    void sourceFailure_reachesTheQueryThread() {
        Enumerable<Object> failing = new AbstractEnumerable<>() {
            @Override
            public Enumerator<Object> enumerator() {
                throw new IllegalStateException("source said no");
            }
        };

        assertThatThrownBy(() -> drain(ReadAhead.start(failing, query(readers))))
                .isInstanceOf(IllegalStateException.class).hasMessage("source said no");
    }

    @Test
    void queryClosedEarly_stopsTheReaderAndClosesTheStatement() throws Exception {
        List<Object> many = new ArrayList<>();
        for (int i = 0; i < ReadAhead.BUFFER_ROWS * 3; i++) {
            many.add(i);
        }
        Recording<Object> source = new Recording<>(many);
        QueryContext query = query(readers);

        ReadAhead.start(source, query);
        assertThat(source.started.await(10, TimeUnit.SECONDS)).isTrue();
        query.cancel();

        assertThat(source.closed.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(source.read).isLessThanOrEqualTo(ReadAhead.BUFFER_ROWS + 1);
    }

    private static QueryContext query(Executor executor) {
        return new QueryContext(null, new HashMap<>(), new HashMap<>(), new MemoryBudget(1L << 30), executor);
    }

    private static List<Object> drain(Enumerable<Object> enumerable) {
        List<Object> rows = new ArrayList<>();
        try (Enumerator<Object> enumerator = enumerable.enumerator()) {
            while (enumerator.moveNext()) {
                rows.add(enumerator.current());
            }
        }
        return rows;
    }

    /** A source that records where and how much it was read, and whether it was closed. */
    private static final class Recording<T> extends AbstractEnumerable<T> {
        private final List<T> rows;
        private final CountDownLatch started = new CountDownLatch(1);
        private final CountDownLatch closed = new CountDownLatch(1);
        private volatile String readOn;
        private volatile int read;
        private volatile int opened;

        Recording(List<T> rows) {
            this.rows = rows;
        }

        @Override
        public Enumerator<T> enumerator() {
            opened++;
            readOn = Thread.currentThread().getName();
            Enumerator<T> inner = Linq4j.enumerator(rows);
            return new Enumerator<>() {
                @Override
                public T current() {
                    return inner.current();
                }

                @Override
                public boolean moveNext() {
                    started.countDown();
                    boolean more = inner.moveNext();
                    if (more) {
                        read++;
                    }
                    return more;
                }

                @Override
                public void reset() {
                    inner.reset();
                }

                @Override
                public void close() {
                    closed.countDown();
                }
            };
        }
    }
}
