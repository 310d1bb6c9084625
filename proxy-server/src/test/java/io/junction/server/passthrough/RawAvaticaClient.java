package io.junction.server.passthrough;

import org.apache.calcite.avatica.remote.ProtobufTranslation;
import org.apache.calcite.avatica.remote.ProtobufTranslationImpl;
import org.apache.calcite.avatica.remote.Service;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Speaks the Avatica protocol by hand, for requests no well-behaved driver sends: another user's
 * connection id, malformed bodies, wrong content types.
 */
final class RawAvaticaClient {
    private static final ProtobufTranslation TRANSLATION = new ProtobufTranslationImpl();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final URI uri;
    private final String authorization;

    RawAvaticaClient(int port, String user, String password) {
        this.uri = URI.create("http://127.0.0.1:" + port + "/");
        this.authorization = "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** Sends a request and decodes the response, which may be an ErrorResponse. */
    Service.Response send(Service.Request request) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = post(TRANSLATION.serializeRequest(request), "application/octet-stream");
        return TRANSLATION.parseResponse(response.body());
    }

    HttpResponse<byte[]> post(byte[] body, String contentType) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri)
                .header("Content-Type", contentType)
                .header("Authorization", authorization)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    /** POSTs JSON to one of Junction's protocol extensions ({@code /junction/v1/<operation>}). */
    HttpResponse<String> postExtension(String operation, String json) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri.resolve("/junction/v1/" + operation))
                .header("Content-Type", "application/json")
                .header("Authorization", authorization)
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    static Service.ErrorResponse decodeError(byte[] body) throws IOException {
        return (Service.ErrorResponse) TRANSLATION.parseResponse(body);
    }
}
