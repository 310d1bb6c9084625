package io.junction.server.transport;

import io.junction.server.auth.AuthenticatedUser;
import io.junction.server.auth.Authenticator;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/** Knows one user, {@code alice}, whose password is {@code s3cret:ü} (a colon and non-ASCII on purpose). */
final class FakeAuthenticator implements Authenticator {
    static final String USER = "alice";
    static final String PASSWORD = "s3cret:ü";
    static final Set<String> SOURCES = Set.of("pg");

    @Override
    public Optional<AuthenticatedUser> authenticate(String name, char[] password) {
        if (USER.equals(name) && Arrays.equals(PASSWORD.toCharArray(), password)) {
            return Optional.of(new AuthenticatedUser(name, SOURCES));
        }
        return Optional.empty();
    }
}
