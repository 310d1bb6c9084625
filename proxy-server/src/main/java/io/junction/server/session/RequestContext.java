package io.junction.server.session;

import io.junction.server.auth.AuthenticatedUser;
import io.junction.server.error.GatewayException;
import io.junction.server.error.JunctionSqlState;

import java.util.function.Supplier;

/**
 * The authenticated user of the request a worker thread is serving. Avatica's handlers call
 * {@code Meta} without a context argument, so the dispatcher puts the user here for the duration
 * of one request.
 */
public final class RequestContext {
    private static final ThreadLocal<AuthenticatedUser> CURRENT = new ThreadLocal<>();

    private RequestContext() {
    }

    public static <T> T callAs(AuthenticatedUser user, Supplier<T> work) {
        AuthenticatedUser previous = CURRENT.get();
        CURRENT.set(user);
        try {
            return work.get();
        } finally {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        }
    }

    static AuthenticatedUser currentUser() {
        AuthenticatedUser user = CURRENT.get();
        if (user == null) {
            // Only a wiring bug gets here: every request passes through the dispatcher.
            throw GatewayException.of(JunctionSqlState.INTERNAL_ERROR, "Request served without an authenticated user");
        }
        return user;
    }
}
