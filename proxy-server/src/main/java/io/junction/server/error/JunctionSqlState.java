package io.junction.server.error;

/**
 * The SQLStates Junction itself raises (DESIGN.md decision 11). Upstream errors keep their own
 * SQLState; these are only for failures that happen in the gateway.
 */
public enum JunctionSqlState {
    /** The client could not be authenticated (wrong user or password: never says which). */
    INVALID_AUTHORIZATION("28000"),
    /** A source the user was not granted, or that does not exist: the two look the same. */
    SOURCE_NOT_GRANTED("28000"),
    /** The upstream could not be reached or its pool could not hand out a connection. */
    UPSTREAM_UNAVAILABLE("08001"),
    /** A connection, statement or cursor id that this user does not own or that does not exist. */
    INVALID_HANDLE("HY010"),
    /** A request the server could not decode. */
    MALFORMED_REQUEST("08P01"),
    /** A request body or header block larger than the configured limit (server.max-request-size, ...). */
    REQUEST_TOO_LARGE("54000"),
    /** The server has too much work queued; retry later. */
    SERVER_BUSY("53300"),
    /** The server is shutting down. */
    SERVER_SHUTDOWN("57P01"),
    /** A statement was cancelled or hit its timeout. */
    QUERY_CANCELED("57014"),
    /** A savepoint call outside a transaction (autocommit is on). */
    NO_TRANSACTION("25000"),
    /** A savepoint the session's transaction does not have. */
    INVALID_SAVEPOINT("3B001"),
    /** A request option or parameter the gateway cannot honour. */
    FEATURE_NOT_SUPPORTED("0A000"),
    /** A bug in Junction: the message says what failed. */
    INTERNAL_ERROR("XX000");

    private final String code;

    JunctionSqlState(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
