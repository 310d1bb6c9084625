package io.junction.server.session;

import io.junction.server.auth.AuthenticatedUser;
import io.junction.server.transport.AvaticaEndpoint;
import io.junction.server.transport.WireFormat;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.calcite.avatica.metrics.noop.NoopMetricsSystem;
import org.apache.calcite.avatica.remote.Handler.HandlerResponse;
import org.apache.calcite.avatica.remote.JsonHandler;
import org.apache.calcite.avatica.remote.JsonService;
import org.apache.calcite.avatica.remote.LocalService;
import org.apache.calcite.avatica.remote.ProtobufHandler;
import org.apache.calcite.avatica.remote.ProtobufTranslation;
import org.apache.calcite.avatica.remote.ProtobufTranslationImpl;
import org.apache.calcite.avatica.remote.Service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The bridge from the HTTP transport to {@link GatewayMeta}: decodes a request in either
 * serialization with Avatica's own handlers, runs it as the authenticated user, and encodes the
 * response — or a clean error response.
 */
public final class AvaticaDispatcher implements AvaticaEndpoint {
    private static final int HTTP_INTERNAL_ERROR = 500;

    private final ProtobufHandler protobuf;
    private final JsonHandler json;
    private final ProtocolExtensions extensions;

    public AvaticaDispatcher(GatewayMeta meta, MeterRegistry registry) {
        Service service = MeteredService.wrap(new LocalService(meta), registry);
        ClientErrors errors = new ClientErrors(registry);
        this.extensions = new ProtocolExtensions(meta, errors);
        ProtobufTranslation translation = new ProtobufTranslationImpl();
        this.protobuf = new ProtobufHandler(service, translation, NoopMetricsSystem.getInstance()) {
            @Override
            public HandlerResponse<byte[]> convertToErrorResponse(Exception e) {
                try {
                    return new HandlerResponse<>(translation.serializeResponse(errors.toResponse(e)), HTTP_INTERNAL_ERROR);
                } catch (IOException io) {
                    throw new UncheckedIOException(io);
                }
            }
        };
        this.json = new JsonHandler(service, NoopMetricsSystem.getInstance()) {
            @Override
            public HandlerResponse<String> convertToErrorResponse(Exception e) {
                try {
                    return new HandlerResponse<>(JsonService.MAPPER.writeValueAsString(errors.toResponse(e)),
                            HTTP_INTERNAL_ERROR);
                } catch (IOException io) {
                    throw new UncheckedIOException(io);
                }
            }
        };
    }

    @Override
    public EndpointResponse handle(AuthenticatedUser user, String path, byte[] body, WireFormat format) {
        return RequestContext.callAs(user, () -> {
            if (path.startsWith(ProtocolExtensions.PATH_PREFIX)) {
                return extensions.handle(path, body);
            }
            if (format == WireFormat.JSON) {
                HandlerResponse<String> response = json.apply(new String(body, StandardCharsets.UTF_8));
                return new EndpointResponse(response.getStatusCode(),
                        response.getResponse().getBytes(StandardCharsets.UTF_8), RequestContext.changedConnectionProperties());
            }
            HandlerResponse<byte[]> response = protobuf.apply(body);
            return new EndpointResponse(response.getStatusCode(), response.getResponse(),
                    RequestContext.changedConnectionProperties());
        });
    }
}
