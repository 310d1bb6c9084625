package io.junction.server.transport;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A bound Netty server socket and the event loops behind it, for the client and the admin endpoints:
 * a bind failure names the config keys to change, and stopping is bounded so a stuck loop cannot
 * hold up a shutdown.
 */
public final class NettyListener {
    private static final long STOP_SECONDS = 5;

    private final List<EventLoopGroup> loops;
    private final Channel channel;

    private NettyListener(List<EventLoopGroup> loops, Channel channel) {
        this.loops = loops;
        this.channel = channel;
    }

    /**
     * Binds {@code host:port} with a bootstrap running on {@code loops}; when that fails, the loops
     * are stopped and the error names {@code keys}, the settings that chose the address.
     */
    public static NettyListener bind(ServerBootstrap bootstrap, List<EventLoopGroup> loops, String host, int port,
                                     String keys) throws IOException {
        try {
            return new NettyListener(loops, bootstrap.bind(host, port).sync().channel());
        } catch (Exception e) {
            stop(loops);
            throw new IOException("cannot listen on " + host + ":" + port + " (" + keys + "): " + e.getMessage(), e);
        }
    }

    /** The bound port; differs from the configured one when that was 0. */
    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    /** Closes the server socket: no new connections; those open stay until their owner closes them. */
    public void stopAccepting() {
        channel.close().syncUninterruptibly();
    }

    /** Stops the event loops, waiting at most a few seconds for each. */
    public void stopEventLoops() {
        stop(loops);
    }

    private static void stop(List<EventLoopGroup> loops) {
        for (EventLoopGroup loop : loops) {
            loop.shutdownGracefully(0, STOP_SECONDS, TimeUnit.SECONDS).awaitUninterruptibly(STOP_SECONDS, TimeUnit.SECONDS);
        }
    }
}
