package io.junction.server.transport;

import java.util.Locale;

/** How one HTTP request ended; the {@code outcome} tag of {@code junction.http.requests}. */
enum Outcome {
    /** The endpoint answered 200. */
    OK,
    /** The endpoint answered with an error response, or failed. */
    ERROR,
    /** Credentials were missing or wrong. */
    UNAUTHORIZED,
    /** The worker queue was full, or the server was shutting down. */
    REJECTED,
    /** The body or the headers exceeded their limit. */
    TOO_LARGE,
    /** Not a request Avatica sends: wrong method, content type, or broken HTTP. */
    BAD_REQUEST;

    String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
