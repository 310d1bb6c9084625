package io.junction.server.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Calls to a running gateway's admin port, as an operator's script makes them. */
public final class AdminHttp {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private AdminHttp() {
    }

    public static HttpResponse<String> call(int adminPort, String method, String pathAndQuery) throws Exception {
        return send(HttpRequest.newBuilder(uri(adminPort, pathAndQuery)), method);
    }

    /** The same call as a browser page on {@code origin} would send it. */
    public static HttpResponse<String> callFrom(String origin, int adminPort, String method, String pathAndQuery)
            throws Exception {
        return send(HttpRequest.newBuilder(uri(adminPort, pathAndQuery)).header("Origin", origin), method);
    }

    private static URI uri(int adminPort, String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + adminPort + pathAndQuery);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request, String method) throws Exception {
        return HTTP.send(request.method(method, HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(30))
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
