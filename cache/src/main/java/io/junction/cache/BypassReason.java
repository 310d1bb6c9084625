package io.junction.cache;

/** Why a query was answered without the cache; each is counted (DESIGN.md decision 9). */
public enum BypassReason {
    /** The source's config turns the cache off. */
    DISABLED("the source's cache is disabled (sources.<name>.cache.enabled)"),
    /** Not a SELECT (a write, SHOW, EXPLAIN, a session or transaction command...). */
    NOT_A_QUERY("only read-only SELECT statements are cached"),
    /** The analyser did not fully understand the statement, so it cannot prove it safe. */
    NOT_UNDERSTOOD("the statement uses SQL the cache's analyser does not understand"),
    /** Several statements in one text. */
    MULTIPLE_STATEMENTS("the text holds several statements"),
    /** A function whose result can change between calls with the same arguments. */
    NON_DETERMINISTIC("the statement calls a function that is not known to be deterministic"),
    /** FOR UPDATE / FOR SHARE / LOCK IN SHARE MODE: the point is the lock, not the rows. */
    LOCKING_READ("a locking read (FOR UPDATE/SHARE) must reach the database"),
    /** The session's open transaction has written: it must see its own uncommitted rows. */
    TRANSACTION_HAS_WRITTEN("the session's transaction has written or holds locks, so it reads upstream until it ends"),
    /** Under REPEATABLE READ or SERIALIZABLE a transaction reads one snapshot, not the latest data. */
    SNAPSHOT_ISOLATION("the transaction runs under REPEATABLE READ or SERIALIZABLE"),
    /** A table name the source's catalog does not resolve, or a temporary table. */
    UNRESOLVED_TABLE("a table could not be resolved to a permanent table of the source"),
    /** The session ran something that may have changed its state in a way the key cannot capture. */
    SESSION_STATE_UNKNOWN("the session changed state the cache cannot track (e.g. set_config, a function call)"),
    /** The result exceeded cache.max-entry-bytes (or the loading budget) and streamed through. */
    TOO_LARGE("the result is larger than cache.max-entry-bytes or the free loading budget"),
    /** A result set from a prepared statement with a row limit or other option the key does not cover. */
    UNSUPPORTED_OPTION("the statement uses an option the cache does not key on");

    private final String description;

    BypassReason(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
