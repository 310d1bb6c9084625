package io.junction.server.session;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.junction.server.error.ErrorChain;
import io.junction.server.error.GatewayException;
import io.junction.server.error.JunctionSqlState;
import io.junction.server.transport.AvaticaEndpoint.EndpointResponse;
import org.apache.calcite.avatica.NoSuchConnectionException;
import org.apache.calcite.avatica.remote.AvaticaRuntimeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The answer to a failed protocol extension call, as the main Avatica path answers a failed request
 * ({@link ClientErrors}): an upstream error passes through with its SQLState, vendor code, verbatim message
 * and chain of next exceptions with their JDBC classes ({@link ErrorChain}); Junction's own failures say
 * which call failed and where (source and session) before what went wrong and what to do. The JSON error
 * object is {@code {"errorMessage", "errorCode", "sqlState", "chain": [...]}} with HTTP 500.
 */
final class ExtensionErrors {
    private static final Logger LOG = LoggerFactory.getLogger(ExtensionErrors.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final GatewayMeta meta;
    private final ClientErrors counter;

    ExtensionErrors(GatewayMeta meta, ClientErrors counter) {
        this.meta = meta;
        this.counter = counter;
    }

    /**
     * @param request the call's JSON, when it could be read (null otherwise), to name what failed and where
     */
    EndpointResponse toResponse(String operation, JsonNode request, Exception failure) {
        String where = request == null || !request.path("connectionId").isTextual() ? null
                : meta.location(request.path("connectionId").asText());
        String what = describe(operation, request);
        ErrorChain chain;
        if (failure instanceof GatewayException gateway && gateway.chain().fromUpstream()) {
            chain = gateway.chain();
        } else if (failure instanceof AvaticaRuntimeException known) {
            chain = own(what, where, known.getSqlState(), known.getErrorCode(), known.getErrorMessage());
        } else if (failure instanceof NoSuchConnectionException) {
            chain = own(what, where, "08003", 0, "the connection does not exist on this server (it was closed or"
                    + " expired, or the server restarted); open a new connection.");
        } else if (failure instanceof IOException) {
            chain = own(what, where, JunctionSqlState.MALFORMED_REQUEST.code(), 0, "the request is not valid JSON ("
                    + failure.getMessage() + "); use a Junction driver of a version this server supports.");
        } else {
            String incident = UUID.randomUUID().toString();
            LOG.error("Internal error {} in protocol extension {}", incident, operation, failure);
            chain = own(what, where, JunctionSqlState.INTERNAL_ERROR.code(), 0, "internal error in Junction"
                    + " (incident " + incident + "); the server log has the details.");
        }
        Map<String, Object> first = chain.entries().get(0);
        String sqlState = (String) first.get("sqlState");
        counter.count(sqlState);
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("errorMessage", first.get("message"));
        error.put("errorCode", first.get("vendorCode"));
        error.put("sqlState", sqlState);
        error.put("chain", chain.entries());
        try {
            return new EndpointResponse(500, JSON.writeValueAsBytes(error));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Maps of strings and numbers always serialize", e);
        }
    }

    private static ErrorChain own(String what, String where, String sqlState, int code, String message) {
        String text = what + " failed" + (where == null ? "" : " (" + where + ")") + ": " + message;
        return ErrorChain.single(sqlState == null ? JunctionSqlState.INTERNAL_ERROR.code() : sqlState, code, text);
    }

    /** The JDBC call behind an operation, in a user's words. */
    private static String describe(String operation, JsonNode request) {
        String statement = request == null ? "" : " " + request.path("statementId").asText("?");
        switch (operation) {
            case "cancel":
                return "Cancelling statement" + statement;
            case "query-timeout":
                return "Setting the query timeout of statement" + statement;
            case "parameter-metadata":
                return "Describing the parameters of statement" + statement + " (getParameterMetaData)";
            case "max-rows":
                return "Setting the row limit of statement" + statement;
            case "request-generated-keys":
                return "Asking for the generated keys of statement" + statement;
            case "generated-keys":
                return "Reading the generated keys of statement" + statement;
            case "savepoint": {
                String name = request == null ? "" : " '" + request.path("name").asText("") + "'";
                String action = request == null ? "" : request.path("action").asText("");
                return action.equals("rollback") ? "Rolling back to savepoint" + name
                        : action.equals("release") ? "Releasing savepoint" + name : "Setting savepoint" + name;
            }
            case "metadata":
                return "DatabaseMetaData." + (request == null ? "call" : request.path("call").asText("call"));
            case "native-sql":
                return "nativeSQL";
            case "connection-info":
                return "Reading the source's capabilities";
            default:
                return "Junction operation '" + operation + "'";
        }
    }
}
