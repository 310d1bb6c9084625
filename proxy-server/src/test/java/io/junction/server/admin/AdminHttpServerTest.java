package io.junction.server.admin;

import io.junction.server.auth.AuthenticatedUser;
import io.junction.server.config.AdminSettings;
import io.junction.server.config.ServerSettings;
import io.junction.server.transport.AvaticaEndpoint;
import io.junction.server.transport.AvaticaHttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AdminHttpServerTest {
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private JunctionMetrics metrics;
    private AdminHttpServer admin;

    @BeforeEach
    void start() throws Exception {
        metrics = JunctionMetrics.create();
        admin = new AdminHttpServer(new AdminSettings("127.0.0.1", 0), metrics.registry());
        admin.start();
    }

    @AfterEach
    void stop() {
        admin.close();
        metrics.close();
    }

    private HttpResponse<String> get(String pathAndQuery) throws Exception {
        return client.send(HttpRequest.newBuilder(uri(pathAndQuery)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + admin.port() + pathAndQuery);
    }

    @Test
    void aPortInUse_isRefusedNamingTheSettingsToChange() {
        ServerSettings settings = new ServerSettings("127.0.0.1", admin.port(), 2, 4, 64 * 1024, Duration.ofSeconds(5),
                8192);
        try (AdminHttpServer second = new AdminHttpServer(new AdminSettings("127.0.0.1", admin.port()),
                metrics.registry());
             AvaticaHttpServer clients = new AvaticaHttpServer(settings,
                     (name, password) -> Optional.empty(), (user, path, body, format) -> null, metrics.registry())) {
            assertThatThrownBy(second::start).isInstanceOf(IOException.class)
                    .hasMessageStartingWith("cannot listen on 127.0.0.1:" + admin.port() + " (admin.host, admin.port)");
            assertThatThrownBy(clients::start).isInstanceOf(IOException.class)
                    .hasMessageStartingWith("cannot listen on 127.0.0.1:" + admin.port() + " (server.host, server.port)");
        }
    }

    @Test
    void metrics_showJvmMetersAndTheTransportsRequestCounter() throws Exception {
        AvaticaEndpoint echo = (user, path, body, format) -> new AvaticaEndpoint.EndpointResponse(200, body);
        ServerSettings settings = new ServerSettings("127.0.0.1", 0, 2, 4, 64 * 1024, Duration.ofSeconds(5), 8192);
        try (AvaticaHttpServer transport = new AvaticaHttpServer(settings,
                (name, password) -> Optional.of(new AuthenticatedUser(name, Set.of())), echo, metrics.registry())) {
            transport.start();
            String credentials = Base64.getEncoder().encodeToString("bob:pw".getBytes(StandardCharsets.UTF_8));
            HttpResponse<byte[]> avatica = client.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + transport.port() + "/"))
                    .header("Authorization", "Basic " + credentials)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {0x0A, 0x01, 0x41})).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(avatica.statusCode()).isEqualTo(200);

            HttpResponse<String> scrape = get("/metrics");

            assertThat(scrape.statusCode()).isEqualTo(200);
            assertThat(scrape.headers().firstValue("Content-Type"))
                    .hasValue("text/plain; version=0.0.4; charset=utf-8");
            assertThat(scrape.body())
                    .contains("jvm_memory_used_bytes{")
                    .contains("junction_http_requests_total{outcome=\"ok\"} 1.0")
                    .contains("junction_http_requests_total{outcome=\"rejected\"} 0.0")
                    .contains("executor_queued_tasks{name=\"junction-worker\"}");
        }
    }

    @Test
    void metrics_areGzippedForAScraperThatAcceptsIt() throws Exception {
        HttpResponse<byte[]> scrape = client.send(HttpRequest.newBuilder(uri("/metrics"))
                .header("Accept-Encoding", "gzip").GET().build(), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(scrape.headers().firstValue("Content-Encoding")).hasValue("gzip");
        try (GZIPInputStream unzipped = new GZIPInputStream(new ByteArrayInputStream(scrape.body()))) {
            assertThat(new String(unzipped.readAllBytes(), StandardCharsets.UTF_8)).contains("process_uptime_seconds");
        }
    }

    @Test
    void health_isUp() throws Exception {
        HttpResponse<String> health = get("/health");

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.headers().firstValue("Content-Type")).hasValue(AdminResponse.JSON);
        assertThat(health.body()).isEqualTo("{\"status\":\"UP\"}");
    }

    @Test
    void unknownPath_isNotFound() throws Exception {
        HttpResponse<String> response = get("/nothing-here");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("/nothing-here");
    }

    @Test
    void knownPathWithOtherMethod_isNotAllowed() throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri("/metrics"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.body()).contains("use GET");
    }

    @Test
    void registeredRoute_receivesItsQueryParameters() throws Exception {
        admin.register("GET", "/api/pools", request ->
                AdminResponse.text(200, "pool " + request.parameter("name").orElse("?")));

        HttpResponse<String> response = get("/api/pools?name=pg%20main");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("pool pg main\n");
    }

    @Test
    void failingRoute_answers500WithoutDetails() throws Exception {
        admin.register("GET", "/api/broken", request -> {
            throw new IllegalStateException("secret detail");
        });

        HttpResponse<String> response = get("/api/broken");

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).contains("IllegalStateException").doesNotContain("secret detail");
        assertThat(get("/health").statusCode()).as("the admin server keeps serving").isEqualTo(200);
    }
}
