package io.junction.server.transport;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.group.ChannelGroup;
import io.netty.handler.codec.compression.StandardCompressionOptions;
import io.netty.handler.codec.http.HttpContentCompressor;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.flow.FlowControlHandler;

/** The pipeline of one client connection, from bytes to {@link AvaticaRequestHandler}. */
final class AvaticaChannelInitializer extends ChannelInitializer<Channel> {
    /** Smaller responses go out as they are: gzip costs more than it saves on a few hundred bytes. */
    static final int COMPRESSION_THRESHOLD_BYTES = 1024;

    private final int maxHeaderBytes;
    private final int maxRequestBytes;
    private final ChannelGroup openChannels;
    private final TransportMetrics metrics;
    private final AvaticaRequestHandler requestHandler;

    AvaticaChannelInitializer(int maxHeaderBytes, int maxRequestBytes, ChannelGroup openChannels,
                              TransportMetrics metrics, AvaticaRequestHandler requestHandler) {
        this.maxHeaderBytes = maxHeaderBytes;
        this.maxRequestBytes = maxRequestBytes;
        this.openChannels = openChannels;
        this.metrics = metrics;
        this.requestHandler = requestHandler;
    }

    @Override
    protected void initChannel(Channel channel) {
        // Tracked so that shutdown can close every connection; a closed channel leaves the group by itself.
        openChannels.add(channel);
        metrics.connectionAccepted();
        channel.pipeline()
                .addLast("http", new HttpServerCodec(new HttpDecoderConfig()
                        .setMaxInitialLineLength(maxHeaderBytes)
                        .setMaxHeaderSize(maxHeaderBytes)))
                .addLast("keep-alive", new HttpServerKeepAliveHandler())
                .addLast("compress", new HttpContentCompressor(COMPRESSION_THRESHOLD_BYTES,
                        StandardCompressionOptions.gzip(), StandardCompressionOptions.deflate()))
                .addLast("aggregate", new BodyLimitAggregator(maxRequestBytes, metrics))
                // Holds back a pipelined next request while reads are paused for the current one.
                .addLast("one-at-a-time", new FlowControlHandler())
                .addLast("avatica", requestHandler);
    }
}
