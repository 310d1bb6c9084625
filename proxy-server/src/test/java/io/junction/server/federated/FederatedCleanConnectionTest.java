package io.junction.server.federated;

import io.junction.server.config.PoolSettings;
import io.junction.server.config.ServerSettings;
import io.junction.server.config.SessionSettings;
import io.junction.server.config.UpstreamSettings;
import io.junction.server.testing.TestGateway;
import io.junction.server.testing.Upstream;
import io.junction.server.testing.Upstreams;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A federated read never runs under another session's tracked settings: on a pool of one, the
 * connection a passthrough session left carrying its search_path is reset before federation uses it.
 */
class FederatedCleanConnectionTest {

    @Test
    void federatedReadDoesNotInheritAnotherSessionsSearchPath() throws Exception {
        Upstream pg = Upstreams.postgres();
        pg.execute("CREATE SCHEMA IF NOT EXISTS j6c_elsewhere",
                "DROP TABLE IF EXISTS public.j6c_probe", "CREATE TABLE public.j6c_probe (id int)",
                "INSERT INTO public.j6c_probe VALUES (1)");
        PoolSettings poolOfOne = new PoolSettings(1, Duration.ofSeconds(10), Duration.ofMinutes(10),
                Duration.ofMinutes(30));
        try (TestGateway gateway = TestGateway.startWith(
                Map.of("pg", TestGateway.source("pg", pg, poolOfOne, Map.of())),
                ServerSettings.defaults().withPort(0), SessionSettings.defaults(), UpstreamSettings.defaults())) {
            String defaultPath;
            try (Connection direct = pg.connect(); Statement statement = direct.createStatement();
                 ResultSet rs = statement.executeQuery("SELECT current_setting('search_path')")) {
                rs.next();
                defaultPath = rs.getString(1);
            }
            try (Connection passthrough = gateway.connect("pg")) {
                try (Statement statement = passthrough.createStatement()) {
                    statement.execute("SET search_path TO j6c_elsewhere");
                }
                try (Connection federated = gateway.connect("");
                     Statement statement = federated.createStatement();
                     ResultSet rs = statement.executeQuery(
                             "SELECT current_setting('search_path') AS sp FROM pg.public.j6c_probe")) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).isEqualTo(defaultPath);
                }
                try (Statement statement = passthrough.createStatement();
                     ResultSet rs = statement.executeQuery("SELECT current_setting('search_path')")) {
                    rs.next();
                    assertThat(rs.getString(1)).isEqualTo("j6c_elsewhere");
                }
            }
        }
    }
}
