package io.junction.jdbc;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.calcite.avatica.AvaticaSqlException;

import java.sql.BatchUpdateException;
import java.sql.SQLException;

/**
 * Rebuilds the {@link BatchUpdateException} a failed batch raised upstream: Avatica's client reports it as a
 * plain SQLException. SQLState, vendor code and the upstream's message are kept; the update counts come from
 * the line the Junction server adds to the error's server exceptions ({@code junction-update-counts:1,1,-3}).
 */
final class BatchErrors {
    private static final String UPDATE_COUNTS_PREFIX = "junction-update-counts:";

    private BatchErrors() {
    }

    /** A batch's JDBC call, which Avatica reports failures of as SQLExceptions. */
    interface BatchCall {
        long[] run() throws SQLException;
    }

    static long[] run(BatchCall call) throws SQLException {
        try {
            return call.run();
        } catch (BatchUpdateException e) {
            throw e;
        } catch (SQLException e) {
            throw toBatchUpdateException(e);
        }
    }

    static BatchUpdateException toBatchUpdateException(SQLException e) {
        String message = e.getMessage();
        long[] counts = new long[0];
        if (e instanceof AvaticaSqlException) {
            AvaticaSqlException server = (AvaticaSqlException) e;
            message = server.getErrorMessage();
            for (String line : server.getStackTraces()) {
                if (line.startsWith(UPDATE_COUNTS_PREFIX)) {
                    counts = parse(line.substring(UPDATE_COUNTS_PREFIX.length()));
                }
            }
        }
        JsonNode upstream = UpstreamErrors.first(e);
        if (upstream == null) {
            return new BatchUpdateException(message, e.getSQLState(), e.getErrorCode(), counts, e);
        }
        // The upstream's own message and next exceptions (pgjdbc chains the statement's error there).
        BatchUpdateException batch = new BatchUpdateException(upstream.path("message").asText(message),
                e.getSQLState(), e.getErrorCode(), counts, null);
        UpstreamErrors.chainRest(e, batch);
        return batch;
    }

    private static long[] parse(String text) {
        if (text.isEmpty()) {
            return new long[0];
        }
        String[] parts = text.split(",");
        long[] counts = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            counts[i] = Long.parseLong(parts[i].trim());
        }
        return counts;
    }
}
