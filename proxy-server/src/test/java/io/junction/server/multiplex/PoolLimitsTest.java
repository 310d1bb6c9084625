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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.junction.server.multiplex.Sql.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Pools under pressure: acquire timeout, the global connection cap, and thousands of configured sources. */
class PoolLimitsTest {
    private static final Pattern OPEN_POOLS = Pattern.compile("junction_upstream_pools (\\d+)");

    @Test
    void exhaustedPool_failsAfterItsAcquireTimeout_namingThePoolAndItsFigures() throws Exception {
        Map<String, SourceSettings> sources = Map.of("tiny", TestGateway.source("tiny", Upstreams.postgres(),
                new PoolSettings(1, Duration.ofSeconds(2), Duration.ofMinutes(10), Duration.ofMinutes(30)), Map.of()));
        try (TestGateway gateway = start(sources, UpstreamSettings.defaults());
             Connection holder = gateway.connect("tiny"); Connection waiter = gateway.connect("tiny")) {
            holder.setAutoCommit(false);
            text(holder, "SELECT 1");

            assertThatThrownBy(() -> text(waiter, "SELECT 1"))
                    .isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("53300"))
                    .hasMessageContaining("Source 'tiny': no upstream connection within 2000 ms "
                            + "(pool junction-tiny: active=1, idle=0, waiting=")
                    .hasMessageContaining("max=1)")
                    .hasMessageContaining("sources.tiny.pool.max-size");

            holder.commit();
            assertThat(text(waiter, "SELECT 1")).isEqualTo("1");
        }
    }

    @Test
    void globalCap_boundsAllPoolsTogether_andIdleConnectionsOfOtherPoolsYieldTheirPermits() throws Exception {
        Upstream pg = Upstreams.postgres();
        PoolSettings pool = new PoolSettings(2, Duration.ofSeconds(2), Duration.ofMinutes(10), Duration.ofMinutes(30));
        Map<String, SourceSettings> sources = new LinkedHashMap<>();
        sources.put("first", TestGateway.source("first", pg, pool, Map.of()));
        sources.put("second", TestGateway.source("second", pg, pool, Map.of()));
        try (TestGateway gateway = start(sources, new UpstreamSettings(2));
             Connection a = gateway.connect("first"); Connection b = gateway.connect("first");
             Connection c = gateway.connect("second")) {
            a.setAutoCommit(false);
            b.setAutoCommit(false);
            text(a, "SELECT 1");
            text(b, "SELECT 1");

            assertThatThrownBy(() -> text(c, "SELECT 1"))
                    .isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("53300"))
                    .hasMessageContaining("upstream.max-total-connections");

            a.commit();
            b.commit();
            // Both connections now sit idle in the first pool; the second pool gets one of their permits.
            assertThat(text(c, "SELECT 1")).isEqualTo("1");
            assertThat(text(a, "SELECT 2")).isEqualTo("2");
        }
    }

    @Test
    void twoThousandSources_openPoolsOnlyForThoseUsed_andCloseThemWhenIdle() throws Exception {
        Upstream pg = Upstreams.postgres();
        PoolSettings pool = new PoolSettings(2, Duration.ofSeconds(5), Duration.ofMillis(1500), Duration.ofMinutes(30));
        Map<String, SourceSettings> sources = new LinkedHashMap<>();
        for (int i = 0; i < 2000; i++) {
            sources.put("tenant" + i, TestGateway.source("tenant" + i, pg, pool, Map.of()));
        }
        try (TestGateway gateway = start(sources, UpstreamSettings.defaults())) {
            assertThat(openPools(gateway)).isZero();
            for (String used : new String[] {"tenant7", "tenant700", "tenant1999"}) {
                try (Connection connection = gateway.connect(used)) {
                    assertThat(text(connection, "SELECT 1")).isEqualTo("1");
                }
            }
            assertThat(openPools(gateway)).isEqualTo(3);

            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (openPools(gateway) > 0 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(openPools(gateway)).isZero();
            try (Connection connection = gateway.connect("tenant7")) {
                assertThat(text(connection, "SELECT 1")).isEqualTo("1");
            }
            assertThat(openPools(gateway)).isEqualTo(1);
        }
    }

    private static int openPools(TestGateway gateway) throws Exception {
        Matcher matcher = OPEN_POOLS.matcher(Sql.adminGet(gateway.adminPort(), "/metrics"));
        assertThat(matcher.find()).isTrue();
        return Integer.parseInt(matcher.group(1));
    }

    private static TestGateway start(Map<String, SourceSettings> sources, UpstreamSettings upstream) throws Exception {
        return TestGateway.startWith(sources, ServerSettings.defaults().withPort(0), SessionSettings.defaults(), upstream);
    }
}
