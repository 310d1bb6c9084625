package io.junction.server.session;

/**
 * Why a session keeps its physical connection until it ends: session state that Junction cannot
 * replay on another connection (DESIGN.md decision 6). The label is what metrics and the admin
 * API show.
 */
enum PinReason {
    TEMP_TABLE("temp-table"),
    ADVISORY_LOCK("advisory-lock"),
    LISTEN("listen"),
    SQL_PREPARE("sql-prepare"),
    WITH_HOLD_CURSOR("with-hold-cursor"),
    UNTRACKED_SET("untracked-set"),
    SET_ROLE("set-role"),
    USER_VARIABLE("user-variable"),
    NAMED_LOCK("named-lock"),
    LOCK_TABLES("lock-tables"),
    /** MariaDB's SET TRANSACTION without SESSION: it shapes the connection's next transaction only. */
    NEXT_TRANSACTION("next-transaction");

    private final String label;

    PinReason(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }
}
