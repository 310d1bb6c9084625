package io.junction.server.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.junction.server.error.GatewayException;
import io.junction.server.error.JunctionSqlState;
import io.junction.server.transport.AvaticaEndpoint.EndpointResponse;
import io.junction.server.upstream.UpstreamIdentity;
import org.apache.calcite.avatica.NoSuchConnectionException;
import org.apache.calcite.avatica.remote.AvaticaRuntimeException;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Junction's additions to the Avatica protocol, for what Avatica's messages cannot carry. Each is a
 * JSON POST to {@code /junction/v1/<operation>} on the same port, with the same authentication,
 * naming the connection it concerns; the answer is JSON, with {@code sqlState}, {@code errorCode}
 * and {@code errorMessage} on failure (HTTP 500). Stock Avatica clients never call them.
 *
 * <ul>
 *   <li>{@code connection-info {"connectionId"}}: the upstream's product name, version and the
 *       answers of its DatabaseMetaData capability calls.</li>
 *   <li>{@code cancel {"connectionId", "statementId"}}: stops the statement's running upstream
 *       statement (Statement.cancel() from another thread); answers {@code {"running": bool}}.
 *       The cancelled execution fails with 57014; the session stays usable.</li>
 *   <li>{@code query-timeout {"connectionId", "statementId", "seconds"}}: Statement.setQueryTimeout,
 *       applied to the statement's later upstream executions (0 = none); exceeding it is 57014.</li>
 * </ul>
 */
final class ProtocolExtensions {
    static final String PATH_PREFIX = "/junction/v1/";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final GatewayMeta meta;

    ProtocolExtensions(GatewayMeta meta) {
        this.meta = meta;
    }

    EndpointResponse handle(String path, byte[] body) {
        String operation = path.substring(PATH_PREFIX.length());
        try {
            JsonNode request = JSON.readTree(body);
            if (operation.equals("connection-info")) {
                return ok(connectionInfo(meta.identity(text(request, "connectionId"))));
            }
            if (operation.equals("cancel")) {
                return ok(Map.of("running", meta.cancel(text(request, "connectionId"), integer(request, "statementId"))));
            }
            if (operation.equals("query-timeout")) {
                meta.queryTimeout(text(request, "connectionId"), integer(request, "statementId"),
                        integer(request, "seconds"));
                return ok(Map.of());
            }
            throw GatewayException.of(JunctionSqlState.FEATURE_NOT_SUPPORTED, "Unknown Junction protocol operation '"
                    + operation + "'; the driver is newer than this server.");
        } catch (IOException e) {
            return error("Malformed Junction request: " + e.getMessage(), 0, JunctionSqlState.MALFORMED_REQUEST.code());
        } catch (AvaticaRuntimeException e) {
            return error(e.getErrorMessage(), e.getErrorCode(), e.getSqlState());
        } catch (NoSuchConnectionException e) {
            return error("Connection " + e.getConnectionId() + " does not exist; open a new connection.", 0, "08003");
        }
    }

    private static Map<String, Object> connectionInfo(UpstreamIdentity identity) {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("productName", identity.productName());
        info.put("productVersion", identity.productVersion());
        info.put("majorVersion", identity.majorVersion());
        info.put("minorVersion", identity.minorVersion());
        info.put("capabilities", identity.capabilities());
        return info;
    }

    private static String text(JsonNode request, String field) {
        JsonNode value = request.get(field);
        if (value == null || !value.isTextual()) {
            throw GatewayException.of(JunctionSqlState.MALFORMED_REQUEST, "Junction request lacks '" + field + "'.");
        }
        return value.asText();
    }

    private static int integer(JsonNode request, String field) {
        JsonNode value = request.get(field);
        if (value == null || !value.canConvertToInt()) {
            throw GatewayException.of(JunctionSqlState.MALFORMED_REQUEST, "Junction request lacks integer '" + field + "'.");
        }
        return value.asInt();
    }

    private static EndpointResponse ok(Object response) throws IOException {
        return new EndpointResponse(200, JSON.writeValueAsBytes(response));
    }

    private static EndpointResponse error(String message, int code, String sqlState) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("errorMessage", message);
        error.put("errorCode", code);
        error.put("sqlState", sqlState);
        try {
            return new EndpointResponse(500, JSON.writeValueAsBytes(error));
        } catch (IOException e) {
            throw new IllegalStateException("A map of strings and numbers always serializes", e);
        }
    }
}
