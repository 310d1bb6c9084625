package io.junction.server.error;

import org.apache.calcite.avatica.AvaticaSeverity;
import org.apache.calcite.avatica.remote.AvaticaRuntimeException;

import java.sql.BatchUpdateException;
import java.sql.SQLException;

/**
 * An error on its way to a client. Avatica serializes the exception's own {@code toString()} and
 * stack into the ErrorResponse: this one has no stack, so no server frames ever reach a client,
 * and it carries the SQLState and vendor code that the client's SQLException will show.
 */
public final class GatewayException extends AvaticaRuntimeException {
    private static final long serialVersionUID = 1L;

    /** Prefix of the ErrorResponse line that carries a failed batch's update counts (see {@link #updateCounts()}). */
    public static final String UPDATE_COUNTS_PREFIX = "junction-update-counts:";

    private final long[] updateCounts;
    private final ErrorChain chain;

    private GatewayException(String message, int vendorCode, String sqlState, long[] updateCounts, ErrorChain chain) {
        super(message, vendorCode, sqlState, AvaticaSeverity.ERROR);
        this.updateCounts = updateCounts;
        this.chain = chain == null ? ErrorChain.single(sqlState, vendorCode, message) : chain;
    }

    /** Junction's own failure. */
    public static GatewayException of(JunctionSqlState state, String message) {
        return new GatewayException(message, 0, state.code(), null, null);
    }

    /**
     * An upstream error passed through with its SQLState, vendor code and message unchanged, and the chain
     * of its next exceptions with their JDBC classes (see {@link ErrorChain}).
     */
    public static GatewayException fromUpstream(SQLException e) {
        String state = e.getSQLState() == null ? JunctionSqlState.INTERNAL_ERROR.code() : e.getSQLState();
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        long[] counts = e instanceof BatchUpdateException batch ? batch.getLargeUpdateCounts() : null;
        return new GatewayException(message, e.getErrorCode(), state, counts, ErrorChain.of(e));
    }

    /** The error as the upstream driver raised it, for the Junction driver to raise the same. */
    public ErrorChain chain() {
        return chain;
    }

    /**
     * For a failed batch, the upstream's update counts (those of the statements before the failure, or
     * one per statement with {@code EXECUTE_FAILED}), else null. They travel in the ErrorResponse's
     * list of server exceptions, which stock clients only print, as one line starting with
     * {@link #UPDATE_COUNTS_PREFIX}; the Junction driver rebuilds its BatchUpdateException from it.
     */
    public long[] updateCounts() {
        return updateCounts == null ? null : updateCounts.clone();
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }

    @Override
    public String toString() {
        // Avatica ships toString() to the client as the "stack trace": keep it to the message.
        return getErrorMessage();
    }
}
