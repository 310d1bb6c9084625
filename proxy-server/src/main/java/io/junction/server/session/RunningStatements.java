package io.junction.server.session;

import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The upstream statements a session is running right now, by client statement id. A cancel reads
 * this from another request's thread without the session monitor, which the running statement's
 * request holds for as long as it runs.
 */
final class RunningStatements {
    /** One execution; {@code cancelled} tells its error apart from an ordinary failure. */
    static final class Execution {
        private final Statement upstream;
        private volatile boolean cancelled;

        private Execution(Statement upstream) {
            this.upstream = upstream;
        }

        boolean cancelled() {
            return cancelled;
        }
    }

    private final ConcurrentMap<Integer, Execution> byStatement = new ConcurrentHashMap<>();

    Execution started(int statementId, Statement upstream) {
        Execution execution = new Execution(upstream);
        byStatement.put(statementId, execution);
        return execution;
    }

    void finished(int statementId, Execution execution) {
        byStatement.remove(statementId, execution);
    }

    /**
     * Asks the upstream to stop the statement, if it is running.
     *
     * @return whether one was running
     */
    boolean cancel(int statementId) throws SQLException {
        Execution execution = byStatement.get(statementId);
        if (execution == null) {
            return false;
        }
        execution.cancelled = true;
        execution.upstream.cancel();
        return true;
    }

    /** Cancels everything still running (the session is being closed). */
    void cancelAll() {
        for (Integer id : byStatement.keySet()) {
            try {
                cancel(id);
            } catch (SQLException | RuntimeException ignored) {
                // The session ends either way.
            }
        }
    }
}
