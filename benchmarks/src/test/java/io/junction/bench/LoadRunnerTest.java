package io.junction.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LoadRunnerTest {
    /** An in-memory stand-in for a connection: counts what the runner asks of it. */
    private static final class CountingSessions implements SessionFactory {
        final AtomicInteger opened = new AtomicInteger();
        final AtomicInteger closed = new AtomicInteger();
        final AtomicLong succeeded = new AtomicLong();
        final AtomicLong failed = new AtomicLong();
        private final boolean failEveryOtherCall;

        CountingSessions(boolean failEveryOtherCall) {
            this.failEveryOtherCall = failEveryOtherCall;
        }

        @Override
        public Session open() {
            opened.incrementAndGet();
            return new Session() {
                private long calls;

                @Override
                public void runOnce() throws SQLException {
                    if (failEveryOtherCall && calls++ % 2 == 1) {
                        failed.incrementAndGet();
                        throw new SQLException("connection reset by peer", "08006");
                    }
                    succeeded.incrementAndGet();
                }

                @Override
                public void close() {
                    closed.incrementAndGet();
                }
            };
        }
    }

    @Test
    void run_withoutWarmup_countsEverySuccessfulOperation() throws Exception {
        CountingSessions sessions = new CountingSessions(false);

        LoadResult result = new LoadRunner(sessions, 3, Duration.ZERO, Duration.ofMillis(200)).run("fake");

        assertThat(result.operations()).isEqualTo(sessions.succeeded.get());
        assertThat(result.errors()).isZero();
        assertThat(result.errorSummary()).isEmpty();
        assertThat(result.label()).isEqualTo("fake");
        assertThat(result.threads()).isEqualTo(3);
        assertThat(sessions.opened.get()).isEqualTo(3);
        assertThat(sessions.closed.get()).isEqualTo(3);
    }

    @Test
    void run_failingOperations_areTalliedBySqlStateAndReopenFreshSessions() throws Exception {
        CountingSessions sessions = new CountingSessions(true);

        LoadResult result = new LoadRunner(sessions, 2, Duration.ZERO, Duration.ofMillis(200)).run("flaky");

        assertThat(result.operations()).isEqualTo(sessions.succeeded.get());
        assertThat(result.errors()).isEqualTo(sessions.failed.get()).isPositive();
        assertThat(result.errorSummary()).containsExactly(
                sessions.failed.get() + " × [08006] connection reset by peer");
        assertThat(sessions.opened.get()).isGreaterThan(2);
        assertThat(sessions.closed.get()).isEqualTo(sessions.opened.get());
    }

    @Test
    void run_sessionThatCannotOpen_failsTheRunWithTheCause() {
        SessionFactory refused = () -> {
            throw new SQLException("password authentication failed for user \"bench\"", "28P01");
        };

        assertThatThrownBy(() -> new LoadRunner(refused, 4, Duration.ZERO, Duration.ofSeconds(30)).run("denied"))
                .isInstanceOf(LoadFailedException.class)
                .hasMessage("denied: a client could not open its session:"
                        + " [28P01] password authentication failed for user \"bench\"");
    }

    @Test
    void constructor_zeroThreads_isRejected() {
        assertThatThrownBy(() -> new LoadRunner(new CountingSessions(false), 0, Duration.ZERO, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("threads must be at least 1, was 0");
    }
}
