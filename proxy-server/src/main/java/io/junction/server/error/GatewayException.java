package io.junction.server.error;

import org.apache.calcite.avatica.AvaticaSeverity;
import org.apache.calcite.avatica.remote.AvaticaRuntimeException;

import java.sql.SQLException;

/**
 * An error on its way to a client. Avatica serializes the exception's own {@code toString()} and
 * stack into the ErrorResponse: this one has no stack, so no server frames ever reach a client,
 * and it carries the SQLState and vendor code that the client's SQLException will show.
 */
public final class GatewayException extends AvaticaRuntimeException {
    private static final long serialVersionUID = 1L;

    private GatewayException(String message, int vendorCode, String sqlState) {
        super(message, vendorCode, sqlState, AvaticaSeverity.ERROR);
    }

    /** Junction's own failure. */
    public static GatewayException of(JunctionSqlState state, String message) {
        return new GatewayException(message, 0, state.code());
    }

    /** An upstream error passed through with its SQLState, vendor code and message unchanged. */
    public static GatewayException fromUpstream(SQLException e) {
        String state = e.getSQLState() == null ? JunctionSqlState.INTERNAL_ERROR.code() : e.getSQLState();
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new GatewayException(message, e.getErrorCode(), state);
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
