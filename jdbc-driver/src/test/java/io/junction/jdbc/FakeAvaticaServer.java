package io.junction.jdbc;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.apache.calcite.avatica.AvaticaSeverity;
import org.apache.calcite.avatica.ConnectionPropertiesImpl;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.MetaImpl;
import org.apache.calcite.avatica.remote.JsonService;
import org.apache.calcite.avatica.remote.ProtobufTranslationImpl;
import org.apache.calcite.avatica.remote.Service;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * A transport-level fake of an Avatica server on the JDK's HTTP server: it decodes requests with stock,
 * unshaded Avatica (so only canonical wire names are understood), records them with their HTTP headers, and
 * answers a small script: open/sync/close a connection, create a statement, and a query whose result is the
 * rows 1 and 2 (first frame) and 3 (one fetch). Not a database: it only proves what crosses the wire.
 */
final class FakeAvaticaServer implements AutoCloseable {
    private static final Service.RpcMetadataResponse RPC = new Service.RpcMetadataResponse("fake:0");
    private static final Meta.Signature ONE_INT_COLUMN = Meta.Signature.create(
            List.of(MetaImpl.columnMetaData("N", 0, Integer.class, false)), "SELECT N", List.of(),
            Meta.CursorFactory.LIST, Meta.StatementType.SELECT);

    /** One HTTP request as the server saw it. */
    record Exchange(int clientPort, String authorization, String contentType, String acceptEncoding,
                    boolean json, Service.Request request) {
    }

    private final HttpServer http;
    private final ProtobufTranslationImpl protobuf = new ProtobufTranslationImpl();
    private final List<Exchange> exchanges = Collections.synchronizedList(new ArrayList<>());
    private volatile int forcedStatus;
    private volatile String forcedBody = "";
    private volatile Service.ErrorResponse openConnectionError;
    private volatile boolean gzipWhenAccepted;
    private volatile Map<Meta.DatabaseProperty, Object> databaseProperties = Map.of();

    private FakeAvaticaServer(HttpServer http) {
        this.http = http;
        http.createContext("/", this::handle);
    }

    static FakeAvaticaServer start() throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        FakeAvaticaServer server = new FakeAvaticaServer(http);
        http.start();
        return server;
    }

    int port() {
        return http.getAddress().getPort();
    }

    /** {@code jdbc:junction://127.0.0.1:<port>} followed by {@code rest}. */
    String jdbcUrl(String rest) {
        return "jdbc:junction://127.0.0.1:" + port() + rest;
    }

    /** Answers every request with this status and body, as a proxy or a non-Avatica server would. */
    void answerAllWith(int status, String body) {
        this.forcedBody = body;
        this.forcedStatus = status;
    }

    /** Answers OpenConnectionRequest with this Avatica error (HTTP 500). */
    void failOpenConnection(String sqlState, String message) {
        openConnectionError = new Service.ErrorResponse(List.of(), message, 0, sqlState, AvaticaSeverity.ERROR,
                RPC);
    }

    /** Answers DatabasePropertyRequest with these (none by default). */
    void databaseProperties(Map<Meta.DatabaseProperty, Object> properties) {
        databaseProperties = properties;
    }

    /** Gzips responses when the request says it accepts gzip. */
    void gzipWhenAccepted() {
        gzipWhenAccepted = true;
    }

    List<Exchange> exchanges() {
        synchronized (exchanges) {
            return List.copyOf(exchanges);
        }
    }

    /** The first request of the given type; fails the test when there is none. */
    <T extends Service.Request> T first(Class<T> type) {
        return exchanges().stream().map(Exchange::request).filter(type::isInstance).map(type::cast).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " in " + exchanges()));
    }

    @Override
    public void close() {
        http.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (forcedStatus != 0) {
                if (forcedStatus == 401) {
                    exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"Junction\"");
                }
                send(exchange, forcedStatus, forcedBody.getBytes(StandardCharsets.UTF_8));
                return;
            }
            boolean json = body.length > 0 && body[0] == '{';
            Service.Request request = json
                    ? JsonService.MAPPER.readValue(body, Service.Request.class)
                    : protobuf.parseRequest(body);
            exchanges.add(new Exchange(exchange.getRemoteAddress().getPort(),
                    exchange.getRequestHeaders().getFirst("Authorization"),
                    exchange.getRequestHeaders().getFirst("Content-Type"),
                    exchange.getRequestHeaders().getFirst("Accept-Encoding"), json, request));
            Service.Response response = respond(request);
            byte[] encoded = json ? JsonService.MAPPER.writeValueAsBytes(response)
                    : protobuf.serializeResponse(response);
            send(exchange, response instanceof Service.ErrorResponse ? 500 : 200, encoded);
        }
    }

    private void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        String accepted = exchange.getRequestHeaders().getFirst("Accept-Encoding");
        if (gzipWhenAccepted && accepted != null && accepted.contains("gzip")) {
            ByteArrayOutputStream zipped = new ByteArrayOutputStream();
            try (OutputStream out = new GZIPOutputStream(zipped)) {
                out.write(body);
            }
            body = zipped.toByteArray();
            exchange.getResponseHeaders().add("Content-Encoding", "gzip");
        }
        exchange.getResponseHeaders().add("Content-Type", "application/octet-stream");
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        exchange.getResponseBody().write(body);
    }

    private Service.Response respond(Service.Request request) {
        if (request instanceof Service.OpenConnectionRequest) {
            Service.ErrorResponse error = openConnectionError;
            return error != null ? error : new Service.OpenConnectionResponse(RPC);
        }
        if (request instanceof Service.ConnectionSyncRequest) {
            return new Service.ConnectionSyncResponse(new ConnectionPropertiesImpl(true, false,
                    Connection.TRANSACTION_READ_COMMITTED, "fake", "public"), RPC);
        }
        if (request instanceof Service.CreateStatementRequest r) {
            return new Service.CreateStatementResponse(r.connectionId, 1, RPC);
        }
        if (request instanceof Service.PrepareAndExecuteRequest r) {
            Meta.Frame first = Meta.Frame.create(0, false, List.<Object>of(List.of(1), List.of(2)));
            return new Service.ExecuteResponse(List.of(new Service.ResultSetResponse(r.connectionId,
                    r.statementId, false, ONE_INT_COLUMN, first, -1, RPC)), false, RPC);
        }
        if (request instanceof Service.FetchRequest r) {
            return new Service.FetchResponse(
                    Meta.Frame.create(r.offset, true, List.<Object>of(List.of(3))), false, false, RPC);
        }
        if (request instanceof Service.DatabasePropertyRequest) {
            return new Service.DatabasePropertyResponse(databaseProperties, RPC);
        }
        if (request instanceof Service.CloseStatementRequest) {
            return new Service.CloseStatementResponse(RPC);
        }
        if (request instanceof Service.CloseConnectionRequest) {
            return new Service.CloseConnectionResponse(RPC);
        }
        return new Service.ErrorResponse(List.of(), "the fake server does not handle "
                + request.getClass().getSimpleName(), 0, "0A000", AvaticaSeverity.ERROR, RPC);
    }
}
