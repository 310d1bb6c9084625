package io.junction.server.session;

import java.util.ArrayList;
import java.util.List;

/**
 * What the result cache must remember about one session beyond the state the session itself
 * tracks ({@link TrackedParameters}, {@link SessionState}, pins): whether it did something whose
 * effect on its state nobody can know (then it never uses the cache again), whether its open
 * transaction changed state only for itself (SET LOCAL, SET TRANSACTION), and the invalidations
 * that transaction owes at its end.
 */
final class SessionCacheState {
    private final List<Runnable> atTransactionEnd = new ArrayList<>();
    private boolean untracked;
    private boolean transactionScopedState;

    /** Whether the key cannot describe the session's state (for good, or until its transaction ends). */
    boolean untracked() {
        return untracked || transactionScopedState;
    }

    boolean transactionHasWritten() {
        return !atTransactionEnd.isEmpty();
    }

    /** A statement whose effect on the session's state is unknown (a user function, set_config in a query). */
    void markUntracked() {
        untracked = true;
    }

    /** A SET LOCAL or SET TRANSACTION inside the open transaction: it shapes reads until the transaction ends. */
    void stateChangedForTransaction() {
        transactionScopedState = true;
    }

    /** A write ran inside the session's transaction; {@code invalidation} runs once it commits or rolls back. */
    void wroteInTransaction(Runnable invalidation) {
        atTransactionEnd.add(invalidation);
    }

    /** Called after the upstream commit or rollback returned. */
    void transactionEnded() {
        List<Runnable> owed = new ArrayList<>(atTransactionEnd);
        atTransactionEnd.clear();
        transactionScopedState = false;
        owed.forEach(Runnable::run);
    }
}
