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
 * @param autoCommit      whether it switches autocommit (MariaDB {@code SET autocommit})
 * @param catalog         whether it changes the current database (MariaDB {@code USE})
 * @param transaction     whether it opens or ends a transaction through SQL
 */
record StateEffect(PinReason pin, String pinDetail, Set<String> tracked, Set<String> resets, boolean autoCommit,
                   boolean catalog, Transaction transaction) {
    enum Transaction { NONE, BEGIN, END }

    static final StateEffect NONE = new StateEffect(null, null, Set.of(), Set.of(), false, false, Transaction.NONE);

    StateEffect {
        tracked = Set.copyOf(tracked);
        resets = Set.copyOf(resets);
    }

    static StateEffect pin(PinReason reason, String detail) {
        return new StateEffect(reason, detail, Set.of(), Set.of(), false, false, Transaction.NONE);
    }

    static StateEffect track(Set<String> parameters) {
        return new StateEffect(null, null, parameters, Set.of(), false, false, Transaction.NONE);
    }

    static StateEffect reset(Set<String> parameters) {
        return new StateEffect(null, null, Set.of(), parameters, false, false, Transaction.NONE);
    }

    static StateEffect transaction(Transaction transaction) {
        return new StateEffect(null, null, Set.of(), Set.of(), false, false, transaction);
    }

    static StateEffect autoCommitSwitch() {
        return new StateEffect(null, null, Set.of(), Set.of(), true, false, Transaction.NONE);
    }

    static StateEffect databaseSwitch() {
        return new StateEffect(null, null, Set.of(), Set.of(), false, true, Transaction.NONE);
    }

    boolean isNone() {
        return equals(NONE);
    }

    /**
     * The effect of running this statement and then {@code next} in one request. A parameter both reset
     * and set is read back after the request, so it ends up tracked with whatever value it has then.
     */
    StateEffect and(StateEffect next) {
        Set<String> both = new LinkedHashSet<>(tracked);
        both.addAll(next.tracked);
        Set<String> bothResets = new LinkedHashSet<>(resets);
        bothResets.addAll(next.resets);
        return new StateEffect(pin != null ? pin : next.pin, pin != null ? pinDetail : next.pinDetail, both,
                bothResets, autoCommit || next.autoCommit, catalog || next.catalog,
                next.transaction != Transaction.NONE ? next.transaction : transaction);
    }
}
