package io.junction.server.transport;

import io.junction.server.auth.AuthenticatedUser;

/**
 * What the HTTP transport hands an authenticated request body to. Implementations block (they run
 * JDBC), so the transport calls them only from its worker executor, never from an event loop.
 */
public interface AvaticaEndpoint {
    /**
     * @param user   who sent the request, already authenticated
     * @param path   the request path: {@code /} for Avatica, {@code /junction/...} for Junction's
     *               protocol extensions
     * @param body   the raw request body
     * @param format the serialization of the body (the response uses the same)
     * @return the HTTP status (200, or 500 carrying a serialized ErrorResponse) and body
     */
    EndpointResponse handle(AuthenticatedUser user, String path, byte[] body, WireFormat format);

    /** An encoded Avatica response and the HTTP status the Avatica client expects with it. */
    record EndpointResponse(int status, byte[] body) {
    }
}
