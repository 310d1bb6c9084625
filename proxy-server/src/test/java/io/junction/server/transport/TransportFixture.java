package io.junction.server.transport;

import io.junction.server.config.ServerSettings;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.calcite.avatica.remote.JsonService;
import org.apache.calcite.avatica.remote.ProtobufTranslationImpl;
import org.apache.calcite.avatica.remote.Service;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.function.BooleanSupplier;

/** A started {@link AvaticaHttpServer} on a free port over a {@link FakeEndpoint}, and a JDK HTTP client for it. */
final class TransportFixture implements AutoCloseable {
    final FakeEndpoint endpoint = new FakeEndpoint();
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final AvaticaHttpServer server;
    final HttpClient client = newClient();

    TransportFixture() throws IOException {
        this(settings(4, 16, 64 * 1024, Duration.ofSeconds(30)));
    }

    TransportFixture(ServerSettings settings) throws IOException {
        server = new AvaticaHttpServer(settings, new FakeAuthenticator(), endpoint, registry);
        server.start();
    }

    static ServerSettings settings(int workers, int queue, int maxRequestBytes, Duration grace) {
        return new ServerSettings("127.0.0.1", 0, workers, queue, maxRequestBytes, grace, 4096);
    }

    /** HTTP/1.1 only: the JDK client would otherwise ask to upgrade to h2c. */
    static HttpClient newClient() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.port() + "/");
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** A POST as the stock client sends it: octet-stream, with alice's credentials. */
    HttpRequest.Builder post(byte[] body) {
        return HttpRequest.newBuilder(uri())
                .header("Content-Type", "application/octet-stream")
                .header("Authorization", basic(FakeAuthenticator.USER, FakeAuthenticator.PASSWORD))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    }

    HttpResponse<byte[]> send(HttpRequest request) throws IOException, InterruptedException {
        return client.send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    double requests(String outcome) {
        Counter counter = registry.find(TransportMetrics.REQUESTS).tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    double counter(String name) {
        return registry.get(name).counter().count();
    }

    double workerQueueDepth() {
        Gauge gauge = registry.get("executor.queued").tag("name", TransportMetrics.WORKER_EXECUTOR_NAME).gauge();
        return gauge.value();
    }

    static byte[] protobufRequest(Service.Request request) throws IOException {
        return new ProtobufTranslationImpl().serializeRequest(request);
    }

    static byte[] jsonRequest(Service.Request request) throws IOException {
        return JsonService.MAPPER.writeValueAsBytes(request);
    }

    /** Decodes an answer the way the stock client does, in the given serialization. */
    static Service.ErrorResponse errorResponse(byte[] body, WireFormat format) throws IOException {
        Service.Response response = format == WireFormat.JSON
                ? JsonService.MAPPER.readValue(body, Service.Response.class)
                : new ProtobufTranslationImpl().parseResponse(body);
        if (!(response instanceof Service.ErrorResponse error)) {
            throw new AssertionError("expected an ErrorResponse, got " + response);
        }
        return error;
    }

    /** Waits for a condition the test cannot be told about directly; the bound only keeps a broken build from hanging. */
    static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("gave up waiting: " + what);
            }
            Thread.sleep(10);
        }
    }

    @Override
    public void close() {
        endpoint.releaseRequests();
        server.close();
    }
}
