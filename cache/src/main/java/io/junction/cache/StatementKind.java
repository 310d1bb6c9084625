package io.junction.cache;

/** What a statement does, as far as the cache is concerned. */
public enum StatementKind {
    /** A read-only query (SELECT, WITH ... SELECT, VALUES, TABLE t). */
    QUERY,
    /** Writes the tables in {@link SqlAnalysis#writes()} (INSERT, UPDATE, DELETE, MERGE, TRUNCATE, COPY FROM, writing CTEs). */
    WRITE,
    /** May write anything on the source (DDL, CALL, DO, unknown statements, functions with side effects). */
    SOURCE_WRITE,
    /** Changes session state (SET, RESET, USE): part of the key from now on. */
    SESSION_STATE,
    /** BEGIN, COMMIT, ROLLBACK, SAVEPOINT and friends. */
    TRANSACTION_CONTROL,
    /** Reads but is never cached (SHOW, EXPLAIN, DESCRIBE). */
    OTHER_READ
}
