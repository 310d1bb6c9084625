package io.junction.bench;

/** A run that could not start: a client thread failed to open its session. */
public final class LoadFailedException extends Exception {
    LoadFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
