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
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.junction.server.cache.CacheTesting.explain;
import static io.junction.server.cache.CacheTesting.explainPrepared;
import static io.junction.server.cache.CacheTesting.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The result cache for federated sessions ({@code jdbc:junction://host:port/}) in front of real
 * PostgreSQL ("pg", cache on), MariaDB ("maria", cache on with a 30 s TTL) and H2 ("shop", cache off),
 * through the real driver and server; and what the cache's admin API and name resolution promise.
 * {@link TestGateway#OUTSIDER} was granted only "pg".
 */
class FederatedResultCacheTest {
    private static final String H2_URL = "jdbc:h2:mem:cc_shop;DB_CLOSE_DELAY=-1";
    private static final String ACROSS = "SELECT c.name, SUM(o.amount) AS total FROM pg.public.cc_orders o"
            + " JOIN maria.test.cc_customers c ON o.cust = c.id WHERE c.id = 1 GROUP BY c.name";
    private static Upstream pg;
    private static Upstream maria;
    private static TestGateway gateway;
    private static Connection h2;

    @BeforeAll
    static void start() throws Exception {
        pg = Upstreams.postgres();
        maria = Upstreams.mariadb();
        pg.execute("DROP TABLE IF EXISTS cc_orders, cc_late, cc_admin CASCADE",
                "CREATE TABLE cc_orders (id int PRIMARY KEY, cust int NOT NULL, amount int NOT NULL)",
                "INSERT INTO cc_orders VALUES (1, 1, 10), (2, 1, 5), (3, 2, 7)",
                "CREATE TABLE cc_admin (v int)", "INSERT INTO cc_admin VALUES (1)");
        maria.execute("DROP TABLE IF EXISTS test.cc_customers",
                "CREATE TABLE test.cc_customers (id int PRIMARY KEY, name varchar(40) NOT NULL)",
                "INSERT INTO test.cc_customers VALUES (1, 'ada'), (2, 'bob')");
        h2 = DriverManager.getConnection(H2_URL, "sa", "");
        try (Statement s = h2.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS cc_brands (cust int, brand varchar(20))");
            s.execute("DELETE FROM cc_brands");
            s.execute("INSERT INTO cc_brands VALUES (1, 'acme')");
        }
        Map<String, Upstream> sources = new LinkedHashMap<>();
        sources.put("pg", pg);
        sources.put("maria", maria);
        sources.put("shop", new Upstream("H2", H2_URL, "sa", ""));
        SourceCacheSettings shortLived = new SourceCacheSettings(true, Duration.ofSeconds(30), Duration.ofMinutes(10),
                false, List.of());
        gateway = TestGateway.start(sources, Map.of("pg", SourceCacheSettings.enabledDefaults(), "maria", shortLived),
                new CacheSettings(1024 * 1024, 256 * 1024));
    }

    @AfterAll
    static void stop() throws SQLException {
        if (gateway != null) {
            gateway.close();
        }
        if (h2 != null) {
            h2.close();
        }
    }

    private static CacheStatistics statistics() {
        return gateway.server().cache().results().statistics();
    }

    private static String total(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(ACROSS)) {
            assertThat(rs.next()).isTrue();
            return rs.getString(1) + "=" + rs.getString(2);
        }
    }

    private static void passthrough(String source, String sql) throws SQLException {
        try (Connection c = gateway.connect(source); Statement s = c.createStatement()) {
            s.executeUpdate(sql);
        }
    }

    @Test
    void queryAcrossSources_isAHitOnRepeat_andAPassthroughWriteToEitherSideIsSeenAtOnce() throws Exception {
        try (Connection federated = gateway.connect("")) {
            assertThat(total(federated)).isEqualTo("ada=15");
            long hits = statistics().hits();
            assertThat(total(federated)).isEqualTo("ada=15");
            assertThat(statistics().hits()).isEqualTo(hits + 1);
            assertThat(explain(federated, ACROSS)).containsEntry("cached", "yes").containsEntry("in-cache-now", "yes")
                    .containsEntry("federation", "across sources").containsEntry("key.source", "federated:maria,pg")
                    .containsEntry("tables.read", "maria:test.cc_customers, pg:public.cc_orders")
                    .as("the least TTL of its sources").containsEntry("ttl", "PT30S");

            passthrough("pg", "UPDATE cc_orders SET amount = 20 WHERE id = 1");
            assertThat(total(federated)).as("after a write to the PostgreSQL side").isEqualTo("ada=25");
            passthrough("maria", "UPDATE cc_customers SET name = 'ada2' WHERE id = 1");
            assertThat(total(federated)).as("after a write to the MariaDB side").isEqualTo("ada2=25");

            hits = statistics().hits();
            assertThat(total(federated)).isEqualTo("ada2=25");
            assertThat(statistics().hits()).isEqualTo(hits + 1);
        } finally {
            passthrough("pg", "UPDATE cc_orders SET amount = 10 WHERE id = 1");
            passthrough("maria", "UPDATE cc_customers SET name = 'ada' WHERE id = 1");
        }
    }

    @Test
    void slowLoadAcrossSourcesThatRacesAWriteToOneSide_isNotStored() throws Exception {
        String sql = ACROSS + " /* race */";
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (Connection federated = gateway.connect(""); Connection reader = gateway.connect("");
             Connection locker = pg.connect(); Statement lock = locker.createStatement()) {
            value(federated, sql); // planned, catalog resolved, stored
            passthrough("pg", "UPDATE cc_orders SET amount = amount WHERE id = 1"); // stored result now stale
            locker.setAutoCommit(false);
            lock.execute("LOCK TABLE cc_orders IN ACCESS EXCLUSIVE MODE");
            long misses = statistics().misses();
            long discarded = statistics().staleLoadsDiscarded();
            Future<String> slowRead = pool.submit(() -> value(reader, sql));
            CacheTesting.await("the load to start", () -> statistics().misses() > misses);

            passthrough("maria", "UPDATE cc_customers SET name = 'ada3' WHERE id = 1");
            locker.commit();
            slowRead.get();

            assertThat(statistics().staleLoadsDiscarded()).isEqualTo(discarded + 1);
            long hits = statistics().hits();
            assertThat(value(federated, sql)).isEqualTo("ada3");
            assertThat(statistics().hits()).as("the raced load was not kept").isEqualTo(hits);
        } finally {
            pool.shutdownNow();
            passthrough("maria", "UPDATE cc_customers SET name = 'ada' WHERE id = 1");
        }
    }

    @Test
    void singleSourceFastPath_isCachedLikePassthrough() throws Exception {
        String sql = "SELECT amount FROM pg.public.cc_orders WHERE id = ?";
        try (Connection federated = gateway.connect("");
             PreparedStatement query = federated.prepareStatement(sql)) {
            assertThat(amount(query, 3)).isEqualTo(7);
            long hits = statistics().hits();
            assertThat(amount(query, 3)).isEqualTo(7);
            assertThat(amount(query, 2)).as("another parameter, another entry").isEqualTo(5);
            assertThat(statistics().hits()).isEqualTo(hits + 1);
            assertThat(explain(federated, "SELECT amount FROM pg.public.cc_orders WHERE id = 3"))
                    .containsEntry("cached", "yes").containsEntry("key.source", "pg")
                    .containsEntry("tables.read", "public.cc_orders")
                    .hasEntrySatisfying("federation", v -> assertThat(v).startsWith("single source pg, sent whole"));

            passthrough("pg", "UPDATE cc_orders SET amount = 70 WHERE id = 3");
            assertThat(amount(query, 3)).isEqualTo(70);
        } finally {
            passthrough("pg", "UPDATE cc_orders SET amount = 7 WHERE id = 3");
        }
    }

    private static int amount(PreparedStatement query, int id) throws SQLException {
        query.setInt(1, id);
        try (ResultSet rs = query.executeQuery()) {
            assertThat(rs.next()).isTrue();
            return rs.getInt(1);
        }
    }

    @Test
    void cachedResultAcrossSources_isNeverServedToAUserNotGrantedEverySource() throws Exception {
        try (Connection federated = gateway.connect("")) {
            total(federated);
            assertThat(total(federated)).isEqualTo("ada=15");
        }
        long hits = statistics().hits();
        try (Connection outsider = gateway.connect("", TestGateway.OUTSIDER, TestGateway.OUTSIDER_PASSWORD);
             Statement s = outsider.createStatement()) {
            assertThatThrownBy(() -> s.executeQuery(ACROSS)).isInstanceOf(SQLException.class)
                    .hasMessageContaining("maria");
            assertThatThrownBy(() -> explain(outsider, ACROSS)).isInstanceOf(SQLException.class);
        }
        assertThat(statistics().hits()).isEqualTo(hits);
    }

    @Test
    void queryAcrossSources_bypassesWhenASourceHasTheCacheOff_orItCallsAClock() throws Exception {
        String withH2 = "SELECT o.amount, b.brand FROM pg.public.cc_orders o JOIN shop.PUBLIC.CC_BRANDS b"
                + " ON o.cust = b.cust WHERE o.id = 1";
        try (Connection federated = gateway.connect("")) {
            assertThat(explain(federated, withH2)).containsEntry("cached", "no").containsEntry("reason", "DISABLED")
                    .hasEntrySatisfying("why", why -> assertThat(why).contains("source shop"));
            long disabled = statistics().bypasses(BypassReason.DISABLED);
            try (Statement s = federated.createStatement(); ResultSet rs = s.executeQuery(withH2)) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(2)).isEqualTo("acme");
            }
            assertThat(statistics().bypasses(BypassReason.DISABLED)).isEqualTo(disabled + 1);

            String clock = "SELECT c.name, CURRENT_TIMESTAMP FROM pg.public.cc_orders o"
                    + " JOIN maria.test.cc_customers c ON o.cust = c.id WHERE o.id = 1";
            assertThat(explain(federated, clock)).containsEntry("reason", "NON_DETERMINISTIC");
        }
    }

    @Test
    void tableCreatedOutsideJunction_isSeenAndCachedAtOnce() throws Exception {
        try (Connection junction = gateway.connect("pg")) {
            assertThatThrownBy(() -> value(junction, "SELECT v FROM cc_late")).isInstanceOf(SQLException.class);
            assertThat(explain(junction, "SELECT v FROM cc_late")).containsEntry("reason", "UNRESOLVED_TABLE");

            pg.execute("CREATE TABLE cc_late (v int)", "INSERT INTO cc_late VALUES (42)");

            assertThat(explain(junction, "SELECT v FROM cc_late")).containsEntry("cached", "yes")
                    .containsEntry("tables.read", "public.cc_late");
            assertThat(value(junction, "SELECT v FROM cc_late")).isEqualTo("42");
            long hits = statistics().hits();
            assertThat(value(junction, "SELECT v FROM cc_late")).isEqualTo("42");
            assertThat(statistics().hits()).isEqualTo(hits + 1);
        }
    }

    @Test
    void adminExplain_underANamedSession_seesItsStateAndItsEntry() throws Exception {
        String sql = "SELECT v FROM cc_admin";
        String query = "&sql=" + URLEncoder.encode(sql, StandardCharsets.UTF_8);
        try (Connection junction = gateway.connect("pg")) {
            // A state no fresh session has, so that the explanation can only come from this session.
            try (var statement = junction.createStatement()) {
                statement.execute("SET TIME ZONE 'Pacific/Chatham'");
            }
            assertThat(value(junction, sql)).isEqualTo("1");
            String id = sessionOf(junction);

            var named = CacheTesting.admin(gateway.adminPort(), "GET", "/cache/explain?session=" + id + query);
            assertThat(named.statusCode()).isEqualTo(200);
            assertThat(named.body()).contains("\"explained-for\":\"session " + id)
                    .contains("\"in-cache-now\":\"yes\"").contains("timezone=Pacific/Chatham");

            var fresh = CacheTesting.admin(gateway.adminPort(), "GET", "/cache/explain?source=pg" + query);
            assertThat(fresh.body()).contains("fresh session's defaults").contains("\"in-cache-now\":\"no\"");
            assertThat(CacheTesting.admin(gateway.adminPort(), "GET", "/cache/explain?session=nosuch" + query)
                    .statusCode()).isEqualTo(404);
        }
    }

    @Test
    void explainCache_prepared_keysOnTheBoundValues_inTheFederatedCatalogAndInPassthrough() throws Exception {
        String pgQuery = "SELECT amount FROM pg.public.cc_orders WHERE id = ?";
        try (Connection federated = gateway.connect(""); Connection passthrough = gateway.connect("pg");
             PreparedStatement query = federated.prepareStatement(pgQuery)) {
            query.setInt(1, 3);
            try (ResultSet rs = query.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(7);
            }

            Map<String, String> three = explainPrepared(federated, pgQuery, 3);
            Map<String, String> two = explainPrepared(federated, pgQuery, 2);
            Map<String, String> direct = explainPrepared(passthrough, "SELECT amount FROM cc_orders WHERE id = ?", 3);

            assertThat(three).containsEntry("cached", "yes").containsEntry("in-cache-now", "yes");
            assertThat(three.get("key.parameters")).contains("3");
            assertThat(two).containsEntry("cached", "yes").containsEntry("in-cache-now", "no");
            assertThat(direct).containsEntry("cached", "yes").containsEntry("tables.read", "public.cc_orders");
            assertThat(direct.get("key.parameters")).contains("3");
            assertThat(explainPrepared(federated, "SELECT o.amount FROM pg.public.cc_orders o JOIN maria.test.cc_customers c"
                    + " ON o.cust = c.id WHERE o.id = ?", 1)).containsEntry("cached", "yes");
        }
    }

    @Test
    void adminExplain_underABusySession_answers409_insteadOfWaitingForItsQuery() throws Exception {
        ExecutorService runner = Executors.newSingleThreadExecutor();
        try (Connection junction = gateway.connect("pg"); Statement slow = junction.createStatement()) {
            Future<?> running = runner.submit(() -> slow.executeQuery("SELECT pg_sleep(120) /* cc_busy */"));
            String id = busySession(running);

            var answer = CacheTesting.admin(gateway.adminPort(), "GET", "/cache/explain?session=" + id
                    + "&sql=" + URLEncoder.encode("SELECT v FROM cc_admin", StandardCharsets.UTF_8));

            assertThat(answer.statusCode()).isEqualTo(409);
            assertThat(answer.body()).contains("session " + id + " is running a request");
            slow.cancel();
            assertThatThrownBy(running::get).hasRootCauseInstanceOf(SQLException.class);
        } finally {
            runner.shutdownNow();
        }
    }

    /** The id of the one pg session GET /sessions shows running a request, once PostgreSQL runs its query. */
    private static String busySession(Future<?> running) throws Exception {
        try (Connection direct = pg.connect(); PreparedStatement active = direct.prepareStatement(
                "SELECT count(*) FROM pg_stat_activity WHERE state = 'active' AND query LIKE '%cc_busy */'")) {
            while (!running.isDone()) {
                try (ResultSet rs = active.executeQuery()) {
                    rs.next();
                    if (rs.getInt(1) > 0) {
                        Matcher found = Pattern.compile("\\{\"id\":\"([^\"]+)\",\"user\":\"" + TestGateway.USER
                                + "\",\"source\":\"pg\"[^{}]*\"idleMillis\":0\\}")
                                .matcher(CacheTesting.admin(gateway.adminPort(), "GET", "/sessions").body());
                        assertThat(found.find()).as("GET /sessions shows the session running").isTrue();
                        return found.group(1);
                    }
                }
                Thread.sleep(20);
            }
        }
        running.get();
        throw new AssertionError("the slow query ended before PostgreSQL showed it running");
    }

    /** The id GET /sessions lists for the one session whose time zone this test set. */
    private static String sessionOf(Connection connection) throws Exception {
        String sessions = CacheTesting.admin(gateway.adminPort(), "GET", "/sessions").body();
        Matcher ids = Pattern.compile("\\{\"id\":\"([^\"]+)\",\"user\":\"" + TestGateway.USER + "\",\"source\":\"pg\"")
                .matcher(sessions);
        while (ids.find()) {
            var facts = CacheTesting.admin(gateway.adminPort(), "GET", "/cache/explain?session=" + ids.group(1)
                    + "&sql=" + URLEncoder.encode("SELECT v FROM cc_admin", StandardCharsets.UTF_8));
            if (facts.body().contains("timezone=Pacific/Chatham")) {
                return ids.group(1);
            }
        }
        throw new AssertionError("no session with time zone Pacific/Chatham in " + sessions);
    }
}
