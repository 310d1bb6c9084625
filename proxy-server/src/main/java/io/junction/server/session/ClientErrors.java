package io.junction.server.session;

import io.junction.server.error.ErrorChain;
import io.junction.server.error.GatewayException;
import io.junction.server.error.JunctionSqlState;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.calcite.avatica.AvaticaSeverity;
import org.apache.calcite.avatica.NoSuchConnectionException;
import org.apache.calcite.avatica.remote.AvaticaRuntimeException;
import org.apache.calcite.avatica.remote.Service.ErrorResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns whatever a request failed with into the ErrorResponse a client receives: SQLState,
 * vendor code and message, and never a server stack trace (Avatica's own handlers ship them). Its
 * list of server exceptions holds the {@link ErrorChain} line (and a failed batch's update counts).
 * Counts errors by SQLState class.
 */
final class ClientErrors {
    private static final Logger LOG = LoggerFactory.getLogger(ClientErrors.class);

    private final MeterRegistry registry;
    private final Map<String, Counter> byStateClass = new ConcurrentHashMap<>();

    ClientErrors(MeterRegistry registry) {
        this.registry = registry;
    }

    ErrorResponse toResponse(Exception e) {
        ErrorResponse response = describe(e);
        count(response.sqlState);
        return response;
    }

    private ErrorResponse describe(Exception e) {
        if (e instanceof GatewayException gateway) {
            List<String> lines = new ArrayList<>(2);
            lines.add(gateway.chain().line());
            if (gateway.updateCounts() != null) {
                lines.add(GatewayException.UPDATE_COUNTS_PREFIX + joined(gateway.updateCounts()));
            }
            return new ErrorResponse(lines, gateway.getErrorMessage(), gateway.getErrorCode(), gateway.getSqlState(),
                    AvaticaSeverity.ERROR, null);
        }
        if (e instanceof AvaticaRuntimeException known) {
            return response(known.getErrorMessage(), known.getErrorCode(), known.getSqlState());
        }
        if (e instanceof NoSuchConnectionException missing) {
            // Error code 1 is what Avatica clients recognise as a missing connection.
            return response("Connection " + missing.getConnectionId() + " does not exist (it was closed or expired);"
                    + " open a new connection.", ErrorResponse.MISSING_CONNECTION_ERROR_CODE, "08003");
        }
        if (e instanceof IOException || e instanceof IllegalArgumentException) {
            // Decoding failures: a body that is not an Avatica message, or names an unknown one.
            return response("Malformed Avatica request: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage())
                    + ". Use a Junction or Avatica client of a compatible version.",
                    0, JunctionSqlState.MALFORMED_REQUEST.code());
        }
        String incident = UUID.randomUUID().toString();
        LOG.error("Internal error {} while serving a request", incident, e);
        return response("Internal error in Junction (incident " + incident + "); the server log has the details.",
                0, JunctionSqlState.INTERNAL_ERROR.code());
    }

    private static String joined(long[] counts) {
        StringBuilder text = new StringBuilder();
        for (long count : counts) {
            text.append(text.length() == 0 ? "" : ",").append(count);
        }
        return text.toString();
    }

    private static ErrorResponse response(String message, int code, String sqlState) {
        return new ErrorResponse(List.of(ErrorChain.single(sqlState, code, message).line()), message, code, sqlState,
                AvaticaSeverity.ERROR, null);
    }

    /** Counts an error answered outside Avatica's ErrorResponse (a protocol extension's). */
    void count(String sqlState) {
        String stateClass = sqlState == null || sqlState.length() < 2 ? "unknown" : sqlState.substring(0, 2);
        byStateClass.computeIfAbsent(stateClass, c -> Counter.builder("junction.errors")
                .description("Errors returned to clients, by SQLState class")
                .tag("sqlstate_class", c)
                .register(registry)).increment();
    }
}
