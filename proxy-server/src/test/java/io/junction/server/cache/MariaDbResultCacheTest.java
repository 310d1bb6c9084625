package io.junction.server.cache;

import io.junction.cache.BypassReason;
import io.junction.cache.CacheStatistics;
import io.junction.server.config.CacheSettings;
import io.junction.server.config.SourceCacheSettings;
import io.junction.server.testing.TestGateway;
import io.junction.server.testing.Upstream;
import io.junction.server.testing.Upstreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import static io.junction.server.cache.CacheTesting.await;
import static io.junction.server.cache.CacheTesting.explain;
import static io.junction.server.cache.CacheTesting.value;
import static org.assertj.core.api.Assertions.assertThat;

/** The result cache in front of a real MariaDB, through the real driver and server. */
class MariaDbResultCacheTest {
    private static Upstream maria;
    private static TestGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        maria = Upstreams.mariadb();
        maria.execute("DROP TABLE IF EXISTS j5_child, j5_parent, j5_items, j5_counter, j5_calls",
                "DROP FUNCTION IF EXISTS j5_gate",
                "DROP DATABASE IF EXISTS j5_db1", "DROP DATABASE IF EXISTS j5_db2",
                "CREATE TABLE j5_items (id INT PRIMARY KEY, v INT NOT NULL) ENGINE=InnoDB",
                "INSERT INTO j5_items VALUES (1, 1), (2, 2)",
                "CREATE TABLE j5_counter (id INT PRIMARY KEY, v BIGINT NOT NULL) ENGINE=InnoDB",
                "INSERT INTO j5_counter VALUES (1, 0)",
                "CREATE TABLE j5_calls (n INT) ENGINE=InnoDB",
                "CREATE TABLE j5_parent (id INT PRIMARY KEY) ENGINE=InnoDB",
                "CREATE TABLE j5_child (id INT PRIMARY KEY, parent INT,"
                        + " FOREIGN KEY (parent) REFERENCES j5_parent (id) ON DELETE CASCADE) ENGINE=InnoDB",
                "INSERT INTO j5_parent VALUES (1), (2)", "INSERT INTO j5_child VALUES (1, 1), (2, 1), (3, 2)",
                "CREATE DATABASE j5_db1", "CREATE DATABASE j5_db2",
                "CREATE TABLE j5_db1.j5_t (v VARCHAR(10))", "CREATE TABLE j5_db2.j5_t (v VARCHAR(10))",
                "INSERT INTO j5_db1.j5_t VALUES ('one')", "INSERT INTO j5_db2.j5_t VALUES ('two')",
                """
                CREATE FUNCTION j5_gate(x INT) RETURNS INT NOT DETERMINISTIC MODIFIES SQL DATA
                BEGIN
                  DO GET_LOCK('j5_gate', 60);
                  DO RELEASE_LOCK('j5_gate');
                  INSERT INTO j5_calls VALUES (1);
                  RETURN x;
                END""");
        SourceCacheSettings cache = new SourceCacheSettings(true, Duration.ofSeconds(60), Duration.ofMinutes(10),
                false, List.of("j5_gate"));
        gateway = TestGateway.start(Map.of("maria", maria), Map.of("maria", cache), CacheSettings.defaults());
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    private static CacheStatistics statistics() {
        return gateway.server().cache().results().statistics();
    }

    @Test
    void repeatedQuery_isAHit_andAWriteThroughJunctionIsSeenAtOnce() throws Exception {
        try (Connection junction = gateway.connect("maria"); Statement s = junction.createStatement()) {
            String sql = "SELECT v FROM j5_items WHERE id = 2";
            assertThat(value(junction, sql)).isEqualTo("2");
            long hits = statistics().hits();
            assertThat(value(junction, "SELECT v  FROM j5_items # note\n WHERE id = 2")).isEqualTo("2");
            assertThat(statistics().hits()).isEqualTo(hits + 1);

            s.executeUpdate("UPDATE test.j5_items SET v = 20 WHERE id = 2");

            assertThat(value(junction, sql)).isEqualTo("20");
            s.executeUpdate("UPDATE j5_items SET v = 2 WHERE id = 2");
        }
    }

