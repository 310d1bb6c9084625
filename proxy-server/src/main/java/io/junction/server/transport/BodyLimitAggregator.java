package io.junction.server.transport;

import io.junction.server.error.JunctionSqlState;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpMessage;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;

/**
 * Aggregates request bodies up to {@code server.max-request-size} and answers a larger one the way
 * the Avatica client can read: HTTP 500 with an ErrorResponse (SQLState 54000) instead of Netty's
 * 413, whose body the client would discard. The rest of the rejected body is read and dropped, so
 * the client (which writes its whole body before reading) gets the answer and the connection stays
 * usable.
 *
 * <p>A request with {@code Expect: 100-continue} and a too-large Content-Length still gets Netty's
 * 413 before its body is sent; the Avatica client never sends that header.
 */
final class BodyLimitAggregator extends HttpObjectAggregator {
    /** Enough of a body to tell JSON from protobuf ({@link WireFormat#sniff}). */
    private static final int SNIFF_BYTES = 64;

    private final TransportMetrics metrics;
    /**
     * Content-Length of a rejected request whose first body bytes have not arrived yet, or -1. Only
     * the channel's event loop touches it.
     */
    private long declaredLengthAwaitingBody = -1;

    BodyLimitAggregator(int maxRequestBytes, TransportMetrics metrics) {
        super(maxRequestBytes);
        this.metrics = metrics;
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
        if (oversized instanceof FullHttpMessage partial) {
            // A body of unknown length (chunked) grew past the limit; what has arrived tells the format.
            reject(ctx, "request body", partial.content());
        } else {
            // Content-Length alone was too large. Answer once the first bytes show which serialization
            // the client reads (both arrive as application/octet-stream).
            declaredLengthAwaitingBody = Math.max(0, HttpUtil.getContentLength(oversized, 0L));
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (declaredLengthAwaitingBody >= 0 && msg instanceof HttpContent content
                && (content.content().isReadable() || msg instanceof LastHttpContent)) {
            String what = "request body of " + declaredLengthAwaitingBody + " bytes";
            declaredLengthAwaitingBody = -1;
            reject(ctx, what, content.content());
        }
        // The aggregator drops the content of a rejected request until the next request starts.
        super.channelRead(ctx, msg);
    }

    private void reject(ChannelHandlerContext ctx, String what, ByteBuf firstBytes) {
        WireFormat format = WireFormat.sniff(ByteBufUtil.getBytes(firstBytes, firstBytes.readerIndex(),
                Math.min(SNIFF_BYTES, firstBytes.readableBytes())));
        Reply reply = Reply.error(JunctionSqlState.REQUEST_TOO_LARGE, what + " exceeds server.max-request-size of "
                + maxContentLength() + " bytes; use a smaller batch or raise the limit", format, Outcome.TOO_LARGE);
        metrics.replied(reply);
        ctx.writeAndFlush(HttpReplies.toNetty(reply));
    }
}
