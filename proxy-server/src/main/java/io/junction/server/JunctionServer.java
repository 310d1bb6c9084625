package io.junction.server;

import io.junction.server.config.JunctionConfig;

/**
 * PLACEHOLDER from the config branch, so that {@link JunctionMain} compiles: the lead's class of the
 * same name and API replaces this file. It starts nothing.
 */
public final class JunctionServer implements AutoCloseable {
    private JunctionServer() {
    }

    public static JunctionServer start(JunctionConfig config) throws Exception {
        throw new UnsupportedOperationException("this build has only the placeholder JunctionServer; "
                + "the gateway itself is merged from the lead's branch");
    }

    public int port() {
        throw new UnsupportedOperationException("placeholder");
    }

    public int adminPort() {
        throw new UnsupportedOperationException("placeholder");
    }

    public void awaitTermination() throws InterruptedException {
        throw new UnsupportedOperationException("placeholder");
    }

    @Override
    public void close() {
        throw new UnsupportedOperationException("placeholder");
    }
}
