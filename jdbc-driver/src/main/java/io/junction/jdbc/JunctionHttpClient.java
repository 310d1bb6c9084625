package io.junction.jdbc;

import org.apache.calcite.avatica.remote.AvaticaHttpClient;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;

/**
 * Avatica's transport on {@link KeepAliveHttp}: HTTP/1.1 POSTs to the server's root with keep-alive,
 * preemptive Basic authentication, gzip, and the connect and socket timeouts. Failures are thrown as
 * {@link TransportException}s carrying an honest SQLState; the Avatica bodies of HTTP 200 and 500 (an
 * ErrorResponse) are returned to Avatica as they are.
 */
final class JunctionHttpClient implements AvaticaHttpClient, AutoCloseable {
    /** Longest error body quoted in a message; longer ones are only counted. */
    private static final int MAX_QUOTED_BODY = 300;

    private final KeepAliveHttp http;
    private final String path;
    private final String[] headers;
    private final String[] extensionHeaders;
    private final String address;
    private final String user;
    private final int connectTimeoutMillis;
    private final int socketTimeoutMillis;
    /** Told the connection's properties when SQL changed them on the server (null: nobody listens). */
    private volatile Consumer<String> connectionPropertiesListener;

    JunctionHttpClient(ConnectionSettings settings) {
        this.connectTimeoutMillis = settings.connectTimeoutMillis();
        this.socketTimeoutMillis = settings.socketTimeoutMillis();
        URI endpoint = settings.endpoint();
        this.http = new KeepAliveHttp(endpoint.getHost().replace("[", "").replace("]", ""), endpoint.getPort(),
                connectTimeoutMillis, socketTimeoutMillis);
        this.path = endpoint.getRawPath() == null || endpoint.getRawPath().isEmpty() ? "/" : endpoint.getRawPath();
        this.address = settings.address();
        this.user = settings.user();
        this.headers = headers(user == null ? null : basic(user, settings.password()), settings.gzip());
        this.extensionHeaders = headers.clone();
        extensionHeaders[0] = "Content-Type: application/json";
    }

    @Override
    public byte[] send(byte[] request) {
        return post(path, headers, request);
    }

    /**
     * Who is told the value of the {@code Junction-Connection-Properties} header the server sends after SQL
     * changed autocommit, the catalog or the schema.
     */
    void onConnectionProperties(Consumer<String> listener) {
        this.connectionPropertiesListener = listener;
    }

    /**
     * POSTs a JSON request to one of Junction's protocol extensions ({@code /junction/v1/<operation>}) and
     * returns the JSON body of its answer, HTTP 200 or 500 (an error object).
     */
    byte[] sendExtension(String operation, byte[] json) {
        return post(path + (path.endsWith("/") ? "" : "/") + "junction/v1/" + operation, extensionHeaders, json);
    }

    private byte[] post(String target, String[] requestHeaders, byte[] request) {
        KeepAliveHttp.Response response;
        try {
            response = http.post(target, requestHeaders, request);
        } catch (KeepAliveHttp.ConnectFailure e) {
            Throwable cause = e.getCause();
            if (cause instanceof SocketTimeoutException) {
                throw unreachable("no connection within " + connectTimeoutMillis + " ms (connectTimeout)", e);
            }
            if (cause instanceof ConnectException) {
                throw unreachable("connection refused", e);
            }
            String description = describe(cause);
            throw unreachable(description == null ? describeOrName(cause) : description, e);
        } catch (SocketTimeoutException e) {
            throw new TransportException(DriverSqlState.TIMEOUT, "Junction at " + address
                    + " did not answer within " + socketTimeoutMillis
                    + " ms (socketTimeout); the server may still be running the request.", e);
        } catch (IOException e) {
            throw new TransportException(DriverSqlState.CONNECTION_LOST, "Lost the connection to Junction at "
                    + address + ": " + describeOrName(e) + ".", e);
        }
        Consumer<String> listener = connectionPropertiesListener;
        if (response.connectionProperties != null && listener != null) {
            listener.accept(response.connectionProperties);
        }
        return body(response);
    }

    /** Closes the kept-alive sockets; called when the JDBC connection closes. */
    @Override
    public void close() {
        http.close();
    }

    private byte[] body(KeepAliveHttp.Response response) {
        int status = response.status;
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

    private byte[] decode(KeepAliveHttp.Response response) {
        String encoding = response.contentEncoding;
        if (encoding == null || encoding.equalsIgnoreCase("identity")) {
            return response.body;
        }
        if (!encoding.equalsIgnoreCase("gzip")) {
            throw new TransportException(DriverSqlState.CONNECTION_LOST, "Junction at " + address
                    + " answered with Content-Encoding '" + encoding + "', which the driver cannot read.",
                    null);
        }
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(response.body))) {
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

    private static String[] headers(String authorization, boolean gzip) {
        List<String> headers = new ArrayList<>(3);
        headers.add("Content-Type: application/octet-stream");
        if (gzip) {
            headers.add("Accept-Encoding: gzip");
        }
        if (authorization != null) {
            headers.add("Authorization: " + authorization);
        }
        return headers.toArray(new String[0]);
    }
}
