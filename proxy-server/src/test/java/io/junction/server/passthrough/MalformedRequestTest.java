package io.junction.server.passthrough;

import io.junction.server.config.ServerSettings;
import io.junction.server.error.ErrorChain;
import io.junction.server.testing.TestGateway;
import io.junction.server.testing.Upstreams;
import org.apache.calcite.avatica.remote.Service;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad input is answered with a clear error while the server keeps serving. */
class MalformedRequestTest {
    private static final int MAX_BODY = 64 * 1024;
    private static TestGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        ServerSettings defaults = ServerSettings.defaults();
        ServerSettings small = new ServerSettings(defaults.host(), 0, 4, 16, MAX_BODY, Duration.ofSeconds(5));
        gateway = TestGateway.start(Map.of("pg", Upstreams.postgres()), small);
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void malformedProtobufIsAnsweredWithAnError() throws Exception {
        RawAvaticaClient client = client();
        HttpResponse<byte[]> response = client.post(new byte[] {0x0A, 0x7F, 0x01, 0x02}, "application/octet-stream");
        assertThat(response.statusCode()).isEqualTo(500);
        Service.ErrorResponse error = RawAvaticaClient.decodeError(response.body());
        assertThat(error.sqlState).isEqualTo("08P01");
        // No server stack trace: only the line describing the error for the Junction driver.
        assertThat(error.exceptions).singleElement().asString().startsWith(ErrorChain.PREFIX).doesNotContain("\tat ");
        assertStillServing();
    }

    @Test
    void wrongContentTypeIsAnsweredWithAnError() throws Exception {
        HttpResponse<byte[]> response = client().post("<html/>".getBytes(), "text/html");
        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(RawAvaticaClient.decodeError(response.body()).errorMessage).contains("text/html");
        assertStillServing();
    }

    @Test
    void oversizedBodyIsAnsweredWithAnError() throws Exception {
        HttpResponse<byte[]> response = client().post(new byte[MAX_BODY * 2], "application/octet-stream");
        assertThat(response.statusCode()).isEqualTo(500);
        Service.ErrorResponse error = RawAvaticaClient.decodeError(response.body());
        assertThat(error.sqlState).isEqualTo("54000");
        assertStillServing();
    }

    private static RawAvaticaClient client() {
        return new RawAvaticaClient(gateway.port(), TestGateway.USER, TestGateway.PASSWORD);
    }

    private static void assertStillServing() throws Exception {
        try (Connection connection = gateway.connect("pg"); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT 42")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(42);
        }
    }
}
