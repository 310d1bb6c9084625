package io.junction.server.transport;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * The Netty socket transport: native epoll where its library loads (Linux x86-64), NIO everywhere
 * else. Both behave the same to the handlers; epoll only saves system calls and garbage.
 */
public enum EventLoopTransport {
    EPOLL,
    NIO;

    /** Epoll when this JVM can load it, otherwise NIO. */
    public static EventLoopTransport best() {
        return Epoll.isAvailable() ? EPOLL : NIO;
    }

    /**
     * @param threads event loop threads, 0 for Netty's default (twice the cores)
     * @param name    thread name prefix, shown in thread dumps
     */
    public EventLoopGroup newGroup(int threads, String name) {
        DefaultThreadFactory threadFactory = new DefaultThreadFactory(name);
        return this == EPOLL ? new EpollEventLoopGroup(threads, threadFactory)
                : new NioEventLoopGroup(threads, threadFactory);
    }

    public Class<? extends ServerChannel> serverChannelClass() {
        return this == EPOLL ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }
}
