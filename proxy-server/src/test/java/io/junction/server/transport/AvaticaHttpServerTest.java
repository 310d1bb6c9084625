package io.junction.server.transport;

import org.apache.calcite.avatica.remote.ProtobufTranslationImpl;
import org.apache.calcite.avatica.remote.Service;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import static io.junction.server.transport.TransportFixture.errorResponse;
import static io.junction.server.transport.TransportFixture.protobufRequest;
import static org.assertj.core.api.Assertions.assertThat;

class AvaticaHttpServerTest {
    private static final String CHALLENGE = "Basic realm=\"Junction\", charset=\"UTF-8\"";

    private TransportFixture fixture;

    @BeforeEach
    void start() throws IOException {
        fixture = new TransportFixture();
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    private static byte[] openConnection() throws IOException {
        return protobufRequest(new Service.OpenConnectionRequest("c-1", Map.of("source", "pg")));
    }

    @Test
    void post_withoutCredentials_isChallenged() throws Exception {
        HttpResponse<byte[]> response = fixture.send(HttpRequest.newBuilder(fixture.uri())
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(openConnection())).build());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue(CHALLENGE);
        assertThat(fixture.endpoint.calls()).isEmpty();
        assertThat(fixture.requests("unauthorized")).isEqualTo(1);
        assertThat(fixture.counter("junction.auth.failures")).as("a first, unchallenged request is no failure")
                .isZero();
    }

    @Test
    void post_withWrongPasswordOrWrongUser_getsTheSameChallengeAsWithout() throws Exception {
        HttpResponse<byte[]> none = fixture.send(HttpRequest.newBuilder(fixture.uri())
                .POST(HttpRequest.BodyPublishers.ofByteArray(openConnection())).build());
        HttpResponse<byte[]> wrongPassword = fixture.send(fixture.post(openConnection())
                .setHeader("Authorization", TransportFixture.basic(FakeAuthenticator.USER, "guess")).build());
        HttpResponse<byte[]> wrongUser = fixture.send(fixture.post(openConnection())
                .setHeader("Authorization", TransportFixture.basic("mallory", FakeAuthenticator.PASSWORD)).build());

        for (HttpResponse<byte[]> response : java.util.List.of(wrongPassword, wrongUser)) {
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue(CHALLENGE);
            assertThat(response.body()).isEqualTo(none.body());
        }
        assertThat(fixture.endpoint.calls()).isEmpty();
        assertThat(fixture.counter("junction.auth.failures")).isEqualTo(2);
    }

    @Test
    void post_withUnreadableAuthorization_isChallengedAndCountedAsFailure() throws Exception {
        HttpResponse<byte[]> response = fixture.send(fixture.post(openConnection())
                .setHeader("Authorization", "Basic !!not-base64!!").build());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(fixture.counter("junction.auth.failures")).isEqualTo(1);
    }

    @Test
    void post_withGoodCredentials_reachesEndpointAsTheUserInProtobuf() throws Exception {
        byte[] body = openConnection();

        HttpResponse<byte[]> response = fixture.send(fixture.post(body).build());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
        assertThat(response.body()).isEqualTo(body);
        FakeEndpoint.Call call = fixture.endpoint.calls().get(0);
        assertThat(call.user().name()).isEqualTo(FakeAuthenticator.USER);
        assertThat(call.user().grantedSources()).isEqualTo(FakeAuthenticator.SOURCES);
        assertThat(call.format()).isEqualTo(WireFormat.PROTOBUF);
        assertThat(fixture.requests("ok")).isEqualTo(1);
    }

    @Test
    void protobufRequest_reachesEndpointByteForByte() throws Exception {
        Service.Request sent = new Service.PrepareAndExecuteRequest("c-1", 7, "SELECT 'ü', ?", 100);
        byte[] body = protobufRequest(sent);

        HttpResponse<byte[]> response = fixture.send(fixture.post(body).build());

        assertThat(response.statusCode()).isEqualTo(200);
        byte[] received = fixture.endpoint.calls().get(0).body();
        assertThat(received).isEqualTo(body);
        assertThat(new ProtobufTranslationImpl().parseRequest(received)).isEqualTo(sent);
    }

    @Test
    void jsonRequest_withJsonContentType_reachesEndpointAsJson() throws Exception {
        byte[] body = TransportFixture.jsonRequest(new Service.CatalogsRequest("c-1"));

        HttpResponse<byte[]> response = fixture.send(fixture.post(body)
                .setHeader("Content-Type", "application/json; charset=UTF-8").build());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
        assertThat(fixture.endpoint.calls().get(0).format()).isEqualTo(WireFormat.JSON);
    }

