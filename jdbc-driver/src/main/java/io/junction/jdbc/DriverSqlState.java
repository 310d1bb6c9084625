package io.junction.jdbc;

import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLInvalidAuthorizationSpecException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLNonTransientException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;

/**
 * The SQLStates the driver itself raises. Errors the server sends keep the server's SQLState; these are
 * only for what goes wrong between the driver and the server. Each state picks the {@link SQLException}
 * subclass that JDBC maps its class to, which pools and ORMs key off.
 */
enum DriverSqlState {
    /** The URL is not a Junction URL the driver can use. */
    INVALID_URL("08001", SQLNonTransientConnectionException::new),
    /**
     * The server could not be reached: connection refused, unknown host, connect timeout. Transient: a
     * server that is down may come up, and retrying can then succeed without changing anything.
     */
    SERVER_UNREACHABLE("08001", SQLTransientConnectionException::new),
    /** A request was sent but no usable answer came back (reset, unexpected HTTP status, garbage). */
    CONNECTION_LOST("08006", SQLNonTransientConnectionException::new),
    /** The server refused the credentials. Never says whether the user or the password was wrong. */
    INVALID_AUTHORIZATION("28000", SQLInvalidAuthorizationSpecException::new),
    /** A connection property has a value of the wrong type or out of range. */
    INVALID_PARAMETER_VALUE("22023", SQLDataException::new),
    /**
     * A call on a statement the application already closed (a function sequence error, as the server's
     * unknown-handle error is).
     */
    CLOSED_OBJECT("HY010", SQLNonTransientException::new),
    /** No answer within socketTimeout; the server may still be working on the request. */
    TIMEOUT("HYT00", SQLTimeoutException::new);

    /** The (reason, SQLState, cause) constructor every SQLException subclass has. */
    private interface Constructor {
        SQLException create(String message, String sqlState, Throwable cause);
    }

    private final String code;
    private final Constructor constructor;

    DriverSqlState(String code, Constructor constructor) {
        this.code = code;
        this.constructor = constructor;
    }

    String code() {
        return code;
    }

    SQLException exception(String message, Throwable cause) {
        return constructor.create(message, code, cause);
    }
}
