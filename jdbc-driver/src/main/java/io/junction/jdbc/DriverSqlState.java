package io.junction.jdbc;

import java.sql.SQLException;
import java.sql.SQLInvalidAuthorizationSpecException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;

/**
 * The SQLStates the driver itself raises. Errors the server sends keep the server's SQLState; these are
 * only for what goes wrong between the driver and the server. Each state picks the {@link SQLException}
 * subclass that pools and ORMs key off.
 */
enum DriverSqlState {
    /** The URL is not a Junction URL the driver can use. */
    INVALID_URL("08001"),
    /** The server could not be reached: connection refused, unknown host, connect timeout. */
    SERVER_UNREACHABLE("08001"),
    /** A request was sent but no usable answer came back (reset, unexpected HTTP status, garbage). */
    CONNECTION_LOST("08006"),
    /** The server refused the credentials. Never says whether the user or the password was wrong. */
    INVALID_AUTHORIZATION("28000"),
    /** A connection property has a value of the wrong type or out of range. */
    INVALID_PARAMETER_VALUE("22023"),
    /** No answer within socketTimeout; the server may still be working on the request. */
    TIMEOUT("HYT00");

    private final String code;

    DriverSqlState(String code) {
        this.code = code;
    }

    String code() {
        return code;
    }

    SQLException exception(String message, Throwable cause) {
        switch (this) {
            case SERVER_UNREACHABLE:
                // A server that is down may come up: retrying can succeed without changing anything.
                return new SQLTransientConnectionException(message, code, cause);
            case INVALID_URL:
            case CONNECTION_LOST:
                return new SQLNonTransientConnectionException(message, code, cause);
            case INVALID_AUTHORIZATION:
                return new SQLInvalidAuthorizationSpecException(message, code, cause);
            case TIMEOUT:
                return new SQLTimeoutException(message, code, cause);
            default:
                return new SQLException(message, code, cause);
        }
    }
}
