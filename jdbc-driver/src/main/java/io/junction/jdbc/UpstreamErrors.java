package io.junction.jdbc;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.calcite.avatica.AvaticaSqlException;
import org.apache.calcite.avatica.remote.JsonService;

import java.io.IOException;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLInvalidAuthorizationSpecException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLNonTransientException;
import java.sql.SQLRecoverableException;
import java.sql.SQLSyntaxErrorException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransactionRollbackException;
import java.sql.SQLTransientConnectionException;
import java.sql.SQLTransientException;

/**
 * Raises a server error as the upstream driver raised it: the same JDBC class (SQLIntegrityConstraintViolationException
 * where MariaDB Connector/J throws one, SQLException for pgjdbc's PSQLException), SQLState, vendor code and verbatim
 * message, with its chain of next exceptions. The server sends these in the line its ErrorResponse starts with
 * {@code junction-error:}; without that line (an older server) Avatica's exception is kept as it is.
 */
final class UpstreamErrors {
    private static final String PREFIX = "junction-error:";

    private UpstreamErrors() {
    }

    /** The upstream's exception for a server error, or {@code e} itself when it is not one. */
    static SQLException translate(SQLException e) {
        JsonNode chain = chain(e);
        if (chain == null || chain.size() == 0) {
            return e;
        }
        return fromChain(chain);
    }

    /**
     * The exception a server error's chain describes (each entry's {@code class, sqlState, vendorCode,
     * message}), the rest of the chain as its next exceptions; {@code chain} must not be empty.
     */
    static SQLException fromChain(JsonNode chain) {
        SQLException first = null;
        for (JsonNode entry : chain) {
            SQLException next = exception(entry);
            if (first == null) {
                first = next;
            } else {
                first.setNextException(next);
            }
        }
        return first;
    }

    /** The verbatim message of the server error's first exception, or null when {@code e} carries none. */
    static JsonNode first(SQLException e) {
        JsonNode chain = chain(e);
        return chain == null || chain.size() == 0 ? null : chain.get(0);
    }

    /** The exceptions after the first, each the upstream's class, for a rebuilt exception's chain. */
    static void chainRest(SQLException e, SQLException rebuilt) {
        JsonNode chain = chain(e);
        for (int i = 1; chain != null && i < chain.size(); i++) {
            rebuilt.setNextException(exception(chain.get(i)));
        }
    }

    private static JsonNode chain(SQLException e) {
        if (!(e instanceof AvaticaSqlException)) {
            return null;
        }
        for (String line : ((AvaticaSqlException) e).getStackTraces()) {
            if (line.startsWith(PREFIX)) {
                try {
                    return JsonService.MAPPER.readTree(line.substring(PREFIX.length())).path("chain");
                } catch (IOException malformed) {
                    return null;
                }
            }
        }
        return null;
    }

    private static SQLException exception(JsonNode entry) {
        String message = entry.path("message").isNull() ? null : entry.path("message").asText();
        String state = entry.path("sqlState").isNull() ? null : entry.path("sqlState").asText();
        return exception(entry.path("class").asText(), message, state, entry.path("vendorCode").asInt());
    }

    /** An exception of the named standard class ({@code java.sql.SQLSyntaxErrorException}...), else SQLException. */
    static SQLException exception(String className, String message, String state, int code) {
        switch (className) {
            case "java.sql.SQLIntegrityConstraintViolationException":
                return new SQLIntegrityConstraintViolationException(message, state, code);
            case "java.sql.SQLSyntaxErrorException":
                return new SQLSyntaxErrorException(message, state, code);
            case "java.sql.SQLDataException":
                return new SQLDataException(message, state, code);
            case "java.sql.SQLFeatureNotSupportedException":
                return new SQLFeatureNotSupportedException(message, state, code);
            case "java.sql.SQLInvalidAuthorizationSpecException":
                return new SQLInvalidAuthorizationSpecException(message, state, code);
            case "java.sql.SQLNonTransientConnectionException":
                return new SQLNonTransientConnectionException(message, state, code);
            case "java.sql.SQLNonTransientException":
                return new SQLNonTransientException(message, state, code);
            case "java.sql.SQLRecoverableException":
                return new SQLRecoverableException(message, state, code);
            case "java.sql.SQLTimeoutException":
                return new SQLTimeoutException(message, state, code);
            case "java.sql.SQLTransactionRollbackException":
                return new SQLTransactionRollbackException(message, state, code);
            case "java.sql.SQLTransientConnectionException":
                return new SQLTransientConnectionException(message, state, code);
            case "java.sql.SQLTransientException":
                return new SQLTransientException(message, state, code);
            default:
                // SQLException itself, and BatchUpdateException, which BatchErrors rebuilds with its counts.
                return new SQLException(message, state, code);
        }
    }
}
