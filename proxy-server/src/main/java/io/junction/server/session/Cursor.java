package io.junction.server.session;

import io.junction.server.error.GatewayException;
import io.junction.server.error.JunctionSqlState;
import org.apache.calcite.avatica.Meta;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * An open upstream result set, read frame by frame as the client fetches. It holds its lease until
 * the last row is read or the client closes it, so a large result streams with bounded memory and
 * is never re-run (Avatica's syncResults re-execution is wrong for changing data).
 */
final class Cursor {
    /** Largest frame the server builds, whatever the client asks: bounds memory per request. */
    static final int MAX_FRAME_ROWS = 50_000;

    private final Lease lease;
    private final Statement statement;
    private final ResultSet resultSet;
    private final ResultColumns columns;
    /** Rows already read from the result set (by a cache load that did not fit), served first. */
    private final java.util.ArrayDeque<Object[]> readAhead;
    private long position;
    private boolean closed;

    /** @param statement the upstream statement, or null when the result set owns what it reads */
    Cursor(Lease lease, Statement statement, ResultSet resultSet, ResultColumns columns) {
        this(lease, statement, resultSet, columns, List.of());
    }

    Cursor(Lease lease, Statement statement, ResultSet resultSet, ResultColumns columns, List<Object[]> readAhead) {
        this.lease = lease;
        this.statement = statement;
        this.resultSet = resultSet;
        this.columns = columns;
        this.readAhead = new java.util.ArrayDeque<>(readAhead);
    }

    ResultColumns columns() {
        return columns;
    }

    boolean isClosed() {
        return closed;
    }

    boolean holdsSessionTransaction() {
        return lease.isSessionTransaction();
    }

    /**
     * The next rows, starting at {@code offset} (the number of rows the client has consumed).
     * Closes the cursor, releasing its lease, once the last row is read.
     */
    Meta.Frame next(long offset, int maxRows) throws SQLException {
        if (closed) {
            return Meta.Frame.create(offset, true, List.of());
        }
        if (offset != position) {
            throw GatewayException.of(JunctionSqlState.INVALID_HANDLE, "Fetch at row " + offset
                    + " but the cursor is at row " + position + "; results are read forward only."
                    + " Re-execute the statement to read them again.");
        }
        int limit = Math.min(maxRows, MAX_FRAME_ROWS);
        List<Object> rows = new ArrayList<>(Math.min(limit, 1024));
        boolean done = false;
        try {
            while (rows.size() < limit && !readAhead.isEmpty()) {
                rows.add(readAhead.poll());
            }
            while (rows.size() < limit) {
                if (!resultSet.next()) {
                    done = true;
                    break;
                }
                rows.add(columns.readRow(resultSet));
            }
        } catch (SQLException | RuntimeException e) {
            closeQuietly(false);
            throw e;
        }
        position += rows.size();
        if (done) {
            close(true);
        }
        return Meta.Frame.create(offset, done, rows);
    }

    /** Closes the result and gives back the lease. */
    void close(boolean success) throws SQLException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            try {
                resultSet.close();
            } finally {
                if (statement != null) {
                    statement.close();
                }
            }
        } finally {
            lease.release(success);
        }
    }

    void closeQuietly(boolean success) {
        try {
            close(success);
        } catch (SQLException | RuntimeException ignored) {
            // The connection is broken already; the pool evicts it.
        }
    }
}
