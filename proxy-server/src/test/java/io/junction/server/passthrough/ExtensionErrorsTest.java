package io.junction.server.passthrough;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.junction.server.testing.TestGateway;
import io.junction.server.testing.Upstreams;
import org.apache.calcite.avatica.remote.Service;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Failures of Junction's protocol extensions (cancel, query timeout, parameter metadata...) are SQLExceptions
 * with a SQLState and a message saying which call failed, for which source and session, and what to do: for a
 * statement or connection the server does not know, a statement the application closed, and a server that is
 * gone. (Upstream errors through the extensions are compared with the direct drivers in ErrorFidelityTest.)
 */
class ExtensionErrorsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        gateway = TestGateway.start(Map.of("pg", Upstreams.postgres()));
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void unknownStatement_isHY010NamingTheCallSourceAndSession() throws Exception {
        RawAvaticaClient client = client();
        String connectionId = UUID.randomUUID().toString();
        client.send(new Service.OpenConnectionRequest(connectionId, Map.of("junction.source", "pg")));
        try {
            JsonNode timeout = error(client.postExtension("query-timeout", "{\"connectionId\":\"" + connectionId
                    + "\",\"statementId\":424242,\"seconds\":5}"));
            assertThat(timeout.path("sqlState").asText()).isEqualTo("HY010");
            assertThat(timeout.path("errorMessage").asText())
                    .startsWith("Setting the query timeout of statement 424242 failed (source 'pg', session "
                            + connectionId + "): ")
                    .contains("create or prepare the statement again");
            assertThat(timeout.path("chain").get(0).path("class").asText()).isEqualTo("java.sql.SQLException");

            JsonNode describe = error(client.postExtension("parameter-metadata", "{\"connectionId\":\""
                    + connectionId + "\",\"statementId\":424242,\"values\":[]}"));
            assertThat(describe.path("sqlState").asText()).isEqualTo("HY010");
            assertThat(describe.path("errorMessage").asText())
                    .startsWith("Describing the parameters of statement 424242 (getParameterMetaData) failed"
                            + " (source 'pg', session " + connectionId + "): ");
        } finally {
            client.send(new Service.CloseConnectionRequest(connectionId));
        }
    }

    @Test
    void unknownConnection_is08003SayingToOpenANewOne() throws Exception {
        JsonNode error = error(client().postExtension("cancel", "{\"connectionId\":\"" + UUID.randomUUID()
                + "\",\"statementId\":1}"));
        assertThat(error.path("sqlState").asText()).isEqualTo("08003");
        assertThat(error.path("errorMessage").asText()).startsWith("Cancelling statement 1 failed")
                .contains("open a new connection");
    }

    @Test
    void malformedRequest_is08P01() throws Exception {
        JsonNode error = error(client().postExtension("cancel", "{not json"));
        assertThat(error.path("sqlState").asText()).isEqualTo("08P01");
        assertThat(error.path("errorMessage").asText()).startsWith("Cancelling statement");
    }

    @Test
    void closedStatement_isHY010BeforeAnyRequest() throws Exception {
        try (Connection connection = gateway.connect("pg")) {
            Statement statement = connection.createStatement();
            statement.close();
            assertClosed(assertThrown(statement::cancel));
            assertClosed(assertThrown(() -> statement.setQueryTimeout(3)));
            PreparedStatement prepared = connection.prepareStatement("SELECT ?::int");
            prepared.close();
            assertClosed(assertThrown(prepared::getParameterMetaData));
            assertClosed(assertThrown(prepared::cancel));
        }
    }

    @Test
    void serverGone_is08001NamingTheCallAndSource() throws Exception {
        TestGateway doomed = TestGateway.start(Map.of("pg", Upstreams.postgres()));
        // The statements are left to the connection's close, which succeeds without a server.
        try (Connection connection = doomed.connect("pg")) {
            Statement statement = connection.createStatement();
            PreparedStatement prepared = connection.prepareStatement("SELECT ?::int");
            doomed.close();

            SQLException timeout = assertThrown(() -> statement.setQueryTimeout(3));
            assertThat((Object) timeout).isInstanceOf(SQLTransientConnectionException.class);
            assertThat(timeout.getSQLState()).isEqualTo("08001");
            assertThat(timeout.getMessage()).startsWith("Setting the query timeout of statement")
                    .contains("source 'pg', session ").contains("connection refused")
                    .contains("Check that the server is running");

            SQLException describe = assertThrown(prepared::getParameterMetaData);
            assertThat(describe.getSQLState()).isEqualTo("08001");
            assertThat(describe.getMessage()).startsWith("Describing the parameters of statement");

            SQLException cancel = assertThrown(statement::cancel);
            assertThat(cancel.getSQLState()).isEqualTo("08001");
            assertThat(cancel.getMessage()).startsWith("Cancelling statement");
        } finally {
            doomed.close();
        }
    }

    private static void assertClosed(SQLException e) {
        assertThat(e.getSQLState()).isEqualTo("HY010");
        assertThat(e.getMessage()).contains("is closed; create a new statement");
    }

    private static SQLException assertThrown(Call call) {
        try {
            call.run();
        } catch (SQLException e) {
            return e;
        }
        throw new AssertionError("expected an SQLException");
    }

    private interface Call {
        void run() throws SQLException;
    }

    private static JsonNode error(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).isEqualTo(500);
        JsonNode error = JSON.readTree(response.body());
        assertThat(error.path("chain").size()).isEqualTo(1);
        return error;
    }

    private static RawAvaticaClient client() {
        return new RawAvaticaClient(gateway.port(), TestGateway.USER, TestGateway.PASSWORD);
    }
}
