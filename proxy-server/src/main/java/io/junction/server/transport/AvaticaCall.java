package io.junction.server.transport;

import io.junction.server.auth.AuthenticatedUser;
import io.junction.server.auth.Authenticator;
import io.junction.server.error.JunctionSqlState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Objects;
import java.util.Optional;

/**
 * The part of a request that runs on a worker thread: checking the credentials (a password hash is
 * slow on purpose) and handing the body to the endpoint (which runs JDBC).
 */
final class AvaticaCall {
    private static final Logger LOG = LoggerFactory.getLogger(AvaticaCall.class);

    private final Authenticator authenticator;
    private final AvaticaEndpoint endpoint;
    private final TransportMetrics metrics;

    AvaticaCall(Authenticator authenticator, AvaticaEndpoint endpoint, TransportMetrics metrics) {
        this.authenticator = Objects.requireNonNull(authenticator, "authenticator is null");
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint is null");
        this.metrics = Objects.requireNonNull(metrics, "metrics is null");
    }

    Reply run(BasicCredentials credentials, String path, byte[] body, WireFormat format) {
        try (credentials) {
            Optional<AuthenticatedUser> user = authenticator.authenticate(credentials.user(), credentials.password());
            if (user.isEmpty()) {
                metrics.authenticationFailed();
                return HttpReplies.unauthorized();
            }
            AvaticaEndpoint.EndpointResponse response = endpoint.handle(user.get(), path, body, format);
            return Reply.avatica(response.status(), response.body(), format)
                    .withConnectionProperties(response.connectionProperties());
        } catch (RuntimeException e) {
            // The endpoint turns every expected failure into an ErrorResponse; reaching here is a bug.
            LOG.error("Request of user {} failed inside Junction", credentials.user(), e);
            return Reply.error(JunctionSqlState.INTERNAL_ERROR, "internal error in the Junction server ("
                    + e.getClass().getSimpleName() + "); the server log has the details", format, Outcome.ERROR);
        }
    }
}
