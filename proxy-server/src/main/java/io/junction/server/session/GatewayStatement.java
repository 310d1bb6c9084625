package io.junction.server.session;

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
    private MemoryCursor memoryCursor;

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

    void prepared(Meta.Signature preparedSignature, long preparedMaxRows) {
        this.signature = preparedSignature;
        this.maxRows = preparedMaxRows;
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
