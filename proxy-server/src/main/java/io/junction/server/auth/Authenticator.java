package io.junction.server.auth;

import java.util.Optional;

/** Checks a user name and password; the transport calls it for each request's credentials. */
public interface Authenticator {
    /**
     * @return the user, or empty when the name is unknown or the password wrong (callers must not
     *     tell the two apart to the client)
     */
    Optional<AuthenticatedUser> authenticate(String name, char[] password);
}
