package io.junction.server.multiplex;

import io.junction.server.config.ServerSettings;
import io.junction.server.config.SessionSettings;
import io.junction.server.config.SourceSettings;
import io.junction.server.config.UpstreamSettings;
import io.junction.server.testing.TestGateway;
import io.junction.server.testing.Upstreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.junction.server.multiplex.Sql.run;
import static io.junction.server.multiplex.Sql.text;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A session that puts its tracked parameters back to their defaults ({@code RESET ALL}, {@code RESET x},
 * {@code SET x TO DEFAULT}, MariaDB {@code SET x = DEFAULT}) carries no state any more: on a pool of one
 * connection shared with another session, no lease needs a replay or a reset afterwards
 * ({@code junction_sessions_state_replays_total} and {@code junction_sessions_resets_total} stay put), and
 * both sessions see the defaults. A reset inside a PostgreSQL transaction is undone by its rollback.
 */
class StateResetTest {
    private static final Pattern REPLAYS = Pattern.compile("(?m)^junction_sessions_state_replays_total (\\S+)$");
    private static final Pattern RESETS =
            Pattern.compile("(?m)^junction_sessions_resets_total\\{outcome=\"clean\"} (\\S+)$");

    private static TestGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        Map<String, SourceSettings> sources = new LinkedHashMap<>();
        sources.put("pg", TestGateway.source("pg", Upstreams.postgres(), PostgresSessionStateTest.pool(1), Map.of()));
        sources.put("maria", TestGateway.source("maria", Upstreams.mariadb(), PostgresSessionStateTest.pool(1),
                Map.of()));
        gateway = TestGateway.startWith(sources, ServerSettings.defaults().withPort(0), SessionSettings.defaults(),
                UpstreamSettings.defaults());
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void postgresResetAll_leavesNothingToReplay() throws Exception {
        assertBackToDefaults("pg", "SHOW TimeZone", "SET TimeZone = 'Pacific/Chatham'", "RESET ALL");
    }

    @Test
    void postgresResetOne_andSetToDefault_leaveNothingToReplay() throws Exception {
        assertBackToDefaults("pg", "SHOW TimeZone", "SET TimeZone = 'Pacific/Chatham'", "RESET TimeZone");
        assertBackToDefaults("pg", "SHOW statement_timeout", "SET statement_timeout = '7s'",
                "SET statement_timeout TO DEFAULT");
    }

    @Test
    void mariadbSetToDefault_leavesNothingToReplay() throws Exception {
        assertBackToDefaults("maria", "SELECT @@session.time_zone", "SET time_zone = '+05:00'",
                "SET SESSION time_zone = DEFAULT");
    }

    @Test
    void postgresResetInsideARolledBackTransaction_isUndone() throws Exception {
        try (Connection a = gateway.connect("pg"); Connection b = gateway.connect("pg")) {
            String clean = text(b, "SHOW TimeZone");
            run(a, "SET TimeZone = 'Pacific/Chatham'");
            a.setAutoCommit(false);
            run(a, "RESET TimeZone");
            assertThat(text(a, "SHOW TimeZone")).isEqualTo(clean);
            a.rollback();
            a.setAutoCommit(true);

            assertThat(text(b, "SHOW TimeZone")).isEqualTo(clean);
            assertThat(text(a, "SHOW TimeZone")).isEqualTo("Pacific/Chatham");
        }
    }

    /**
     * Session a sets a parameter, session b then uses the only connection (which resets it), a restores the
     * default; from then on neither session's lease replays or resets anything, and both see the default.
     */
    private static void assertBackToDefaults(String source, String probe, String set, String restore)
            throws Exception {
        try (Connection a = gateway.connect(source); Connection b = gateway.connect(source)) {
            String clean = text(b, probe);
            run(a, set);
            assertThat(text(a, probe)).isNotEqualTo(clean);
            assertThat(text(b, probe)).isEqualTo(clean);
            run(a, restore);
            assertThat(text(a, probe)).isEqualTo(clean);
            double replays = figure(REPLAYS);
            double resets = figure(RESETS);

            for (int i = 0; i < 3; i++) {
                assertThat(text(a, probe)).isEqualTo(clean);
                assertThat(text(b, probe)).isEqualTo(clean);
            }

            assertThat(figure(REPLAYS)).as("state replays after the restore").isEqualTo(replays);
            assertThat(figure(RESETS)).as("connection resets after the restore").isEqualTo(resets);
        }
    }

    private static double figure(Pattern metric) throws Exception {
        Matcher found = metric.matcher(Sql.adminGet(gateway.adminPort(), "/metrics"));
        assertThat(found.find()).as("metric %s on /metrics", metric).isTrue();
        return Double.parseDouble(found.group(1));
    }
}
