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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.junction.server.multiplex.Sql.text;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * 2,000 configured sources of which 200 are used, under a global cap of 10 upstream connections:
 * exactly the used pools open, one housekeeper serves them all, and the cap holds. Logs the threads
 * and heap it took (figures for the report; never asserted).
 */
class SourceScaleTest {
    private static final Logger LOG = LoggerFactory.getLogger(SourceScaleTest.class);
    private static final int SOURCES = 2_000;
    private static final int USED = 200;
    private static final int CAP = 10;

    @Test
    void twoThousandSources_twoHundredUsed_underAGlobalCap() throws Exception {
        Upstream pg = Upstreams.postgres();
        PoolSettings pool = new PoolSettings(2, Duration.ofSeconds(20), Duration.ofMinutes(10), Duration.ofMinutes(30));
        Map<String, SourceSettings> sources = new LinkedHashMap<>();
        for (int i = 0; i < SOURCES; i++) {
            sources.put("tenant" + i, TestGateway.source("tenant" + i, pg, pool, Map.of("ApplicationName", "j4-scale")));
        }
        Figures before = Figures.now();
        try (TestGateway gateway = TestGateway.startWith(sources, ServerSettings.defaults().withPort(0),
                SessionSettings.defaults(), new UpstreamSettings(CAP))) {
            Figures started = Figures.now();
            for (int i = 0; i < USED; i++) {
                try (Connection connection = gateway.connect("tenant" + (i * (SOURCES / USED)))) {
                    assertThat(text(connection, "SELECT 1")).isEqualTo("1");
                }
            }
            String metrics = Sql.adminGet(gateway.adminPort(), "/metrics");
            assertThat(gauge(metrics, "junction_upstream_pools")).isEqualTo(USED);
            assertThat(gauge(metrics, "junction_upstream_connections")).isBetween(1, CAP);
            Figures used = Figures.now();
            // HikariCP's per-pool connection adder and closer threads end after 5 s idle.
            Thread.sleep(6_000);
            Figures settled = Figures.now();
            assertThat(settled.housekeepers).isEqualTo(1);
            LOG.info("{} sources configured, {} used, cap {}: threads {} before start, {} started, {} right after use,"
                    + " {} settled (pool threads {}); heap after GC {} MB before, {} MB started, {} MB settled",
                    SOURCES, USED, CAP, before.threads, started.threads, used.threads, settled.threads,
                    settled.poolThreads, before.heapMb, started.heapMb, settled.heapMb);
        }
    }

    private static int gauge(String metrics, String name) {
        Matcher matcher = Pattern.compile("(?m)^" + name + " ([0-9.]+)").matcher(metrics);
        assertThat(matcher.find()).as(name).isTrue();
        return (int) Double.parseDouble(matcher.group(1));
    }

    private record Figures(int threads, long poolThreads, long housekeepers, long heapMb) {
        static Figures now() {
            System.gc();
            long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024 * 1024);
            var all = Thread.getAllStackTraces().keySet();
            long pool = all.stream().filter(t -> t.getName().startsWith("junction-pool-")).count();
            long housekeepers = all.stream().filter(t -> t.getName().startsWith("junction-pool-housekeeper")).count();
            return new Figures(all.size(), pool, housekeepers, heap);
        }
    }
}
