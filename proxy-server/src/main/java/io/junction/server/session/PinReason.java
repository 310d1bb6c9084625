package io.junction.server.session;

/**
 * Why a session keeps its physical connection until it ends: session state that Junction cannot
 * replay on another connection (DESIGN.md decision 6). The label is what metrics and the admin
 * API show.
 */
enum PinReason {
    TEMP_TABLE("temp-table", true),
    ADVISORY_LOCK("advisory-lock", false),
    LISTEN("listen", false),
    SQL_PREPARE("sql-prepare", false),
    WITH_HOLD_CURSOR("with-hold-cursor", false),
    UNTRACKED_SET("untracked-set", true),
    SET_ROLE("set-role", true),
    USER_VARIABLE("user-variable", true),
    NAMED_LOCK("named-lock", false),
    LOCK_TABLES("lock-tables", true),
    /** MariaDB's SET TRANSACTION without SESSION: it shapes the connection's next transaction only. */
    NEXT_TRANSACTION("next-transaction", true),
    /**
     * MariaDB/MySQL code Junction cannot read: an executable comment ({@code /*!40101 SET NAMES utf8 *}{@code /},
     * as mysqldump writes) may set anything, so the session keeps the connection it set it on.
     */
    EXECUTABLE_COMMENT("executable-comment", true);

    private final String label;
    private final boolean changesReads;

    PinReason(String label, boolean changesReads) {
        this.label = label;
        this.changesReads = changesReads;
    }

    String label() {
        return label;
    }

    /**
     * Whether the pinned state can change what a query returns (a temporary table shadowing a
     * name, a role, an untracked parameter, table locks, the next transaction's isolation): a
     * result cache key cannot describe it, so such a session reads upstream.
     */
    boolean changesReads() {
        return changesReads;
    }
}
