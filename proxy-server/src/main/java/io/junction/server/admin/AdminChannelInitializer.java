package io.junction.server.admin;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.group.ChannelGroup;
import io.netty.handler.codec.compression.StandardCompressionOptions;
import io.netty.handler.codec.http.HttpContentCompressor;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.flow.FlowControlHandler;

/** The pipeline of one admin connection. Limits are fixed: operators' tools send small requests. */
final class AdminChannelInitializer extends ChannelInitializer<Channel> {
    private static final int MAX_HEADER_BYTES = 8 * 1024;
    private static final int MAX_BODY_BYTES = 64 * 1024;
    /** A scrape is tens of kilobytes of text and compresses tenfold; tiny JSON answers are not worth it. */
    private static final int COMPRESSION_THRESHOLD_BYTES = 1024;

    private final ChannelGroup openChannels;
    private final AdminRequestHandler handler;

    AdminChannelInitializer(ChannelGroup openChannels, AdminRequestHandler handler) {
        this.openChannels = openChannels;
        this.handler = handler;
    }

    @Override
    protected void initChannel(Channel channel) {
        openChannels.add(channel);
        channel.pipeline()
                .addLast("http", new HttpServerCodec(MAX_HEADER_BYTES, MAX_HEADER_BYTES, 8192))
                .addLast("keep-alive", new HttpServerKeepAliveHandler())
                .addLast("compress", new HttpContentCompressor(COMPRESSION_THRESHOLD_BYTES,
                        StandardCompressionOptions.gzip(), StandardCompressionOptions.deflate()))
                .addLast("aggregate", new HttpObjectAggregator(MAX_BODY_BYTES))
                .addLast("one-at-a-time", new FlowControlHandler())
                .addLast("admin", handler);
    }
}
