package io.junction.server.session;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What a statement does to its connection's session state, as far as {@link StateStatements} can
 * tell from its text.
 *
 * @param pin             why the session must keep its connection, or null
 * @param pinDetail       the construct that pinned it (a parameter name, a function), for operators
 * @param tracked         whitelisted parameters it may change: read back after it ran, replayed on
 *                        each later lease
 * @param resets          whitelisted parameters it restores to the connection's defaults ({@code RESET},
 *                        {@code SET x TO DEFAULT}, {@code DISCARD ALL}): no longer replayed
 * @param local           whitelisted parameters it changes until the open transaction ends (PostgreSQL
 *                        {@code SET LOCAL}, {@code set_config(..., true)}); outside a transaction it changes nothing
 * @param autoCommit      whether it switches autocommit (MariaDB {@code SET autocommit})
 * @param catalog         whether it changes the current database (MariaDB {@code USE})
 * @param transaction     whether it opens or ends a transaction through SQL
 * @param savepointRollback whether it rolls back to a savepoint (PostgreSQL undoes the SETs made after it)
 * @param transactionIsolation whether it may set the open transaction's own isolation (PostgreSQL
 *                        {@code SET TRANSACTION}, {@code BEGIN ISOLATION LEVEL ...}), which {@code SHOW}
 *                        answers until the transaction ends
 */
record StateEffect(PinReason pin, String pinDetail, Set<String> tracked, Set<String> resets, Set<String> local,
                   boolean autoCommit, boolean catalog, Transaction transaction, boolean savepointRollback,
                   boolean transactionIsolation) {
    enum Transaction { NONE, BEGIN, END }

    static final StateEffect NONE = new StateEffect(null, null, Set.of(), Set.of(), Set.of(), false, false,
            Transaction.NONE, false, false);

    StateEffect {
        tracked = Set.copyOf(tracked);
        resets = Set.copyOf(resets);
        local = Set.copyOf(local);
    }

    static StateEffect pin(PinReason reason, String detail) {
        return new StateEffect(reason, detail, Set.of(), Set.of(), Set.of(), false, false, Transaction.NONE, false,
                false);
    }

    static StateEffect track(Set<String> parameters) {
        return new StateEffect(null, null, parameters, Set.of(), Set.of(), false, false, Transaction.NONE, false,
                false);
    }

    static StateEffect reset(Set<String> parameters) {
        return new StateEffect(null, null, Set.of(), parameters, Set.of(), false, false, Transaction.NONE, false,
                false);
    }

    static StateEffect local(Set<String> parameters) {
        return new StateEffect(null, null, Set.of(), Set.of(), parameters, false, false, Transaction.NONE, false,
                false);
    }

    static StateEffect transaction(Transaction transaction) {
        return new StateEffect(null, null, Set.of(), Set.of(), Set.of(), false, false, transaction, false, false);
    }

    static StateEffect autoCommitSwitch() {
        return new StateEffect(null, null, Set.of(), Set.of(), Set.of(), true, false, Transaction.NONE, false, false);
    }

    static StateEffect databaseSwitch() {
        return new StateEffect(null, null, Set.of(), Set.of(), Set.of(), false, true, Transaction.NONE, false, false);
    }

    static StateEffect savepointRolledBack() {
        return new StateEffect(null, null, Set.of(), Set.of(), Set.of(), false, false, Transaction.NONE, true, false);
    }

    static StateEffect transactionIsolationSet() {
        return new StateEffect(null, null, Set.of(), Set.of(), Set.of(), false, false, Transaction.NONE, false, true);
    }

    boolean isNone() {
        return equals(NONE);
    }

    /**
     * The effect of running this statement and then {@code next} in one request. A parameter both reset
     * and set is read back after the request, so it ends up tracked with whatever value it has then.
     */
    StateEffect and(StateEffect next) {
        return new StateEffect(pin != null ? pin : next.pin, pin != null ? pinDetail : next.pinDetail,
                union(tracked, next.tracked), union(resets, next.resets), union(local, next.local),
                autoCommit || next.autoCommit, catalog || next.catalog,
                next.transaction != Transaction.NONE ? next.transaction : transaction,
                savepointRollback || next.savepointRollback, transactionIsolation || next.transactionIsolation);
    }

    private static Set<String> union(Set<String> first, Set<String> second) {
        Set<String> both = new LinkedHashSet<>(first);
        both.addAll(second);
        return both;
    }
}
