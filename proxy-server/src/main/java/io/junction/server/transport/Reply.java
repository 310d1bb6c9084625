package io.junction.server.transport;

import io.junction.server.error.JunctionSqlState;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * An HTTP answer before it becomes a Netty message: plain bytes, so a worker thread can build it
 * without touching pooled buffers, and the outcome it counts as.
 *
 * @param closeConnection      answer with {@code Connection: close} and close after the write
 * @param connectionProperties the value of the {@link AvaticaEndpoint#CONNECTION_PROPERTIES_HEADER} header, or null
 */
record Reply(int status, String contentType, byte[] body, Outcome outcome, boolean closeConnection,
             String connectionProperties) {
    static final String PROTOBUF_CONTENT_TYPE = "application/octet-stream";
    static final String JSON_CONTENT_TYPE = "application/json; charset=utf-8";
    static final String TEXT_CONTENT_TYPE = "text/plain; charset=utf-8";

    Reply {
        Objects.requireNonNull(contentType, "contentType is null");
        Objects.requireNonNull(body, "body is null");
        Objects.requireNonNull(outcome, "outcome is null");
    }

    /** What the endpoint answered: 200 with a response, or 500 with a serialized ErrorResponse. */
    static Reply avatica(int status, byte[] body, WireFormat format) {
        return new Reply(status, contentType(format), body, status == 200 ? Outcome.OK : Outcome.ERROR, false,
                null);
    }

    /** The same answer, telling the driver the connection's properties after SQL changed them (may be null). */
    Reply withConnectionProperties(String properties) {
        return new Reply(status, contentType, body, outcome, closeConnection, properties);
    }

    /**
     * A failure the transport detected, as the Avatica client reads it: HTTP 500 carrying an
     * ErrorResponse (the client discards bodies of any other status, and retries 503 forever).
     */
    static Reply error(JunctionSqlState state, String message, WireFormat format, Outcome outcome) {
        return new Reply(500, contentType(format), ErrorResponses.encode(state, message, format), outcome, false,
                null);
    }

    static Reply text(int status, String message, Outcome outcome) {
        return new Reply(status, TEXT_CONTENT_TYPE, (message + "\n").getBytes(StandardCharsets.UTF_8), outcome, false,
                null);
    }

    Reply closingConnection() {
        return new Reply(status, contentType, body, outcome, true, connectionProperties);
    }

    private static String contentType(WireFormat format) {
        return format == WireFormat.JSON ? JSON_CONTENT_TYPE : PROTOBUF_CONTENT_TYPE;
    }
}
