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
 * Avatica's messages cannot carry (capabilities, savepoints, generated keys, parameter metadata, cancel and
 * query timeouts, the metadata calls stock clients never send). One per connection; requests name the
 * connection, the server checks that its caller owns it.
 *
 * <p>Every failure is an SQLException with a SQLState: the server's error as it sent it (an upstream error
 * with its SQLState, vendor code, verbatim message, JDBC class and next exceptions, as on the main path), or
 * the driver's own when the server cannot be reached or answers nonsense, saying which call failed, for
 * which source and session, and what to do.
 */
final class JunctionExtensions {
    private final JunctionHttpClient client;
    private final String connectionId;
    /** The source and session, as the server names them in its own messages. */
    private final String where;

    JunctionExtensions(JunctionHttpClient client, String connectionId, String source) {
        this.client = client;
        this.connectionId = connectionId;
        this.where = (source == null ? "federated catalog" : "source '" + source + "'") + ", session " + connectionId;
    }

    /** A request object already naming the connection. */
    ObjectNode request() {
        return JsonService.MAPPER.createObjectNode().put("connectionId", connectionId);
    }

    /**
     * Runs an operation and returns its JSON answer.
     *
     * @param what the JDBC call in a user's words ("Cancelling statement 3"), for the driver's own messages
     * @throws SQLException the server's error, or the driver's when the call did not get a usable answer
     */
    JsonNode call(String operation, String what, ObjectNode request) throws SQLException {
        byte[] json;
        try {
            json = JsonService.MAPPER.writeValueAsBytes(request);
        } catch (IOException e) {
            throw new IllegalStateException("A tree of JSON nodes always serializes", e);
        }
        byte[] body;
        try {
            body = client.sendExtension(operation, json);
        } catch (TransportException e) {
            throw e.toSqlException(what + " failed (" + where + "): ");
        }
        JsonNode answer;
        try {
            answer = JsonService.MAPPER.readTree(body);
        } catch (IOException e) {
            throw DriverSqlState.CONNECTION_LOST.exception(what + " failed (" + where + "): Junction answered "
                    + operation + " with something that is not JSON (" + e.getMessage() + "). Check that the URL"
                    + " points at a Junction server.", e);
        }
        if (answer.path("chain").isArray() && answer.path("chain").size() > 0) {
            throw UpstreamErrors.fromChain(answer.path("chain"));
        }
        if (answer.has("errorMessage")) {
            // A server without the chain, or an error of its transport (busy, request too large).
            throw new SQLException(answer.path("errorMessage").asText(), answer.path("sqlState").isTextual()
                    ? answer.path("sqlState").asText() : DriverSqlState.CONNECTION_LOST.code(),
                    answer.path("errorCode").asInt());
        }
        return answer;
    }

    /**
     * Runs an operation whose answer is a result set: {@code {"resultSet": base64}} of Avatica's protobuf
     * ResultSetResponse, which keeps every value's type (JSON numbers would not).
     */
    Meta.MetaResultSet callForResultSet(String operation, String what, ObjectNode request) throws SQLException {
        JsonNode answer = call(operation, what, request);
        Service.ResultSetResponse response;
        try {
            response = (Service.ResultSetResponse) JunctionServiceFactory.PROTOBUF.parseResponse(
                    Base64.getDecoder().decode(answer.path("resultSet").asText()));
        } catch (IOException | RuntimeException e) {
            throw DriverSqlState.CONNECTION_LOST.exception(what + " failed (" + where + "): Junction answered "
                    + operation + " with a result set the driver cannot read (" + e.getMessage() + "). Use a"
                    + " driver of the server's version.", e);
        }
        return Meta.MetaResultSet.create(response.connectionId, response.statementId, response.ownStatement,
                response.signature, response.firstFrame);
    }
}
