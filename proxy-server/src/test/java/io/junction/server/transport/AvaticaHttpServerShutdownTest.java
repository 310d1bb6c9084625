package io.junction.server.transport;

import org.apache.calcite.avatica.remote.Service;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.net.SocketException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import static io.junction.server.transport.TransportFixture.errorResponse;
import static io.junction.server.transport.TransportFixture.protobufRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AvaticaHttpServerShutdownTest {
    private static byte[] request() throws IOException {
        return protobufRequest(new Service.OpenConnectionRequest("c-1", Map.of()));
    }

    private static boolean refusesConnections(int port) {
        try {
            new Socket("127.0.0.1", port).close();
            return false;
        } catch (ConnectException refused) {
            return true;
        } catch (SocketException reset) {
            // A connect that raced the listening socket's close is reset rather than refused: poll again.
            return false;
        } catch (IOException other) {
            throw new AssertionError(other);
        }
    }

    @Test
    void close_finishesTheRequestInFlight_andRefusesNewConnections() throws Exception {
        TransportFixture fixture = new TransportFixture(TransportFixture.settings(2, 4, 64 * 1024, Duration.ofMinutes(5)));
        int port = fixture.server.port();
        fixture.endpoint.holdRequests();
        byte[] body = request();
        CompletableFuture<HttpResponse<byte[]>> inFlight = fixture.client.sendAsync(fixture.post(body).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        fixture.endpoint.awaitEntered(1);

        Thread closer = new Thread(fixture.server::close, "closer");
        closer.start();
        TransportFixture.await(() -> refusesConnections(port), "the listening socket closed");

        assertThat(closer.isAlive()).as("close() waits for the request in flight").isTrue();
        assertThat(inFlight).isNotDone();
        fixture.endpoint.releaseRequests();
        HttpResponse<byte[]> response = inFlight.get();
        closer.join();
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(body);
    }

    @Test
    void requestOnAnOpenConnectionDuringShutdown_answersErrorResponse57P01() throws Exception {
        TransportFixture fixture = new TransportFixture(TransportFixture.settings(2, 4, 64 * 1024, Duration.ofMinutes(5)));
        int port = fixture.server.port();
        // Two concurrent requests leave two idle keep-alive connections in the client's pool.
        fixture.endpoint.holdRequests();
        CompletableFuture<HttpResponse<byte[]>> first = fixture.client.sendAsync(fixture.post(request()).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        CompletableFuture<HttpResponse<byte[]>> second = fixture.client.sendAsync(fixture.post(request()).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        fixture.endpoint.awaitEntered(2);
        fixture.endpoint.releaseRequests();
        assertThat(first.get().statusCode()).isEqualTo(200);
        assertThat(second.get().statusCode()).isEqualTo(200);
        // One of them now carries a request in flight while the server shuts down.
        fixture.endpoint.holdRequests();
        CompletableFuture<HttpResponse<byte[]>> inFlight = fixture.client.sendAsync(fixture.post(request()).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        fixture.endpoint.awaitEntered(1);
        Thread closer = new Thread(fixture.server::close, "closer");
        closer.start();
        TransportFixture.await(() -> refusesConnections(port), "the listening socket closed");

        // New connections are refused by now, so this answer comes over the idle pooled connection.
        HttpResponse<byte[]> late = fixture.send(fixture.post(request()).build());

        assertThat(late.statusCode()).isEqualTo(500);
        assertThat(late.headers().firstValue("Connection")).hasValue("close");
        assertThat(errorResponse(late.body(), WireFormat.PROTOBUF).sqlState).isEqualTo("57P01");
        fixture.endpoint.releaseRequests();
        assertThat(inFlight.get().statusCode()).isEqualTo(200);
        closer.join();
    }

    @Test
    void close_afterTheGrace_returnsAndDropsTheStuckRequest() throws Exception {
        TransportFixture fixture = new TransportFixture(TransportFixture.settings(2, 4, 64 * 1024, Duration.ofMillis(200)));
        fixture.endpoint.holdRequests();
        CompletableFuture<HttpResponse<byte[]>> stuck = fixture.client.sendAsync(fixture.post(request()).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        fixture.endpoint.awaitEntered(1);

        fixture.server.close();

        assertThatThrownBy(stuck::get).isInstanceOf(ExecutionException.class).hasCauseInstanceOf(IOException.class);
    }
}
