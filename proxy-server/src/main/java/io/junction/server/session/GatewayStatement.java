package io.junction.server.session;

import io.junction.server.upstream.Dialect;
import org.apache.calcite.avatica.Meta;

/**
 * A client statement: for a prepared statement its SQL and signature, and at most one open
 * cursor. Holds no upstream statement between executions; each execution prepares on whichever
 * connection it leases (the upstream driver caches server-side statements per connection).
 */
final class GatewayStatement {
    private final int id;
    private Meta.Signature signature;
    /** Rows the client allows in total (Statement.setMaxRows at prepare time); 0 = no limit. */
    private long maxRows;
    private Cursor cursor;
    /** What the prepared SQL does to session state, lexed once per prepare rather than per execution. */
    private StateEffect effect;
    /** Statement.setQueryTimeout of the client, in seconds; 0 = none. */
    private int queryTimeoutSeconds;
    private MemoryCursor memoryCursor;
    /** Generated keys asked for: kept by a prepared statement, used once by a plain one. */
    private GeneratedKeyRequest keyRequest;
    /** The generated keys of the last execution, when it asked for them. */
    private StoredResult generatedKeys;

    GatewayStatement(int id) {
        this.id = id;
    }

    int id() {
        return id;
    }

    Meta.Signature signature() {
        return signature;
    }

    long maxRows() {
        return maxRows;
    }

    /** A new row limit for the prepared statement's next executions (Statement.setMaxRows after prepare). */
    void limitRows(long newMaxRows) {
        this.maxRows = newMaxRows;
    }

    void prepared(Meta.Signature preparedSignature, long preparedMaxRows) {
        this.signature = preparedSignature;
        this.maxRows = preparedMaxRows;
        this.effect = null;
    }

    /** The prepared SQL's effect on session state, computed on first use. */
    StateEffect effect(Dialect dialect) {
        if (effect == null) {
            effect = StateStatements.classify(signature.sql, dialect);
        }
        return effect;
    }

    int queryTimeoutSeconds() {
        return queryTimeoutSeconds;
    }

    void queryTimeoutSeconds(int seconds) {
        this.queryTimeoutSeconds = seconds;
    }

    GeneratedKeyRequest keyRequest() {
        return keyRequest;
    }

    void requestKeys(GeneratedKeyRequest request) {
        this.keyRequest = request;
    }

    /** The key request for one SQL execution of a plain statement, which the next one no longer has. */
    GeneratedKeyRequest takeKeyRequest() {
        GeneratedKeyRequest request = keyRequest;
        keyRequest = null;
        return request;
    }

    StoredResult generatedKeys() {
        return generatedKeys;
    }

    void keysGenerated(StoredResult keys) {
        this.generatedKeys = keys;
    }

    Cursor cursor() {
        return cursor;
    }

    MemoryCursor memoryCursor() {
        return memoryCursor;
    }

    /** Replaces the open cursor; the previous one is closed first (a statement has one result). */
    void open(Cursor next) {
        closeCursor();
        cursor = next;
    }

    /** Replaces the open cursor with a result held in memory. */
    void open(MemoryCursor next) {
        closeCursor();
        memoryCursor = next;
    }

    void closeCursor() {
        memoryCursor = null;
        if (cursor != null) {
            cursor.closeQuietly(true);
            cursor = null;
        }
    }
}
