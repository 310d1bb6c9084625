package io.junction.server.admin;

/**
 * One admin operation, registered with {@link AdminHttpServer#register}. It runs on the admin
 * executor, never on an event loop, so it may block briefly (a scrape, a look at the pools).
 */
@FunctionalInterface
public interface AdminRoute {
    /** An exception becomes a 500 whose body says to read the server log; the log gets the details. */
    AdminResponse handle(AdminRequest request) throws Exception;
}
