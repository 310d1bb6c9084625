package io.junction.server.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.junction.server.error.GatewayException;
import io.junction.server.error.JunctionSqlState;
import io.junction.server.transport.AvaticaEndpoint.EndpointResponse;
import io.junction.server.upstream.UpstreamIdentity;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.NoSuchConnectionException;
import org.apache.calcite.avatica.remote.ProtobufTranslation;
import org.apache.calcite.avatica.remote.ProtobufTranslationImpl;
import org.apache.calcite.avatica.remote.Service;

import java.io.IOException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Junction's additions to the Avatica protocol, for what Avatica's messages cannot carry. Each is a
 * JSON POST to {@code /junction/v1/<operation>} on the same port, with the same authentication,
 * naming the connection it concerns; the answer is JSON, with {@code sqlState}, {@code errorCode},
 * {@code errorMessage} and the error's {@code chain} on failure (HTTP 500, see {@link ExtensionErrors}).
 * Stock Avatica clients never call them.
 *
 * <ul>
 *   <li>{@code connection-info {"connectionId"}}: the upstream's product name, version and the
 *       answers of its DatabaseMetaData capability calls.</li>
 *   <li>{@code metadata {"connectionId", "call", "arguments": [...]}}: a DatabaseMetaData call that
 *       Avatica's client never sends ({@link CatalogCalls}); answers a result set.</li>
 *   <li>{@code savepoint {"connectionId", "action": "set"|"rollback"|"release", "name"}}.</li>
 *   <li>{@code request-generated-keys {"connectionId", "statementId", "mode": "none"|"all"|"indexes"|"names",
 *       "columns": [...]}}: the statement's executions return generated keys (a plain statement's
 *       next execution only).</li>
 *   <li>{@code max-rows {"connectionId", "statementId", "maxRows"}}: a prepared statement's row limit
 *       for its next executions (Avatica sends it only when preparing).</li>
 *   <li>{@code generated-keys {"connectionId", "statementId"}}: the keys of the last execution;
 *       answers a result set.</li>
 *   <li>{@code parameter-metadata {"connectionId", "statementId", "values": [base64 | null, ...]}}:
 *       {@code {"parameters": [...]}}, the upstream's ParameterMetaData of a prepared statement with the
 *       client's values bound (protobuf TypedValues, null where none is set), as pgjdbc describes with its
 *       bound types; plus one entry past the last parameter with the answers to an index out of range
 *       ({@link ParameterDescriptions}).</li>
 *   <li>{@code native-sql {"connectionId", "sql"}}: {@code {"sql"}} as the upstream's driver
 *       translates it.</li>
 *   <li>{@code cancel {"connectionId", "statementId"}}: stops the statement's running upstream
 *       statement (Statement.cancel() from another thread); answers {@code {"running": bool}}.
 *       The cancelled execution fails with 57014; the session stays usable.</li>
 *   <li>{@code query-timeout {"connectionId", "statementId", "seconds"}}: Statement.setQueryTimeout,
 *       applied to the statement's later upstream executions (0 = none); exceeding it is 57014.</li>
 * </ul>
 * A result set is answered as {@code {"resultSet": base64}} of Avatica's protobuf ResultSetResponse:
 * a complete first frame of a statement of its own, which the client closes once read.
 */
final class ProtocolExtensions {
    static final String PATH_PREFIX = "/junction/v1/";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ProtobufTranslation PROTOBUF = new ProtobufTranslationImpl();

    private final GatewayMeta meta;
    private final SessionOperations operations;
    private final ExtensionErrors errors;

    ProtocolExtensions(GatewayMeta meta, ClientErrors counter) {
        this.meta = meta;
        this.operations = new SessionOperations(meta);
        this.errors = new ExtensionErrors(meta, counter);
    }

    EndpointResponse handle(String path, byte[] body) {
        String operation = path.substring(PATH_PREFIX.length());
        JsonNode request = null;
        try {
            request = JSON.readTree(body);
            return run(operation, request);
        } catch (IOException | RuntimeException e) {
            return errors.toResponse(operation, request, e);
        }
    }

