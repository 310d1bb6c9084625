package io.junction.server.compatibility;

import io.junction.server.testing.TestGateway;
import io.junction.server.testing.Upstream;
import io.junction.server.testing.Upstreams;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

/**
 * The two ways every compatibility test reaches a database: directly with the vendor's driver, and through a
 * real Junction gateway with the Junction driver. One gateway serves both upstreams for the whole suite.
 */
final class Databases {
    /** Source names, which are also the upstream kinds the tests are parameterized with. */
    static final String POSTGRESQL = "pg";
    static final String MARIADB = "mariadb";

    private static TestGateway gateway;

    private Databases() {
    }

    static synchronized TestGateway gateway() throws Exception {
        if (gateway == null) {
            gateway = TestGateway.start(Map.of(POSTGRESQL, Upstreams.postgres(), MARIADB, Upstreams.mariadb()));
            Runtime.getRuntime().addShutdownHook(new Thread(gateway::close));
        }
        return gateway;
    }

    static Upstream upstream(String kind) {
        return kind.equals(POSTGRESQL) ? Upstreams.postgres() : Upstreams.mariadb();
    }

    static Connection direct(String kind) throws SQLException {
        return upstream(kind).connect();
    }

    static Connection junction(String kind) throws Exception {
        return gateway().connect(kind);
    }

    /** Either connection, by whether it goes through Junction. */
    static Connection connect(String kind, boolean throughJunction) throws Exception {
        return throughJunction ? junction(kind) : direct(kind);
    }
}
