package io.junction.server.transport;

import io.junction.server.error.JunctionSqlState;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BooleanSupplier;

/**
 * Takes each complete request on the event loop, answers what needs no worker (wrong method or
 * content type, missing credentials, shutdown), and hands the rest to the worker executor. While
 * a channel's request is on a worker its reads are paused, so a connection never has two requests
 * in progress and a busy server stops reading rather than buffering.
 */
@ChannelHandler.Sharable
final class AvaticaRequestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger LOG = LoggerFactory.getLogger(AvaticaRequestHandler.class);

    private final AvaticaCall call;
    private final Executor workers;
    private final InFlightRequests inFlight;
    private final TransportMetrics metrics;
    private final BooleanSupplier shuttingDown;
    private final int maxHeaderBytes;

    AvaticaRequestHandler(AvaticaCall call, Executor workers, InFlightRequests inFlight, TransportMetrics metrics,
                          BooleanSupplier shuttingDown, int maxHeaderBytes) {
        this.call = Objects.requireNonNull(call, "call is null");
        this.workers = Objects.requireNonNull(workers, "workers is null");
        this.inFlight = Objects.requireNonNull(inFlight, "inFlight is null");
        this.metrics = Objects.requireNonNull(metrics, "metrics is null");
        this.shuttingDown = Objects.requireNonNull(shuttingDown, "shuttingDown is null");
        this.maxHeaderBytes = maxHeaderBytes;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        // Copied so that no pooled buffer crosses to a worker thread; the request is released on return.
        byte[] body = ByteBufUtil.getBytes(request.content());
        metrics.requestReceived(body.length);
        WireFormat format = WireFormat.sniff(body);
        Optional<Reply> refusal = refusal(request, format);
        if (refusal.isPresent()) {
            reply(ctx.channel(), refusal.get(), false);
            return;
        }
        String authorization = request.headers().get(HttpHeaderNames.AUTHORIZATION);
        Optional<BasicCredentials> credentials = BasicCredentials.parse(authorization);
        if (credentials.isEmpty()) {
            // No header is the normal first request of a challenged client; a header we cannot read is a failure.
            if (authorization != null) {
                metrics.authenticationFailed();
            }
            reply(ctx.channel(), HttpReplies.unauthorized(), false);
            return;
        }
        dispatch(ctx.channel(), credentials.get(), new QueryStringDecoder(request.uri()).path(), body, format);
    }

    private Optional<Reply> refusal(FullHttpRequest request, WireFormat format) {
        DecoderResult decoded = request.decoderResult();
        if (decoded.isFailure()) {
            // The HTTP decoder cannot resynchronise after a broken message: answer, then close.
            return Optional.of(undecodable(decoded.cause(), format).closingConnection());
        }
        if (!HttpMethod.POST.equals(request.method())) {
            return Optional.of(HttpReplies.methodNotAllowed(request.method()));
        }
        String contentType = request.headers().get(HttpHeaderNames.CONTENT_TYPE);
        if (!AcceptedContentTypes.accepts(contentType)) {
            return Optional.of(Reply.error(JunctionSqlState.MALFORMED_REQUEST, "request content type '" + contentType
                    + "' is not an Avatica request; send " + AcceptedContentTypes.DESCRIPTION, format,
                    Outcome.BAD_REQUEST));
        }
        return Optional.empty();
    }

    private Reply undecodable(Throwable cause, WireFormat format) {
        if (cause instanceof TooLongFrameException) {
            return Reply.error(JunctionSqlState.REQUEST_TOO_LARGE, "request line or headers exceed "
                    + "server.max-header-size of " + maxHeaderBytes + " bytes; send fewer or shorter headers, "
                    + "or raise the limit", format, Outcome.TOO_LARGE);
        }
        return Reply.error(JunctionSqlState.MALFORMED_REQUEST, "malformed HTTP request: " + cause.getMessage(), format,
                Outcome.BAD_REQUEST);
    }

    private void dispatch(Channel channel, BasicCredentials credentials, String path, byte[] body,
                          WireFormat format) {
        channel.config().setAutoRead(false);
        // Counted before the shutdown flag is read: close() sets the flag and then waits for the
        // count, so a request either sees the flag or is waited for.
        inFlight.begin();
        if (shuttingDown.getAsBoolean()) {
            credentials.close();
            inFlight.end();
            reply(channel, Reply.error(JunctionSqlState.SERVER_SHUTDOWN, "the Junction server is shutting down; "
                    + "reconnect to another replica, or retry when it is back", format, Outcome.REJECTED)
                    .closingConnection(), false);
            return;
        }
        try {
            workers.execute(() -> {
                if (!channel.isActive()) {
                    // The client left while its request was queued: nobody would read the answer.
                    credentials.close();
                    inFlight.end();
                    return;
                }
                Reply reply;
                try {
                    reply = call.run(credentials, path, body, format);
                } catch (Throwable fatal) {
                    // An Error (out of memory, stack overflow): no answer can be built, but the
                    // channel must not wait forever with its reads paused.
                    inFlight.end();
                    channel.close();
                    throw fatal;
                }
                reply(channel, reply, true);
            });
        } catch (RejectedExecutionException busy) {
            credentials.close();
            inFlight.end();
            reply(channel, Reply.error(JunctionSqlState.SERVER_BUSY, "the Junction server has too many requests "
                    + "queued (server.max-queued-requests); retry later, or raise server.worker-threads or "
                    + "server.max-queued-requests", format, Outcome.REJECTED), false);
        }
    }

    /**
     * Writes from any thread (Netty runs the write on the channel's event loop) and resumes reading
     * once the answer is flushed.
     */
    private void reply(Channel channel, Reply reply, boolean inFlightUntilFlushed) {
        metrics.replied(reply);
        channel.writeAndFlush(HttpReplies.toNetty(reply)).addListener(written -> {
            if (inFlightUntilFlushed) {
                inFlight.end();
            }
            if (written.isSuccess()) {
                channel.config().setAutoRead(true);
            } else {
                LOG.debug("Could not answer {}: {}", channel.remoteAddress(), written.cause().toString());
                channel.close();
            }
        });
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException) {
            // Resets and broken pipes are clients going away, not server faults.
            LOG.debug("Connection {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        } else {
            LOG.warn("Closing connection {} after an unexpected error", ctx.channel().remoteAddress(), cause);
        }
        ctx.close();
    }
}
