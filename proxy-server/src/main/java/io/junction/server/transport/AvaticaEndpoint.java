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

    /**
     * An encoded Avatica response and the HTTP status the Avatica client expects with it.
     *
     * @param connectionProperties the session's connection properties when SQL in this request changed them
     *     (MariaDB {@code USE}, {@code SET autocommit}, PostgreSQL {@code SET search_path}), encoded for the
     *     {@value #CONNECTION_PROPERTIES_HEADER} response header; null otherwise
     */
    record EndpointResponse(int status, byte[] body, String connectionProperties) {
        public EndpointResponse(int status, byte[] body) {
            this(status, body, null);
        }
    }

    /**
     * The response header that tells the Junction driver the connection's autocommit, catalog and schema after
     * SQL changed them, so that {@code getAutoCommit()}, {@code getCatalog()} and {@code getSchema()} answer as
     * a direct connection would. Stock Avatica clients ignore it.
     */
    String CONNECTION_PROPERTIES_HEADER = "Junction-Connection-Properties";
}
