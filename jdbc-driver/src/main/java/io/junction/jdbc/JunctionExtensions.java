package io.junction.jdbc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.remote.JsonService;
import org.apache.calcite.avatica.remote.Service;

import java.io.IOException;
import java.sql.SQLException;
import java.util.Base64;

/**
 * The client side of Junction's protocol extensions ({@code POST /junction/v1/<operation>}, JSON): what
 * Avatica's messages cannot carry (capabilities, savepoints, generated keys, the metadata calls stock
 * clients never send). One per connection; requests name the connection, the server checks that its
 * caller owns it.
 */
final class JunctionExtensions {
    private final JunctionHttpClient client;
    private final String connectionId;

    JunctionExtensions(JunctionHttpClient client, String connectionId) {
        this.client = client;
        this.connectionId = connectionId;
    }

    /** A request object already naming the connection. */
    ObjectNode request() {
        return JsonService.MAPPER.createObjectNode().put("connectionId", connectionId);
    }

    /**
     * Runs an operation and returns its JSON answer.
     *
     * @throws SQLException with the server's SQLState, vendor code and message when it refuses or fails
     */
    JsonNode call(String operation, ObjectNode request) throws SQLException {
        byte[] json;
        try {
            json = JsonService.MAPPER.writeValueAsBytes(request);
        } catch (IOException e) {
            throw new IllegalStateException("A tree of JSON nodes always serializes", e);
        }
        byte[] body = SqlErrors.guard("Error while calling Junction's " + operation,
                () -> client.sendExtension(operation, json));
        JsonNode answer;
        try {
            answer = JsonService.MAPPER.readTree(body);
        } catch (IOException e) {
            throw DriverSqlState.CONNECTION_LOST.exception("Junction answered " + operation
                    + " with something that is not JSON: " + e.getMessage(), e);
        }
        if (answer.has("errorMessage") && answer.has("sqlState")) {
            throw new SQLException(answer.get("errorMessage").asText(), answer.get("sqlState").asText(),
                    answer.path("errorCode").asInt());
        }
        return answer;
    }

    /**
     * Runs an operation whose answer is a result set: {@code {"resultSet": base64}} of Avatica's protobuf
     * ResultSetResponse, which keeps every value's type (JSON numbers would not).
     */
    Meta.MetaResultSet callForResultSet(String operation, ObjectNode request) throws SQLException {
        JsonNode answer = call(operation, request);
        Service.ResultSetResponse response;
        try {
            response = (Service.ResultSetResponse) JunctionServiceFactory.PROTOBUF.parseResponse(
                    Base64.getDecoder().decode(answer.path("resultSet").asText()));
        } catch (IOException | RuntimeException e) {
            throw DriverSqlState.CONNECTION_LOST.exception("Junction answered " + operation
                    + " with a result set the driver cannot read: " + e.getMessage(), e);
        }
        return Meta.MetaResultSet.create(response.connectionId, response.statementId, response.ownStatement,
                response.signature, response.firstFrame);
    }
}
