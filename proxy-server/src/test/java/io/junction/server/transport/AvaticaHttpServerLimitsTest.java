package io.junction.server.transport;

import org.apache.calcite.avatica.remote.Service;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static io.junction.server.transport.TransportFixture.errorResponse;
import static io.junction.server.transport.TransportFixture.protobufRequest;
import static org.assertj.core.api.Assertions.assertThat;

class AvaticaHttpServerLimitsTest {
    private static final int MAX_REQUEST_BYTES = 1024;

    private static byte[] protobufBodyOf(int size) {
        byte[] body = new byte[size];
        Arrays.fill(body, (byte) 'x');
        body[0] = 0x0A;
        return body;
    }

    private static byte[] smallRequest() throws Exception {
        return protobufRequest(new Service.OpenConnectionRequest("c-1", Map.of()));
    }

    @Test
    void oversizedBody_answersErrorResponse54000_andTheServerKeepsServing() throws Exception {
        try (TransportFixture fixture = new TransportFixture(
                TransportFixture.settings(2, 4, MAX_REQUEST_BYTES, Duration.ofSeconds(30)))) {
            HttpResponse<byte[]> response = fixture.send(fixture.post(protobufBodyOf(4096)).build());

            assertThat(response.statusCode()).isEqualTo(500);
            Service.ErrorResponse error = errorResponse(response.body(), WireFormat.PROTOBUF);
            assertThat(error.sqlState).isEqualTo("54000");
            assertThat(error.errorMessage).isEqualTo("request body of 4096 bytes exceeds server.max-request-size of "
                    + "1024 bytes; use a smaller batch or raise the limit");
            assertThat(fixture.requests("too_large")).isEqualTo(1);

            byte[] next = smallRequest();
            HttpResponse<byte[]> after = fixture.send(fixture.post(next).build());
            assertThat(after.statusCode()).isEqualTo(200);
            assertThat(after.body()).isEqualTo(next);
            assertThat(fixture.endpoint.calls()).hasSize(1);
            assertThat(fixture.counter(TransportMetrics.CONNECTIONS_ACCEPTED))
                    .as("the rejected body was drained, so the connection stayed usable").isEqualTo(1);
        }
    }

    @Test
    void oversizedJsonBody_answersInJson() throws Exception {
        try (TransportFixture fixture = new TransportFixture(
                TransportFixture.settings(2, 4, MAX_REQUEST_BYTES, Duration.ofSeconds(30)))) {
            byte[] body = ("{\"request\":\"prepareAndExecute\",\"sql\":\"" + "x".repeat(4000) + "\"}").getBytes();

            HttpResponse<byte[]> response = fixture.send(fixture.post(body).build());

            assertThat(response.statusCode()).isEqualTo(500);
            assertThat(errorResponse(response.body(), WireFormat.JSON).sqlState).isEqualTo("54000");
        }
    }

    @Test
    void oversizedChunkedBody_answersErrorResponse54000() throws Exception {
        try (TransportFixture fixture = new TransportFixture(
                TransportFixture.settings(2, 4, MAX_REQUEST_BYTES, Duration.ofSeconds(30)))) {
            byte[] body = protobufBodyOf(64 * 1024);
            // A body of unknown length goes out chunked, without Content-Length.
            HttpRequest chunked = fixture.post(body)
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build();

            HttpResponse<byte[]> response = fixture.send(chunked);

            assertThat(response.statusCode()).isEqualTo(500);
            Service.ErrorResponse error = errorResponse(response.body(), WireFormat.PROTOBUF);
            assertThat(error.sqlState).isEqualTo("54000");
            assertThat(error.errorMessage).startsWith("request body exceeds server.max-request-size of 1024 bytes");
            assertThat(fixture.send(fixture.post(smallRequest()).build()).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void fullWorkerQueue_answersErrorResponse53300() throws Exception {
        try (TransportFixture fixture = new TransportFixture(
                TransportFixture.settings(1, 1, MAX_REQUEST_BYTES, Duration.ofSeconds(30)))) {
            fixture.endpoint.holdRequests();
            CompletableFuture<HttpResponse<byte[]>> running = fixture.client.sendAsync(
                    fixture.post(smallRequest()).build(), HttpResponse.BodyHandlers.ofByteArray());
            fixture.endpoint.awaitEntered(1);
            CompletableFuture<HttpResponse<byte[]>> queued = fixture.client.sendAsync(
                    fixture.post(smallRequest()).build(), HttpResponse.BodyHandlers.ofByteArray());
            TransportFixture.await(() -> fixture.workerQueueDepth() == 1, "second request queued");

            HttpResponse<byte[]> refused = fixture.send(fixture.post(smallRequest()).build());

            assertThat(refused.statusCode()).as("never 503: the Avatica client retries that forever").isEqualTo(500);
            Service.ErrorResponse error = errorResponse(refused.body(), WireFormat.PROTOBUF);
            assertThat(error.sqlState).isEqualTo("53300");
            assertThat(error.errorMessage).contains("server.max-queued-requests");
            assertThat(fixture.requests("rejected")).isEqualTo(1);

            fixture.endpoint.releaseRequests();
            assertThat(running.get().statusCode()).isEqualTo(200);
            assertThat(queued.get().statusCode()).isEqualTo(200);
        }
    }
}
