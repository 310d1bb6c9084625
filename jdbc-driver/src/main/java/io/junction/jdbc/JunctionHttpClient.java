package io.junction.jdbc;

import org.apache.calcite.avatica.remote.AvaticaHttpClient;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.zip.GZIPInputStream;

/**
 * Avatica's transport on the JDK's {@link HttpClient}: HTTP/1.1 POSTs to the server's root with keep-alive,
 * preemptive Basic authentication, gzip, and the connect and socket timeouts. Failures are thrown as
 * {@link TransportException}s carrying an honest SQLState; the Avatica bodies of HTTP 200 and 500 (an
 * ErrorResponse) are returned to Avatica as they are.
 */
final class JunctionHttpClient implements AvaticaHttpClient {
    /**
     * One JDK client per connect timeout, shared by all connections: each JDK client owns a selector thread
     * and a keep-alive pool, so one per JDBC connection would cost a thread each. Credentials are set per
     * request, so sharing a client across users is safe.
     */
    private static final ConcurrentMap<Integer, HttpClient> CLIENTS = new ConcurrentHashMap<>();

    /** Longest error body quoted in a message; longer ones are only counted. */
    private static final int MAX_QUOTED_BODY = 300;

    private final HttpClient client;
    private final URI endpoint;
    private final String address;
    private final String user;
    private final String authorization;
    private final int connectTimeoutMillis;
    private final int socketTimeoutMillis;
    private final boolean gzip;

    JunctionHttpClient(ConnectionSettings settings) {
        this.connectTimeoutMillis = settings.connectTimeoutMillis();
        this.client = CLIENTS.computeIfAbsent(connectTimeoutMillis, JunctionHttpClient::newClient);
        this.endpoint = settings.endpoint();
        this.address = settings.address();
        this.user = settings.user();
        this.authorization = user == null ? null : basic(user, settings.password());
        this.socketTimeoutMillis = settings.socketTimeoutMillis();
        this.gzip = settings.gzip();
    }

    @Override
    public byte[] send(byte[] request) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(endpoint)
                .POST(HttpRequest.BodyPublishers.ofByteArray(request))
                .header("Content-Type", "application/octet-stream");
        if (gzip) {
            builder.header("Accept-Encoding", "gzip");
        }
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        if (socketTimeoutMillis > 0) {
            builder.timeout(Duration.ofMillis(socketTimeoutMillis));
        }
        HttpResponse<byte[]> response;
        try {
            response = client.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpConnectTimeoutException e) {
            throw unreachable("no connection within " + connectTimeoutMillis + " ms (connectTimeout)", e);
        } catch (HttpTimeoutException e) {
            throw new TransportException(DriverSqlState.TIMEOUT, "Junction at " + address
                    + " did not answer within " + socketTimeoutMillis
                    + " ms (socketTimeout); the server may still be running the request.", e);
        } catch (ConnectException e) {
            // The JDK client reports a refused connection as a ConnectException without any message.
            String cause = describe(e);
            throw unreachable(cause == null ? "connection refused" : cause, e);
        } catch (IOException e) {
            throw new TransportException(DriverSqlState.CONNECTION_LOST, "Lost the connection to Junction at "
                    + address + ": " + describeOrName(e) + ".", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransportException(DriverSqlState.CONNECTION_LOST,
                    "Interrupted while waiting for Junction at " + address + ".", e);
        }
        return body(response);
    }

    /**
     * Calls a Junction protocol extension ({@code POST /junction/v1/<operation>}, JSON both ways),
     * for what Avatica's messages cannot carry.
     *
     * @return the JSON answer
     * @throws SQLException with the server's SQLState when it answers with an error
     */
    String extension(String operation, String json) throws SQLException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(endpoint.resolve("/junction/v1/" + operation))
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
                .header("Content-Type", "application/json");
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        if (socketTimeoutMillis > 0) {
            builder.timeout(Duration.ofMillis(socketTimeoutMillis));
        }
        HttpResponse<String> response;
        try {
            response = client.send(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new TransportException(DriverSqlState.CONNECTION_LOST, "Lost the connection to Junction at "
                    + address + " during " + operation + ": " + describeOrName(e) + ".", e).toSqlException();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransportException(DriverSqlState.CONNECTION_LOST,
                    "Interrupted while waiting for Junction at " + address + ".", e).toSqlException();
        }
        if (response.statusCode() == 200) {
            return response.body();
        }
        String body = response.body();
        String message = jsonField(body, "errorMessage");
        throw new SQLException(message != null ? message : "Junction at " + address + " answered HTTP "
                + response.statusCode() + " to " + operation, jsonField(body, "sqlState"));
    }

