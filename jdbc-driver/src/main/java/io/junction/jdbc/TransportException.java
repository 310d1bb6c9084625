package io.junction.jdbc;

import org.apache.calcite.avatica.AvaticaClientRuntimeException;
import org.apache.calcite.avatica.AvaticaSeverity;

import java.sql.SQLException;
import java.util.Collections;

/**
 * A failure between the driver and the server. Avatica's remote layer only lets runtime exceptions through,
 * so the HTTP client throws this and the JDBC surface turns it back into {@link #toSqlException()}. Being an
 * {@link AvaticaClientRuntimeException} keeps the SQLState on the paths where Avatica itself converts
 * exceptions (its {@code Helper.createException}).
 */
final class TransportException extends AvaticaClientRuntimeException {
    private static final long serialVersionUID = 1L;

    private final DriverSqlState state;

    TransportException(DriverSqlState state, String message, Throwable cause) {
        super(message, 0, state.code(), AvaticaSeverity.ERROR, Collections.emptyList(), null);
        this.state = state;
        if (cause != null) {
            initCause(cause);
        }
    }

    SQLException toSqlException() {
        return state.exception(getMessage(), getCause());
    }

    /** The SQLException, its message after {@code context} (which call failed, and where). */
    SQLException toSqlException(String context) {
        return state.exception(context + getMessage(), getCause());
    }
}
