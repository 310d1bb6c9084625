package io.junction.server.admin;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Finds the route of each admin request on the event loop and runs it on the admin executor; reads
 * pause until the answer is flushed, so answers leave in request order.
 */
@ChannelHandler.Sharable
final class AdminRequestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger LOG = LoggerFactory.getLogger(AdminRequestHandler.class);

    private final AdminRoutes routes;
    private final Executor executor;

    AdminRequestHandler(AdminRoutes routes, Executor executor) {
        this.routes = Objects.requireNonNull(routes, "routes is null");
        this.executor = Objects.requireNonNull(executor, "executor is null");
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        Channel channel = ctx.channel();
        if (request.decoderResult().isFailure()) {
            reply(channel, AdminResponse.text(400, "malformed HTTP request"), true);
            return;
        }
        QueryStringDecoder uri = new QueryStringDecoder(request.uri());
        Optional<Map<String, AdminRoute>> methods = routes.methodsOf(uri.path());
        if (methods.isEmpty()) {
            reply(channel, AdminResponse.text(404, "no admin resource at " + uri.path()), false);
            return;
        }
        String method = request.method().name();
        AdminRoute route = methods.get().get(method);
        if (route == null) {
            reply(channel, AdminResponse.text(405, method + " not allowed on " + uri.path() + "; use "
                    + AdminRoutes.allowedMethods(methods.get())), false);
            return;
        }
        if (!method.equals("GET") && crossSite(request)) {
            reply(channel, AdminResponse.text(403, "cross-site " + method + " refused: admin operations that change "
                    + "the gateway are taken from the console's own page or from tools such as curl"), false);
            return;
        }
        AdminRequest adminRequest = new AdminRequest(method, uri.path(), uri.parameters(),
                ByteBufUtil.getBytes(request.content()));
        channel.config().setAutoRead(false);
        try {
            executor.execute(() -> reply(channel, run(route, adminRequest), false));
        } catch (RejectedExecutionException busy) {
            reply(channel, AdminResponse.text(503, "admin endpoint busy; retry shortly"), false);
        }
    }

    /**
     * A browser sends {@code Origin} with every cross-origin POST, and any page the operator has open
     * could send one to a loopback admin port: such a request must not tune pools or flush caches.
     * Tools (curl, scripts) send no {@code Origin}; the console's own page sends its own.
     */
    private static boolean crossSite(FullHttpRequest request) {
        String origin = request.headers().get(HttpHeaderNames.ORIGIN);
        if (origin == null) {
            return false;
        }
        String host = request.headers().get(HttpHeaderNames.HOST);
        return host == null || !(origin.equals("http://" + host) || origin.equals("https://" + host));
    }

    private static AdminResponse run(AdminRoute route, AdminRequest request) {
        try {
            return route.handle(request);
        } catch (Exception e) {
            LOG.error("Admin request {} {} failed", request.method(), request.path(), e);
            return AdminResponse.text(500, "admin request failed (" + e.getClass().getSimpleName()
                    + "); the server log has the details");
        }
    }

    private static void reply(Channel channel, AdminResponse response, boolean closeAfter) {
        FullHttpResponse http = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(response.status()), Unpooled.wrappedBuffer(response.body()));
        http.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, response.contentType())
                .setInt(HttpHeaderNames.CONTENT_LENGTH, response.body().length);
        if (closeAfter) {
            // HttpServerKeepAliveHandler closes the channel after writing a response marked so.
            http.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        channel.writeAndFlush(http).addListener(written -> {
            if (written.isSuccess()) {
                channel.config().setAutoRead(true);
            } else {
                LOG.debug("Could not answer admin client {}: {}", channel.remoteAddress(), written.cause().toString());
                channel.close();
            }
        });
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException) {
            LOG.debug("Admin connection {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        } else {
            LOG.warn("Closing admin connection {} after an unexpected error", ctx.channel().remoteAddress(), cause);
        }
        ctx.close();
    }
}