    /** A string field of a flat JSON object, without a JSON library in the driver. */
    private static String jsonField(String json, String field) {
        java.util.regex.Matcher matcher = java.util.regex.Pattern
                .compile("\"" + field + "\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(json);
        return matcher.find() ? matcher.group(1).replace("\\\"", "\"").replace("\\\\", "\\") : null;
    }

    private byte[] body(HttpResponse<byte[]> response) {
        int status = response.statusCode();
        if (status == 200 || status == 500) {
            // 500 carries a serialized ErrorResponse that Avatica turns into the server's SQLException.
            byte[] body = decode(response);
            if (!looksLikeAvatica(body)) {
                // A proxy's error page, say: Avatica would fail to parse it with no SQLState.
                throw new TransportException(DriverSqlState.CONNECTION_LOST, "Junction at " + address
                        + " answered HTTP " + status + " with something that is not an Avatica message"
                        + quote(body) + ". Check that the URL points at a Junction server.", null);
            }
            return body;
        }
        if (status == 401) {
            throw new TransportException(DriverSqlState.INVALID_AUTHORIZATION, user == null
                    ? "Junction at " + address + " requires authentication: set the user and password properties."
                    : "Authentication failed for user '" + user + "' at Junction " + address + ".", null);
        }
        throw new TransportException(DriverSqlState.CONNECTION_LOST, "Junction at " + address
                + " answered HTTP " + status + quote(decode(response)) + ". Check that the URL points at a"
                + " Junction server.", null);
    }

    private byte[] decode(HttpResponse<byte[]> response) {
        Optional<String> encoding = response.headers().firstValue("Content-Encoding");
        if (encoding.isEmpty() || encoding.get().equalsIgnoreCase("identity")) {
            return response.body();
        }
        if (!encoding.get().equalsIgnoreCase("gzip")) {
            throw new TransportException(DriverSqlState.CONNECTION_LOST, "Junction at " + address
                    + " answered with Content-Encoding '" + encoding.get() + "', which the driver cannot read.",
                    null);
        }
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(response.body()))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new TransportException(DriverSqlState.CONNECTION_LOST,
                    "Junction at " + address + " sent a corrupt gzip body: " + describeOrName(e) + ".", e);
        }
    }

    private TransportException unreachable(String cause, Throwable e) {
        return new TransportException(DriverSqlState.SERVER_UNREACHABLE, "Could not connect to Junction at "
                + address + ": " + cause + ". Check that the server is running and the URL is right.", e);
    }

    /**
     * Avatica's protobuf WireMessage starts with the tag of field 1 (byte 0x0A, which is also '\n'); its
     * JSON starts with '{', perhaps after whitespace.
     */
    private static boolean looksLikeAvatica(byte[] body) {
        if (body.length > 0 && body[0] == 0x0A) {
            return true;
        }
        for (byte b : body) {
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return b == '{';
            }
        }
        return false;
    }

    /** A short quote of an error body when it is small text, so proxies' and servers' own words show. */
    private static String quote(byte[] body) {
        if (body.length == 0) {
            return "";
        }
        String text = new String(body, StandardCharsets.UTF_8).strip();
        boolean printable = text.chars().allMatch(c -> c >= ' ' || c == '\n' || c == '\r' || c == '\t');
        if (text.isEmpty() || text.length() > MAX_QUOTED_BODY || !printable) {
            return " (" + body.length + " bytes)";
        }
        return ": " + text.replaceAll("\\s+", " ");
    }

    private static String describeOrName(Throwable e) {
        String description = describe(e);
        return description == null ? e.getClass().getSimpleName() : description;
    }

    /**
     * The most telling words for an I/O failure, or null when there are none: JDK exceptions often carry
     * them only on a cause, or not at all.
     */
    private static String describe(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnresolvedAddressException || t instanceof UnknownHostException) {
                return "unknown host";
            }
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                return t.getMessage();
            }
        }
        return null;
    }

    private static String basic(String user, String password) {
        String pair = user + ":" + (password == null ? "" : password);
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    private static HttpClient newClient(int connectTimeoutMillis) {
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER);
        if (connectTimeoutMillis > 0) {
            builder.connectTimeout(Duration.ofMillis(connectTimeoutMillis));
        }
        return builder.build();
    }
}
