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
    /** The session's connection properties, when SQL in this request changed them (for the response header). */
    private static final ThreadLocal<String> CHANGED_PROPERTIES = new ThreadLocal<>();

    private RequestContext() {
    }

    public static <T> T callAs(AuthenticatedUser user, Supplier<T> work) {
        AuthenticatedUser previous = CURRENT.get();
        CURRENT.set(user);
        try {
            return work.get();
        } finally {
            CHANGED_PROPERTIES.remove();
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        }
    }

    /** Records that SQL in this request changed the session's connection properties to {@code encoded}. */
    static void connectionPropertiesChanged(String encoded) {
        CHANGED_PROPERTIES.set(encoded);
    }

    /** The connection properties SQL in this request changed, encoded, or null. */
    static String changedConnectionProperties() {
        return CHANGED_PROPERTIES.get();
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
