package io.junction.server.multiplex;

import io.junction.server.config.PoolSettings;
import io.junction.server.config.ServerSettings;
import io.junction.server.config.SessionSettings;
import io.junction.server.config.SourceSettings;
import io.junction.server.config.UpstreamSettings;
import io.junction.server.testing.TestGateway;
import io.junction.server.testing.Upstream;
import io.junction.server.testing.Upstreams;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static io.junction.server.multiplex.Sql.run;
import static io.junction.server.multiplex.Sql.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A client that disappears mid-transaction: its session expires, nothing commits, the connection comes back clean. */
class VanishingClientTest {
    @Test
    void abandonedSessionMidTransaction_isRolledBackAndItsPinnedConnectionReset() throws Exception {
        Upstream pg = Upstreams.postgres();
        pg.execute("DROP TABLE IF EXISTS j4_vanish", "CREATE TABLE j4_vanish (x int)");
        String application = "j4-vanish-" + UUID.randomUUID();
        Map<String, SourceSettings> sources = Map.of("pg", TestGateway.source("pg", pg,
                new PoolSettings(1, Duration.ofSeconds(5), Duration.ofMinutes(10), Duration.ofMinutes(30)),
                Map.of("ApplicationName", application)));
        try (TestGateway gateway = TestGateway.startWith(sources, ServerSettings.defaults().withPort(0),
                new SessionSettings(Duration.ofMillis(800)), UpstreamSettings.defaults())) {
            Connection abandoned = gateway.connect("pg");
            abandoned.setAutoCommit(false);
            run(abandoned, "CREATE TEMP TABLE j4_vanish_tmp (x int)");
            run(abandoned, "INSERT INTO j4_vanish VALUES (1)");
            assertThat(Sql.adminGet(gateway.adminPort(), "/sessions")).contains("\"inTransaction\":true");

            // The client sends nothing more, as if killed: the session must expire on its own.
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (!Sql.adminGet(gateway.adminPort(), "/sessions").equals("[]") && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(Sql.adminGet(gateway.adminPort(), "/sessions")).isEqualTo("[]");

            try (Connection direct = pg.connect()) {
                assertThat(text(direct, "SELECT count(*) FROM j4_vanish")).isEqualTo("0");
                assertThat(text(direct, "SELECT count(*) FROM pg_stat_activity WHERE application_name = '"
                        + application + "' AND state <> 'idle'")).isEqualTo("0");
            }
            // The pool's only connection is reset: no temporary table, no transaction.
            try (Connection next = gateway.connect("pg")) {
                assertThat(text(next, "SELECT coalesce(to_regclass('pg_temp.j4_vanish_tmp')::text, 'none')"))
                        .isEqualTo("none");
                assertThat(text(next, "SELECT count(*) FROM j4_vanish")).isEqualTo("0");
            }
            assertThatThrownBy(() -> text(abandoned, "SELECT 1")).isInstanceOf(SQLException.class);
        }
    }
}
