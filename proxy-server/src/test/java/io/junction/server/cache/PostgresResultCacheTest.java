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

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import static io.junction.server.cache.CacheTesting.await;
import static io.junction.server.cache.CacheTesting.explain;
import static io.junction.server.cache.CacheTesting.value;
import static org.assertj.core.api.Assertions.assertThat;

/** The result cache in front of a real PostgreSQL, through the real driver and server. */
class PostgresResultCacheTest {
    /** Advisory lock the gate function waits on: the test holds it to make a load slow on purpose. */
    private static final int GATE = 5_424_242;
    private static Upstream pg;
    private static TestGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        pg = Upstreams.postgres();
        pg.execute("DROP TABLE IF EXISTS j5_child, j5_parent, j5_items, j5_counter, j5_calls, j5_big, j5_times,"
                        + " j5_a, j5_b CASCADE",
                "DROP SCHEMA IF EXISTS j5_s1 CASCADE", "DROP SCHEMA IF EXISTS j5_s2 CASCADE",
                "CREATE TABLE j5_items (id int PRIMARY KEY, v int NOT NULL)",
                "INSERT INTO j5_items VALUES (1, 1), (2, 2)",
                "CREATE TABLE j5_counter (id int PRIMARY KEY, v bigint NOT NULL)",
                "INSERT INTO j5_counter VALUES (1, 0), (2, 0)",
                "CREATE TABLE j5_calls (n int)",
                "CREATE TABLE j5_parent (id int PRIMARY KEY)",
                "CREATE TABLE j5_child (id int PRIMARY KEY, parent int REFERENCES j5_parent ON DELETE CASCADE)",
                "INSERT INTO j5_parent VALUES (1), (2)", "INSERT INTO j5_child VALUES (1, 1), (2, 1), (3, 2)",
                "CREATE OR REPLACE VIEW j5_view AS SELECT id, v * 10 AS v10 FROM j5_items",
                "CREATE TABLE j5_big (id int PRIMARY KEY, payload text)",
                "INSERT INTO j5_big SELECT g, repeat('x', 1000) FROM generate_series(1, 3000) g",
                "CREATE TABLE j5_times (ts timestamptz)", "INSERT INTO j5_times VALUES ('2024-06-01 12:00:00+00')",
                "CREATE TABLE j5_a (x int)", "CREATE TABLE j5_b (x int)",
                "INSERT INTO j5_a VALUES (1)", "INSERT INTO j5_b VALUES (1)",
                "CREATE SCHEMA j5_s1", "CREATE SCHEMA j5_s2",
                "CREATE TABLE j5_s1.j5_t (v text)", "CREATE TABLE j5_s2.j5_t (v text)",
                "INSERT INTO j5_s1.j5_t VALUES ('one')", "INSERT INTO j5_s2.j5_t VALUES ('two')",
                """
                CREATE OR REPLACE FUNCTION j5_gate(x int) RETURNS int LANGUAGE plpgsql VOLATILE AS $$
                BEGIN
                  PERFORM pg_advisory_lock_shared(%d);
                  PERFORM pg_advisory_unlock_shared(%d);
                  INSERT INTO j5_calls VALUES (1);
                  RETURN x;
                END $$""".formatted(GATE, GATE));
        SourceCacheSettings cache = new SourceCacheSettings(true, Duration.ofSeconds(60), Duration.ofMinutes(10),
                false, List.of("j5_gate"));
        gateway = TestGateway.start(Map.of("pg", pg), Map.of("pg", cache),
                new CacheSettings(1024 * 1024, 256 * 1024));
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
        try (Connection junction = gateway.connect("pg")) {
            String sql = "SELECT v FROM j5_items WHERE id = 2";
            assertThat(value(junction, sql)).isEqualTo("2");
            long hits = statistics().hits();

            assertThat(value(junction, "select v\n  from j5_items where id = 2 -- trace 7")).isEqualTo("2");
            assertThat(statistics().hits()).isEqualTo(hits + 1);

            try (Statement statement = junction.createStatement()) {
                statement.executeUpdate("UPDATE public.j5_items SET v = 20 WHERE id = 2");
            }
            assertThat(value(junction, sql)).isEqualTo("20");
            try (Statement statement = junction.createStatement()) {
                statement.executeUpdate("UPDATE j5_items SET v = 2 WHERE id = 2");
            }
        }
    }

    @Test
    void stalenessChecker_noReadStartedAfterACommitSeesTheOldValue() throws Exception {
        int writes = 60;
        AtomicLong[] committed = {new AtomicLong(), new AtomicLong()};
        try (Connection setup = gateway.connect("pg"); Statement s = setup.createStatement()) {
            s.executeUpdate("UPDATE j5_counter SET v = 0");
        }
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            CountDownLatch writersDone = new CountDownLatch(2);
            List<Future<Integer>> readers = new ArrayList<>();
            for (int w = 0; w < 2; w++) {
                int row = w + 1;
                pool.submit(() -> {
                    try (Connection c = gateway.connect("pg");
                         PreparedStatement update = c.prepareStatement("UPDATE j5_counter SET v = v + 1 WHERE id = ?")) {
                        for (int i = 0; i < writes; i++) {
                            update.setInt(1, row);
                            update.executeUpdate();
                            committed[row - 1].incrementAndGet();
                        }
                    } finally {
                        writersDone.countDown();
                    }
                    return null;
                });
            }
            for (int r = 0; r < 4; r++) {
                int row = r % 2 + 1;
                boolean prepared = r < 2;
                readers.add(pool.submit(() -> {
                    int reads = 0;
                    try (Connection c = gateway.connect("pg");
                         PreparedStatement select = c.prepareStatement("SELECT v FROM j5_counter WHERE id = ?");
                         Statement plain = c.createStatement()) {
                        while (writersDone.getCount() > 0 || reads < 10) {
                            long floor = committed[row - 1].get();
                            long seen;
                            if (prepared) {
                                select.setInt(1, row);
                                try (ResultSet rs = select.executeQuery()) {
                                    rs.next();
                                    seen = rs.getLong(1);
                                }
                            } else {
                                seen = Long.parseLong(value(c, "SELECT v FROM j5_counter WHERE id = " + row));
                            }
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
        assertThat(committed[0].get()).isEqualTo(writes);
        // The checked query is one the cache serves (so the concurrent reads above could be hits):
        // once writes stop, a repeat is a hit and returns the last committed value. Whether hits
        // happened while writers ran depends on timing, so it is checked here, after them.
        try (Connection c = gateway.connect("pg")) {
            String sql = "SELECT v FROM j5_counter WHERE id = 1";
            assertThat(value(c, sql)).isEqualTo(String.valueOf(writes));
            long hitsBefore = statistics().hits();
            assertThat(value(c, sql)).isEqualTo(String.valueOf(writes));
            assertThat(statistics().hits()).as("a repeat of the checked query is a hit").isGreaterThan(hitsBefore);
        }
    }

    @Test
    void slowLoadThatRacesAWrite_isNotStored() throws Exception {
        String sql = "SELECT v, j5_gate(1) FROM j5_items WHERE id = 1";
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (Connection gateHolder = pg.connect(); Statement gate = gateHolder.createStatement();
             Connection reader = gateway.connect("pg"); Connection writer = gateway.connect("pg")) {
            gate.execute("SELECT pg_advisory_lock(" + GATE + ")");
            long discarded = statistics().staleLoadsDiscarded();
            Future<String> slowRead = pool.submit(() -> value(reader, sql));
            await("the load to wait at the gate", () -> waitingAtGate(gateHolder));

            try (Statement write = writer.createStatement()) {
                write.executeUpdate("UPDATE j5_items SET v = 100 WHERE id = 1");
            }
            gate.execute("SELECT pg_advisory_unlock(" + GATE + ")");

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
        try (Connection gateHolder = pg.connect(); Statement gate = gateHolder.createStatement()) {
            for (int i = 0; i < clients; i++) {
                connections.add(gateway.connect("pg"));
            }
            gate.execute("TRUNCATE j5_calls");
            gate.execute("SELECT pg_advisory_lock(" + GATE + ")");
            long coalesced = statistics().coalesced();
            List<Future<String>> answers = new ArrayList<>();
            for (Connection c : connections) {
                answers.add(pool.submit(() -> value(c, sql)));
            }
            await("49 callers to wait for the one load",
                    () -> statistics().coalesced() - coalesced == clients - 1);
            gate.execute("SELECT pg_advisory_unlock(" + GATE + ")");

            for (Future<String> answer : answers) {
                assertThat(answer.get()).isEqualTo("2");
            }
            assertThat(value(gateHolder, "SELECT count(*) FROM j5_calls")).isEqualTo("1");
        } finally {
            for (Connection c : connections) {
                c.close();
            }
            pool.shutdownNow();
        }
    }

    @Test
    void searchPathVariants_neverShareAnEntry() throws Exception {
        // Its own gateway: on main, a schema set through JDBC stays on the pooled connection after
        // return (HikariCP resets it only to a configured default); the multiplexing issue fixes that.
        try (TestGateway own = TestGateway.start(Map.of("pg", pg), Map.of("pg", SourceCacheSettings.enabledDefaults()),
                CacheSettings.defaults());
             Connection one = own.connect("pg"); Connection two = own.connect("pg")) {
            one.setSchema("j5_s1");
            two.setSchema("j5_s2");

            assertThat(value(one, "SELECT v FROM j5_t")).isEqualTo("one");
            assertThat(value(two, "SELECT v FROM j5_t")).isEqualTo("two");
            assertThat(value(one, "SELECT v FROM j5_t")).isEqualTo("one");
            one.setSchema("j5_s2");
            assertThat(value(one, "SELECT v FROM j5_t")).isEqualTo("two");
            assertThat(explain(two, "SELECT v FROM j5_t")).containsEntry("tables.read", "j5_s2.j5_t");
        }
    }

    @Test
    void clientTimeZoneVariants_neverShareAnEntry() throws Exception {
        // The Junction driver sends its JVM's zone (the build's TZ is America/Bahia_Banderas); a stock
        // Avatica client sends none and gets UTC wall-clock times. Each must get its own answer.
        Properties stock = new Properties();
        stock.setProperty("avatica_user", TestGateway.USER);
        stock.setProperty("avatica_password", TestGateway.PASSWORD);
        stock.setProperty("authentication", "BASIC");
        stock.setProperty("junction.source", "pg");
        String sql = "SELECT ts FROM j5_times WHERE 1 = 1";
        // random() bypasses the cache: the reference answer for each client.
        String reference = "SELECT ts FROM j5_times WHERE random() < 2";
        try (Connection zoned = gateway.connect("pg");
             Connection utc = DriverManager.getConnection("jdbc:avatica:remote:url=http://127.0.0.1:"
                     + gateway.port() + "/;serialization=protobuf", stock)) {
            assertThat(timestamp(zoned, sql)).isEqualTo(timestamp(zoned, reference));
            assertThat(timestamp(utc, sql)).isEqualTo(timestamp(utc, reference));
            assertThat(timestamp(zoned, sql)).isEqualTo(timestamp(zoned, reference));
            assertThat(timestamp(zoned, reference)).isNotEqualTo(timestamp(utc, reference));
        }
    }

    private static Timestamp timestamp(Connection c, String sql) throws java.sql.SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getTimestamp(1);
        }
    }

    @Test
    void setTimeZone_isPartOfTheKey() throws Exception {
        String sql = "SELECT ts::text FROM j5_times";
        try (Connection utc = gateway.connect("pg"); Connection tokyo = gateway.connect("pg")) {
            tokyo.setAutoCommit(false);
            try (Statement s = tokyo.createStatement()) {
                s.execute("SET TIME ZONE 'Asia/Tokyo'");
            }
            assertThat(value(tokyo, sql)).isEqualTo("2024-06-01 21:00:00+09");
            assertThat(explain(tokyo, sql).get("key.session")).contains("timezone=Asia/Tokyo");
            assertThat(value(utc, "SELECT ts::text FROM j5_times")).isNotEqualTo("2024-06-01 21:00:00+09");
            try (Statement s = tokyo.createStatement()) {
                s.execute("RESET TIME ZONE");
            }
            tokyo.commit();
        }
    }

    @Test
    void bypasses_sayWhy_andAreCounted() throws Exception {
        try (Connection c = gateway.connect("pg")) {
            assertThat(explain(c, "SELECT v, now() FROM j5_items")).containsEntry("cached", "no")
                    .containsEntry("reason", "NON_DETERMINISTIC");
            assertThat(explain(c, "SELECT v FROM j5_items WHERE id = 1 FOR UPDATE"))
                    .containsEntry("reason", "LOCKING_READ");
            Map<String, String> cacheable = explain(c, "SELECT v FROM j5_items WHERE id = 1");
            assertThat(cacheable).containsEntry("cached", "yes").containsEntry("tables.read", "public.j5_items")
                    .containsEntry("key.credential", pg.user()).containsEntry("ttl", "PT1M");
            assertThat(explain(c, "/*+ junction.cache(ttl=30s) */ SELECT v FROM j5_items"))
                    .containsEntry("ttl", "PT30S");

            long nonDeterministic = statistics().bypasses(BypassReason.NON_DETERMINISTIC);
            long locking = statistics().bypasses(BypassReason.LOCKING_READ);
            long wrote = statistics().bypasses(BypassReason.TRANSACTION_HAS_WRITTEN);
            long snapshot = statistics().bypasses(BypassReason.SNAPSHOT_ISOLATION);
            value(c, "SELECT random() FROM j5_items WHERE id = 1");
            c.setAutoCommit(false);
            value(c, "SELECT v FROM j5_items WHERE id = 1 FOR UPDATE");
            try (Statement s = c.createStatement()) {
                s.executeUpdate("UPDATE j5_items SET v = 5 WHERE id = 1");
            }
            assertThat(explain(c, "SELECT v FROM j5_items WHERE id = 1"))
                    .containsEntry("reason", "TRANSACTION_HAS_WRITTEN");
            assertThat(value(c, "SELECT v FROM j5_items WHERE id = 1")).as("its own write").isEqualTo("5");
            c.rollback();
            assertThat(value(c, "SELECT v FROM j5_items WHERE id = 1")).isEqualTo("1");
            c.commit();
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            value(c, "SELECT v FROM j5_items WHERE id = 1");
            c.commit();

            assertThat(statistics().bypasses(BypassReason.NON_DETERMINISTIC)).isEqualTo(nonDeterministic + 1);
            assertThat(statistics().bypasses(BypassReason.LOCKING_READ)).isEqualTo(locking + 1);
            assertThat(statistics().bypasses(BypassReason.TRANSACTION_HAS_WRITTEN)).isEqualTo(wrote + 1);
            assertThat(statistics().bypasses(BypassReason.SNAPSHOT_ISOLATION)).isEqualTo(snapshot + 1);
        }
    }

    @Test
    void cascadesViewsAndMultiTableTruncate_invalidateWhatTheyReach() throws Exception {
        try (Connection c = gateway.connect("pg"); Statement s = c.createStatement()) {
            assertThat(value(c, "SELECT count(*) FROM j5_child")).isEqualTo("3");
            assertThat(value(c, "SELECT v10 FROM j5_view WHERE id = 2")).isEqualTo("20");
            assertThat(value(c, "SELECT (SELECT count(*) FROM j5_a) + (SELECT count(*) FROM j5_b)")).isEqualTo("2");

            s.executeUpdate("DELETE FROM j5_parent WHERE id = 1");
            s.executeUpdate("UPDATE j5_items SET v = 3 WHERE id = 2");
            s.execute("TRUNCATE j5_a, j5_b");

            assertThat(value(c, "SELECT count(*) FROM j5_child")).isEqualTo("1");
            assertThat(value(c, "SELECT v10 FROM j5_view WHERE id = 2")).isEqualTo("30");
            assertThat(value(c, "SELECT (SELECT count(*) FROM j5_a) + (SELECT count(*) FROM j5_b)")).isEqualTo("0");
            s.executeUpdate("UPDATE j5_items SET v = 2 WHERE id = 2");
        }
    }

    @Test
    void outsideWrite_isBoundedByTtl_andAnAdminTableFlushEndsIt() throws Exception {
        try (Connection c = gateway.connect("pg")) {
            String sql = "SELECT v FROM j5_items WHERE id = 1 AND 'admin' = 'admin'";
            assertThat(value(c, sql)).isEqualTo("1");
            pg.execute("UPDATE j5_items SET v = 7 WHERE id = 1");
            assertThat(value(c, sql)).as("Junction cannot see this writer").isEqualTo("1");

            var flushed = CacheTesting.admin(gateway.adminPort(), "POST", "/cache/flush?source=pg&table=j5_items");

            assertThat(flushed.statusCode()).isEqualTo(200);
            assertThat(flushed.body()).contains("public.j5_items");
            assertThat(value(c, sql)).isEqualTo("7");
            var explained = CacheTesting.admin(gateway.adminPort(), "GET", "/cache/explain?source=pg&sql="
                    + URLEncoder.encode("SELECT now()", StandardCharsets.UTF_8));
            assertThat(explained.body()).contains("NON_DETERMINISTIC");
            pg.execute("UPDATE j5_items SET v = 1 WHERE id = 1");
            assertThat(CacheTesting.admin(gateway.adminPort(), "POST", "/cache/flush?source=pg").statusCode())
                    .isEqualTo(200);
        }
    }

    @Test
    void byteBound_holds_withResultsLargerThanTheCache() throws Exception {
        try (Connection c = gateway.connect("pg"); Statement s = c.createStatement()) {
            long tooLarge = statistics().bypasses(BypassReason.TOO_LARGE);
            for (int from = 0; from < 3000; from += 100) {
                try (ResultSet rs = s.executeQuery("SELECT * FROM j5_big WHERE id > " + from + " AND id <= "
                        + (from + 100))) {
                    int rows = 0;
                    while (rs.next()) {
                        rows++;
                    }
                    assertThat(rows).isEqualTo(100);
                }
                assertThat(gateway.server().cache().results().bytes()).isLessThanOrEqualTo(1024 * 1024);
            }
            s.setFetchSize(500);
            try (ResultSet rs = s.executeQuery("SELECT id, payload FROM j5_big ORDER BY id")) {
                int rows = 0;
                while (rs.next()) {
                    rows++;
                    assertThat(rs.getInt(1)).isEqualTo(rows);
                }
                assertThat(rows).as("a result bigger than the cache streams through whole").isEqualTo(3000);
            }
            assertThat(statistics().bypasses(BypassReason.TOO_LARGE)).isGreaterThan(tooLarge);
            assertThat(statistics().evictions()).isPositive();
            assertThat(gateway.server().cache().results().bytes()).isLessThanOrEqualTo(1024 * 1024);
        }
    }

    private static boolean waitingAtGate(Connection direct) {
        try {
            return Integer.parseInt(value(direct, "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'"
                    + " AND NOT granted")) > 0;
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
    }
}
