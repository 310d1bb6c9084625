package io.junction.server.multiplex;

import io.junction.server.config.ServerSettings;
import io.junction.server.config.SessionSettings;
import io.junction.server.config.SourceSettings;
import io.junction.server.config.UpstreamSettings;
import io.junction.server.testing.TestGateway;
import io.junction.server.testing.Upstream;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A session-state scenario run on a direct connection and through Junction, where a second session sharing
 * the same pool of one connection checks, at the scenario's chosen points, that it never sees the first
 * session's state.
 */
final class SharedPoolScenario {
    /** The scenario's observations, calling {@code other} wherever its session holds no connection. */
    @FunctionalInterface
    interface Scenario {
        List<String> run(Connection connection, OtherSession other) throws SQLException;
    }

    /** A check on the other session. */
    @FunctionalInterface
    interface OtherSession {
        void check() throws SQLException;
    }

    /** The session state the other session must keep seeing as it was, as text. */
    @FunctionalInterface
    interface Probe {
        String read(Connection connection) throws SQLException;
    }

    private SharedPoolScenario() {
    }

    /** A gateway with one source per upstream, each on a pool of one connection, so sessions must share it. */
    static TestGateway gatewayOnPoolsOfOne(Map<String, Upstream> upstreams) throws Exception {
        Map<String, SourceSettings> sources = new LinkedHashMap<>();
        upstreams.forEach((name, upstream) ->
                sources.put(name, TestGateway.source(name, upstream, PostgresSessionStateTest.pool(1), Map.of())));
        return TestGateway.startWith(sources, ServerSettings.defaults().withPort(0), SessionSettings.defaults(),
                UpstreamSettings.defaults());
    }

    /**
     * Runs {@code scenario} directly on {@code upstream} and through {@code source} of {@code gateway}, asserts
     * both observed the same, and returns the direct observations.
     */
    static List<String> sameAsDirect(Upstream upstream, TestGateway gateway, String source, Scenario scenario,
                                     Probe probe) throws Exception {
        List<String> direct;
        try (Connection connection = upstream.connect()) {
            direct = scenario.run(connection, () -> { });
        }
        List<String> through;
        try (Connection connection = gateway.connect(source); Connection other = gateway.connect(source)) {
            String clean = probe.read(other);
            through = scenario.run(connection, () -> assertThat(probe.read(other)).isEqualTo(clean));
        }
        assertThat(through).isEqualTo(direct);
        return direct;
    }
}
