package io.junction.server.transport;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;

/** The fixed answers of the transport and the conversion of a {@link Reply} into a Netty response. */
final class HttpReplies {
    /** Sent with every 401: the Avatica client only sends credentials once challenged (CALCITE-4196). */
    static final String CHALLENGE = "Basic realm=\"Junction\", charset=\"UTF-8\"";

    private HttpReplies() {
    }

    /** The same for missing and for wrong credentials: a client must not learn which part was wrong. */
    static Reply unauthorized() {
        return Reply.text(401, "authentication required: send a valid Junction user and password", Outcome.UNAUTHORIZED);
    }

    static Reply methodNotAllowed(HttpMethod method) {
        return Reply.text(405, "method " + method + " not allowed: Avatica requests are sent by POST",
                Outcome.BAD_REQUEST);
    }

    static FullHttpResponse toNetty(Reply reply) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(reply.status()), Unpooled.wrappedBuffer(reply.body()));
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, reply.contentType())
                .setInt(HttpHeaderNames.CONTENT_LENGTH, reply.body().length);
        if (reply.status() == 401) {
            response.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, CHALLENGE);
        } else if (reply.status() == 405) {
            response.headers().set(HttpHeaderNames.ALLOW, HttpMethod.POST.name());
        }
        if (reply.connectionProperties() != null) {
            response.headers().set(AvaticaEndpoint.CONNECTION_PROPERTIES_HEADER, reply.connectionProperties());
        }
        if (reply.closeConnection()) {
            // HttpServerKeepAliveHandler sees this header and closes the channel after the write.
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        return response;
    }
}
