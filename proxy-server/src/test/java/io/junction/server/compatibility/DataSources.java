package io.junction.server.compatibility;

import io.junction.server.testing.TestGateway;
import io.junction.server.testing.Upstream;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import javax.sql.DataSource;

/** DataSources for the frameworks: a new physical (or Junction) connection per {@code getConnection}. */
final class DataSources {
    private DataSources() {
    }

    static DataSource of(String kind, boolean throughJunction) throws Exception {
        if (throughJunction) {
            return new DriverManagerDataSource(Databases.gateway().url(kind), TestGateway.USER, TestGateway.PASSWORD);
        }
        Upstream upstream = Databases.upstream(kind);
        return new DriverManagerDataSource(upstream.url(), upstream.user(), upstream.password());
    }
}
