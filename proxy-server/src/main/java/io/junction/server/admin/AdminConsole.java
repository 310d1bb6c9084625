package io.junction.server.admin;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The operator's page at {@code GET /} of the admin port: pools (with tuning), sessions, the result
 * cache (figures, explain, flush) and config reload, all drawn from the admin API's own routes so
 * the page shows nothing a script could not read.
 */
public final class AdminConsole {
    private static final String PAGE = "console.html";
    private static final String HTML = "text/html; charset=utf-8";

    private AdminConsole() {
    }

    public static void register(AdminHttpServer admin) {
        byte[] page = load();
        admin.register("GET", "/", request -> new AdminResponse(200, HTML, page));
    }

    private static byte[] load() {
        try (InputStream in = AdminConsole.class.getResourceAsStream(PAGE)) {
            if (in == null) {
                throw new IllegalStateException(PAGE + " is missing from the server jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + PAGE + " from the server jar", e);
        }
    }
}