    @Test
    void stalenessChecker_noReadStartedAfterACommitSeesTheOldValue() throws Exception {
        int writes = 40;
        AtomicLong committed = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            CountDownLatch writerDone = new CountDownLatch(1);
            pool.submit(() -> {
                try (Connection c = gateway.connect("maria");
                     PreparedStatement update = c.prepareStatement("UPDATE j5_counter SET v = v + 1 WHERE id = 1")) {
                    for (int i = 0; i < writes; i++) {
                        update.executeUpdate();
                        committed.incrementAndGet();
                    }
                } finally {
                    writerDone.countDown();
                }
                return null;
            });
            List<Future<Integer>> readers = new ArrayList<>();
            for (int r = 0; r < 2; r++) {
                readers.add(pool.submit(() -> {
                    int reads = 0;
                    try (Connection c = gateway.connect("maria")) {
                        while (writerDone.getCount() > 0 || reads < 10) {
                            long floor = committed.get();
                            long seen = Long.parseLong(value(c, "SELECT v FROM j5_counter WHERE id = 1"));
                            assertThat(seen).as("a read that started after %d commits", floor)
                                    .isGreaterThanOrEqualTo(floor);
                            reads++;
                        }
                    }
                    return reads;
                }));
            }
            for (Future<Integer> reader : readers) {
                assertThat(reader.get()).isPositive();
            }
        } finally {
            pool.shutdownNow();
        }
        assertServedFreshFromTheCache("SELECT v FROM j5_counter WHERE id = 1", String.valueOf(writes));
    }

    /**
     * The checked query is one the cache serves (so the concurrent reads above could be hits): once
     * writes stop, a repeat is a hit and returns the last committed value. Whether hits happened
     * while writers ran depends on timing, so it is checked here, after them.
     */
    private static void assertServedFreshFromTheCache(String sql, String expected) throws Exception {
        try (Connection c = gateway.connect("maria")) {
            assertThat(value(c, sql)).isEqualTo(expected);
            long hitsBefore = statistics().hits();
            assertThat(value(c, sql)).isEqualTo(expected);
            assertThat(statistics().hits()).as("a repeat of the checked query is a hit").isGreaterThan(hitsBefore);
        }
    }

    @Test
    void slowLoadThatRacesAWrite_isNotStored() throws Exception {
        String sql = "SELECT v, j5_gate(1) FROM j5_items WHERE id = 1";
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (Connection gateHolder = maria.connect(); Connection reader = gateway.connect("maria");
             Connection writer = gateway.connect("maria")) {
            value(gateHolder, "SELECT GET_LOCK('j5_gate', 10)");
            long discarded = statistics().staleLoadsDiscarded();
            Future<String> slowRead = pool.submit(() -> value(reader, sql));
            await("the load to wait at the gate", () -> waitingAtGate(gateHolder));

            try (Statement write = writer.createStatement()) {
                write.executeUpdate("UPDATE j5_items SET v = 100 WHERE id = 1");
            }
            value(gateHolder, "SELECT RELEASE_LOCK('j5_gate')");

            assertThat(slowRead.get()).as("it started before the write").isEqualTo("1");
            assertThat(statistics().staleLoadsDiscarded()).isEqualTo(discarded + 1);
            assertThat(value(writer, sql)).isEqualTo("100");
            try (Statement write = writer.createStatement()) {
                write.executeUpdate("UPDATE j5_items SET v = 1 WHERE id = 1");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void fiftyConcurrentIdenticalMisses_runUpstreamOnce() throws Exception {
        String sql = "SELECT j5_gate(v) FROM j5_items WHERE id = 2 /* fifty */";
        int clients = 50;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Connection> connections = new ArrayList<>();
        try (Connection gateHolder = maria.connect(); Statement gate = gateHolder.createStatement()) {
            for (int i = 0; i < clients; i++) {
                connections.add(gateway.connect("maria"));
            }
            gate.execute("TRUNCATE j5_calls");
            value(gateHolder, "SELECT GET_LOCK('j5_gate', 10)");
            long coalesced = statistics().coalesced();
            List<Future<String>> answers = new ArrayList<>();
            for (Connection c : connections) {
                answers.add(pool.submit(() -> value(c, sql)));
            }
            await("49 callers to wait for the one load", () -> statistics().coalesced() - coalesced == clients - 1);
            value(gateHolder, "SELECT RELEASE_LOCK('j5_gate')");

            for (Future<String> answer : answers) {
                assertThat(answer.get()).isEqualTo("2");
            }
            assertThat(value(gateHolder, "SELECT COUNT(*) FROM j5_calls")).isEqualTo("1");
        } finally {
            for (Connection c : connections) {
                c.close();
            }
            pool.shutdownNow();
        }
    }

    @Test
    void databaseVariants_neverShareAnEntry() throws Exception {
        // Its own gateway, so the databases it switches to stay off the shared pool.
        try (TestGateway own = TestGateway.start(Map.of("maria", maria),
                Map.of("maria", SourceCacheSettings.enabledDefaults()), CacheSettings.defaults());
             Connection one = own.connect("maria"); Connection two = own.connect("maria")) {
            one.setCatalog("j5_db1");
            two.setCatalog("j5_db2");

            assertThat(value(one, "SELECT v FROM j5_t")).isEqualTo("one");
            assertThat(value(two, "SELECT v FROM j5_t")).isEqualTo("two");
            assertThat(value(one, "SELECT v FROM j5_t")).isEqualTo("one");
            assertThat(explain(two, "SELECT v FROM j5_t")).containsEntry("tables.read", "j5_db2.j5_t");
        }
    }

    @Test
    void bypasses_sayWhy_andAreCounted() throws Exception {
        try (Connection c = gateway.connect("maria")) {
            assertThat(explain(c, "SELECT v, NOW() FROM j5_items")).containsEntry("reason", "NON_DETERMINISTIC");
            assertThat(explain(c, "SELECT v FROM j5_items LOCK IN SHARE MODE")).containsEntry("reason", "LOCKING_READ");
            assertThat(explain(c, "SELECT v FROM j5_items WHERE id = 1")).containsEntry("cached", "yes")
                    .containsEntry("tables.read", "test.j5_items");

            long snapshot = statistics().bypasses(BypassReason.SNAPSHOT_ISOLATION);
            c.setAutoCommit(false); // MariaDB's default isolation is REPEATABLE READ
            assertThat(explain(c, "SELECT v FROM j5_items WHERE id = 1"))
                    .containsEntry("reason", "SNAPSHOT_ISOLATION");
            value(c, "SELECT v FROM j5_items WHERE id = 1");
            c.commit();
            assertThat(statistics().bypasses(BypassReason.SNAPSHOT_ISOLATION)).isEqualTo(snapshot + 1);
        }
    }

    @Test
    void cascadingDelete_invalidatesTheChildTable() throws Exception {
        try (Connection c = gateway.connect("maria"); Statement s = c.createStatement()) {
            assertThat(value(c, "SELECT COUNT(*) FROM j5_child")).isEqualTo("3");

            s.executeUpdate("DELETE FROM j5_parent WHERE id = 1");

            assertThat(value(c, "SELECT COUNT(*) FROM j5_child")).isEqualTo("1");
        }
    }

    private static boolean waitingAtGate(Connection direct) {
        try {
            return Integer.parseInt(value(direct, "SELECT COUNT(*) FROM information_schema.PROCESSLIST"
                    + " WHERE STATE = 'User lock'")) > 0;
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
    }
}
