package io.junction.federation;

import java.sql.SQLException;

/** A federated query that cannot run, with the SQLState a client sees and a message saying why. */
public final class FederationException extends SQLException {
    private static final long serialVersionUID = 1L;

    /** A table, schema or catalog that does not exist or that the user may not see. */
    public static final String UNDEFINED_TABLE = "42P01";
    /** SQL federation cannot parse or validate. */
    public static final String SYNTAX_ERROR = "42601";
    /** A query run with more or fewer values than it has {@code ?} parameters. */
    public static final String WRONG_PARAMETER_COUNT = "07001";
    /** A parameter value that is not a value of the type the query needs there. */
    public static final String INVALID_PARAMETER_VALUE = "22023";
    /** A cross-source query that went over its memory bound. */
    public static final String OUT_OF_MEMORY = "53200";
    /** Something the federated catalog does not support. */
    public static final String NOT_SUPPORTED = "0A000";
    /** A failure inside federation itself: the message says what failed. */
    public static final String INTERNAL = "XX000";

    public FederationException(String sqlState, String message) {
        super(message, sqlState);
    }

    public FederationException(String sqlState, String message, Throwable cause) {
        super(message, sqlState, cause);
    }
}