    private EndpointResponse run(String operation, JsonNode request) throws IOException {
        String connectionId = text(request, "connectionId");
        switch (operation) {
            case "connection-info":
                return ok(connectionInfo(meta.identity(connectionId)));
            case "metadata":
                return resultSet(CatalogCalls.run(meta, connectionId, text(request, "call"),
                        request.get("arguments")));
            case "savepoint":
                operations.savepoint(connectionId, savepointAction(text(request, "action")),
                        text(request, "name"));
                return ok(Map.of());
            case "request-generated-keys":
                operations.requestGeneratedKeys(connectionId, integer(request, "statementId"),
                        keyRequest(request));
                return ok(Map.of());
            case "max-rows":
                operations.limitRows(connectionId, integer(request, "statementId"),
                        request.path("maxRows").asLong(0));
                return ok(Map.of());
            case "generated-keys":
                return resultSet(operations.generatedKeys(connectionId, integer(request, "statementId")));
            case "parameter-metadata":
                return ok(Map.of("parameters", operations.parameterMetadata(connectionId,
                        integer(request, "statementId"), boundValues(request.path("values")))));
            case "native-sql":
                return ok(Map.of("sql", operations.nativeSql(connectionId, text(request, "sql"))));
            case "cancel":
                return ok(Map.of("running", meta.cancel(connectionId, integer(request, "statementId"))));
            case "query-timeout":
                meta.queryTimeout(connectionId, integer(request, "statementId"), integer(request, "seconds"));
                return ok(Map.of());
            default:
                break;
        }
        throw GatewayException.of(JunctionSqlState.FEATURE_NOT_SUPPORTED, "this server does not know the"
                + " operation; the driver is newer than the server: upgrade the server or use an older driver.");
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

    private static SessionOperations.SavepointAction savepointAction(String action) {
        try {
            return SessionOperations.SavepointAction.valueOf(action.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw GatewayException.of(JunctionSqlState.MALFORMED_REQUEST, "Unknown savepoint action '" + action
                    + "'; use set, rollback or release.");
        }
    }

    private static GeneratedKeyRequest keyRequest(JsonNode request) {
        String mode = text(request, "mode");
        JsonNode columns = request.path("columns");
        switch (mode) {
            case "none":
                return null;
            case "all":
                return GeneratedKeyRequest.ALL;
            case "indexes": {
                int[] indexes = new int[columns.size()];
                for (int i = 0; i < indexes.length; i++) {
                    indexes[i] = columns.get(i).asInt();
                }
                return new GeneratedKeyRequest(indexes, null);
            }
            case "names": {
                String[] names = new String[columns.size()];
                for (int i = 0; i < names.length; i++) {
                    names[i] = columns.get(i).asText();
                }
                return new GeneratedKeyRequest(null, names);
            }
            default:
                throw GatewayException.of(JunctionSqlState.MALFORMED_REQUEST, "Unknown generated-keys mode '" + mode
                        + "'; use none, all, indexes or names.");
        }
    }

    /** The client's current parameter values: protobuf TypedValues in base64, null where none is set. */
    private static java.util.List<org.apache.calcite.avatica.remote.TypedValue> boundValues(JsonNode values)
            throws IOException {
        java.util.List<org.apache.calcite.avatica.remote.TypedValue> bound = new java.util.ArrayList<>(values.size());
        for (JsonNode value : values) {
            bound.add(value.isTextual() ? org.apache.calcite.avatica.remote.TypedValue.fromProto(
                    org.apache.calcite.avatica.proto.Common.TypedValue.parseFrom(
                            Base64.getDecoder().decode(value.asText()))) : null);
        }
        return bound;
    }

    private static int integer(JsonNode request, String field) {
        JsonNode value = request.get(field);
        if (value == null || !value.canConvertToInt()) {
            throw GatewayException.of(JunctionSqlState.MALFORMED_REQUEST, "the request lacks '" + field + "'; use a Junction driver of a version this server supports.");
        }
        return value.intValue();
    }

    /**
     * A result set as {@code {"resultSet": base64}} of Avatica's protobuf ResultSetResponse, which keeps
     * each value's type (JSON numbers would not) and which the driver decodes with Avatica's own code.
     */
    private static EndpointResponse resultSet(Meta.MetaResultSet result) throws IOException {
        Service.ResultSetResponse response = new Service.ResultSetResponse(result.connectionId, result.statementId,
                result.ownStatement, result.signature, result.firstFrame, result.updateCount, null);
        byte[] protobuf = PROTOBUF.serializeResponse(response);
        return ok(Map.of("resultSet", Base64.getEncoder().encodeToString(protobuf)));
    }

    private static String text(JsonNode request, String field) {
        JsonNode value = request.get(field);
        if (value == null || !value.isTextual()) {
            throw GatewayException.of(JunctionSqlState.MALFORMED_REQUEST, "the request lacks '" + field + "'; use a Junction driver of a version this server supports.");
        }
        return value.asText();
    }

    private static EndpointResponse ok(Object response) throws IOException {
        // A savepoint rollback can move the connection properties back, as SQL can.
        return new EndpointResponse(200, JSON.writeValueAsBytes(response), RequestContext.changedConnectionProperties());
    }
}
