package io.junction.server.demo;

import io.junction.server.auth.PasswordHasher;
import io.junction.server.config.AdminSettings;
import io.junction.server.config.JunctionConfig;
import io.junction.server.config.PoolSettings;
import io.junction.server.config.Secret;
import io.junction.server.config.ServerSettings;
import io.junction.server.config.SourceSettings;
import io.junction.server.config.UserSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What {@code junction-server} runs without {@code --config}: two embedded H2 databases, {@code shop}
 * and {@code crm}, filled with the same sample data on every start, a {@code demo} user granted both,
 * and the gateway on 127.0.0.1 only.
 *
 * <p>Each database lives as long as this object holds a connection to it: {@link #close()} drops them
 * once the gateway's own pools are closed too.
 */
public final class DemoEnvironment implements AutoCloseable {
    public static final String USER = "demo";
    public static final String PASSWORD = "demo";
    public static final String HOST = "127.0.0.1";
    public static final List<String> SOURCES = List.of("shop", "crm");

    /** Runs on the {@code shop} source; printed in the banner for people to paste. */
    public static final String SAMPLE_QUERY = """
            SELECT c.country, COUNT(DISTINCT o.id) AS orders, SUM(i.quantity * i.unit_price) AS revenue
            FROM customers c
            JOIN orders o ON o.customer_id = c.id
            JOIN order_items i ON i.order_id = o.id
            WHERE o.status <> 'cancelled'
            GROUP BY c.country
            ORDER BY revenue DESC
            LIMIT 5""";

    private static final Logger log = LoggerFactory.getLogger(DemoEnvironment.class);
    /** Fixed, so that every start shows the same rows. */
    private static final long SEED = 20_240_101L;
    /**
     * PostgreSQL mode and lower-case names make H2 look like the databases people point Junction at;
     * H2 must not close a database on its own at JVM exit while the gateway still drains requests.
     */
    private static final String H2_SETTINGS = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"
            + ";DB_CLOSE_ON_EXIT=FALSE";
    private static final String H2_USER = "sa";
    /** Several environments in one JVM (tests) each get their own databases. */
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final JunctionConfig config;
    private final List<Connection> keepAlive;

    private DemoEnvironment(JunctionConfig config, List<Connection> keepAlive) {
        this.config = config;
        this.keepAlive = keepAlive;
    }

    /** Creates and fills both databases, about 50,000 rows; the time it took is logged. */
    public static DemoEnvironment create() throws SQLException {
        long started = System.nanoTime();
        // The hash costs as much CPU as a third of the data: let a second core do it meanwhile.
        CompletableFuture<String> demoHash = CompletableFuture.supplyAsync(
                () -> new PasswordHasher().hash(PASSWORD.toCharArray()));
        int instance = INSTANCES.incrementAndGet();
        String shopUrl = "jdbc:h2:mem:junction-demo-" + instance + "-shop" + H2_SETTINGS;
        String crmUrl = "jdbc:h2:mem:junction-demo-" + instance + "-crm" + H2_SETTINGS;
        Connection shop = DriverManager.getConnection(shopUrl, H2_USER, "");
        Connection crm = null;
        try {
            crm = DriverManager.getConnection(crmUrl, H2_USER, "");
            shop.setAutoCommit(false);
            crm.setAutoCommit(false);
            SplittableRandom random = new SplittableRandom(SEED);
            ShopDatabase.Contents contents = ShopDatabase.populate(shop, random);
            CrmDatabase.populate(crm, random, contents);
            shop.setAutoCommit(true);
            crm.setAutoCommit(true);
        } catch (SQLException | RuntimeException e) {
            closeAll(crm == null ? List.of(shop) : List.of(shop, crm), e);
            throw e;
        }
        JunctionConfig config = config(shopUrl, crmUrl, demoHash.join());
        log.info("Demo databases shop and crm ready in {} ms", (System.nanoTime() - started) / 1_000_000);
        return new DemoEnvironment(config, List.of(shop, crm));
    }

    private static JunctionConfig config(String shopUrl, String crmUrl, String demoHash) {
        ServerSettings defaults = ServerSettings.defaults();
        ServerSettings server = new ServerSettings(HOST, ServerSettings.DEFAULT_PORT, defaults.workerThreads(),
                defaults.maxQueuedRequests(), defaults.maxRequestBytes(), defaults.shutdownGrace(),
                defaults.maxHeaderBytes());
        AdminSettings admin = new AdminSettings(HOST, AdminSettings.DEFAULT_PORT);
        Map<String, SourceSettings> sources = new LinkedHashMap<>();
        sources.put("shop", h2Source("shop", shopUrl));
        sources.put("crm", h2Source("crm", crmUrl));
        return new JunctionConfig(server, admin, List.of(new UserSettings(USER, demoHash, SOURCES)), sources);
    }

    private static SourceSettings h2Source(String name, String url) {
        return new SourceSettings(name, url, H2_USER, Secret.empty(), PoolSettings.defaults(), Map.of());
    }

    public JunctionConfig config() {
        return config;
    }

    /** What to print once the gateway listens: how to connect and something to run. */
    public String banner(int port, int adminPort) {
        String indentedQuery = ("\n" + SAMPLE_QUERY).replace("\n", "\n      ");
        return """

                Junction is running in demo mode, with two sample sources: shop and crm.

                  JDBC URL:  jdbc:junction://%1$s:%2$d/shop      (or /crm)
                  user:      %3$s
                  password:  %4$s
                  Admin:     http://%1$s:%5$d/  (pools, sessions, cache; Prometheus at /metrics)

                  Try, on shop:%6$s

                Stop with Ctrl-C. Run with --config FILE to serve your own databases.
                """.formatted(HOST, port, USER, PASSWORD, adminPort, indentedQuery);
    }

    @Override
    public void close() throws SQLException {
        closeAll(keepAlive, null);
    }

    private static void closeAll(List<Connection> connections, Exception pending) throws SQLException {
        SQLException failure = null;
        for (Connection connection : connections) {
            try {
                connection.close();
            } catch (SQLException e) {
                if (pending != null) {
                    pending.addSuppressed(e);
                } else if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