    @Test
    void twoRequests_shareOneConnection() throws Exception {
        assertThat(fixture.send(fixture.post(openConnection()).build()).statusCode()).isEqualTo(200);
        assertThat(fixture.send(fixture.post(openConnection()).build()).statusCode()).isEqualTo(200);

        assertThat(fixture.counter(TransportMetrics.CONNECTIONS_ACCEPTED)).isEqualTo(1);
        assertThat(fixture.endpoint.calls()).hasSize(2);
    }

    @Test
    void wrongContentType_answersErrorResponse08P01InTheClientsSerialization() throws Exception {
        HttpResponse<byte[]> protobuf = fixture.send(fixture.post(openConnection())
                .setHeader("Content-Type", "text/plain").build());
        HttpResponse<byte[]> json = fixture.send(fixture.post(
                        TransportFixture.jsonRequest(new Service.CatalogsRequest("c-1")))
                .setHeader("Content-Type", "application/xml").build());

        assertThat(protobuf.statusCode()).isEqualTo(500);
        Service.ErrorResponse protobufError = errorResponse(protobuf.body(), WireFormat.PROTOBUF);
        assertThat(protobufError.sqlState).isEqualTo("08P01");
        assertThat(protobufError.errorMessage).contains("'text/plain'", "application/octet-stream", "application/json");
        assertThat(protobufError.exceptions).isEmpty();
        assertThat(json.statusCode()).isEqualTo(500);
        Service.ErrorResponse jsonError = errorResponse(json.body(), WireFormat.JSON);
        assertThat(jsonError.sqlState).isEqualTo("08P01");
        assertThat(jsonError.errorMessage).contains("'application/xml'");
        assertThat(fixture.endpoint.calls()).isEmpty();
        assertThat(fixture.requests("bad_request")).isEqualTo(2);
    }

    @Test
    void get_isNotAllowed() throws Exception {
        HttpResponse<byte[]> response = fixture.send(HttpRequest.newBuilder(fixture.uri()).GET().build());

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).hasValue("POST");
    }

    @Test
    void largeResponse_isGzippedForAClientThatAcceptsIt() throws Exception {
        byte[] body = new byte[64 * 1024];
        Arrays.fill(body, (byte) 'x');
        body[0] = 0x0A;

        HttpResponse<byte[]> response = fixture.send(fixture.post(body).header("Accept-Encoding", "gzip").build());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(response.body().length).isLessThan(body.length);
        try (GZIPInputStream unzipped = new GZIPInputStream(new ByteArrayInputStream(response.body()))) {
            assertThat(unzipped.readAllBytes()).isEqualTo(body);
        }
    }

    @Test
    void smallResponse_isSentUncompressed() throws Exception {
        byte[] body = openConnection();

        HttpResponse<byte[]> response = fixture.send(fixture.post(body).header("Accept-Encoding", "gzip").build());

        assertThat(response.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(response.body()).isEqualTo(body);
    }

    @Test
    void endpointFailure_answersInternalErrorWithoutStackTrace() throws Exception {
        fixture.endpoint.failWith(new IllegalStateException("bug in the endpoint"));

        HttpResponse<byte[]> response = fixture.send(fixture.post(openConnection()).build());

        assertThat(response.statusCode()).isEqualTo(500);
        Service.ErrorResponse error = errorResponse(response.body(), WireFormat.PROTOBUF);
        assertThat(error.sqlState).isEqualTo("XX000");
        assertThat(error.errorMessage).contains("IllegalStateException").doesNotContain("bug in the endpoint");
        assertThat(error.exceptions).isEmpty();
        assertThat(fixture.requests("error")).isEqualTo(1);
    }

    @Test
    void oversizedHeaders_answerErrorResponse54000() throws Exception {
        HttpResponse<byte[]> response = fixture.send(fixture.post(openConnection())
                .header("X-Padding", "p".repeat(8 * 1024)).build());

        assertThat(response.statusCode()).isEqualTo(500);
        Service.ErrorResponse error = errorResponse(response.body(), WireFormat.PROTOBUF);
        assertThat(error.sqlState).isEqualTo("54000");
        assertThat(error.errorMessage).contains("server.max-header-size of 4096 bytes");
        assertThat(fixture.send(fixture.post(openConnection()).build()).statusCode())
                .as("the server keeps serving").isEqualTo(200);
    }
}
