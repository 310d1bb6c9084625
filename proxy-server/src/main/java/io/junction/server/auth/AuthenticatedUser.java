package io.junction.server.auth;

import java.util.Objects;
import java.util.Set;

/**
 * A user whose credentials the transport has checked, and the sources it was granted.
 * Every connection and statement is bound to the user that created it (DESIGN.md decision 2).
 */
public record AuthenticatedUser(String name, Set<String> grantedSources) {
    public AuthenticatedUser {
        Objects.requireNonNull(name, "name is null");
        grantedSources = Set.copyOf(grantedSources);
    }

    public boolean mayUse(String source) {
        return grantedSources.contains(source);
    }
}
