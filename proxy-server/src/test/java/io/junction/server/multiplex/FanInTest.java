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
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 2,000 client connections, all open at once, on a pool of 10: each runs 20 short transactions,
 * every result is right, and PostgreSQL never sees more than 10 connections from this gateway.
 */
class FanInTest {
    private static final int CLIENTS = 2_000;
    private static final int TRANSACTIONS = 20;
    private static final int POOL = 10;

    @Test
    void twoThousandClients_onAPoolOfTen() throws Exception {
        Upstream pg = Upstreams.postgres();
        pg.execute("DROP TABLE IF EXISTS j4_fanin",
                "CREATE TABLE j4_fanin (id int PRIMARY KEY, n int NOT NULL)",
                "INSERT INTO j4_fanin SELECT g, 0 FROM generate_series(0, " + (CLIENTS - 1) + ") g");
        String application = "j4-fanin-" + UUID.randomUUID();
        Map<String, SourceSettings> sources = Map.of("pg", TestGateway.source("pg", pg,
                new PoolSettings(POOL, Duration.ofSeconds(30), Duration.ofMinutes(10), Duration.ofMinutes(30)),
                Map.of("ApplicationName", application)));
        AtomicBoolean done = new AtomicBoolean();
        AtomicInteger mostConnections = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(32);
        Thread watcher = new Thread(() -> watch(pg, application, done, mostConnections));
        try (TestGateway gateway = TestGateway.startWith(sources, ServerSettings.defaults().withPort(0),
                SessionSettings.defaults(), UpstreamSettings.defaults())) {
            watcher.start();
            List<Connection> connections = new ArrayList<>(CLIENTS);
            List<PreparedStatement> updates = new ArrayList<>(CLIENTS);
            for (int i = 0; i < CLIENTS; i++) {
                Connection connection = gateway.connect("pg");
                connection.setAutoCommit(false);
                connections.add(connection);
                updates.add(connection.prepareStatement("UPDATE j4_fanin SET n = n + 1 WHERE id = ? RETURNING n"));
            }
            // Every client's transactions interleave with everyone else's on the bounded thread pool.
            List<Future<Integer>> results = new ArrayList<>();
            for (int round = 0; round < TRANSACTIONS; round++) {
                for (int id = 0; id < CLIENTS; id++) {
                    PreparedStatement update = updates.get(id);
                    int client = id;
                    results.add(clients.submit(() -> transaction(update, client)));
                }
            }
            int wrong = 0;
            for (Future<Integer> result : results) {
                wrong += result.get();
            }
            for (Connection connection : connections) {
                connection.close();
            }
            assertThat(wrong).isZero();
        } finally {
            done.set(true);
            clients.shutdownNow();
            watcher.join();
        }
        try (Connection direct = pg.connect(); Statement statement = direct.createStatement();
             ResultSet counts = statement.executeQuery("SELECT count(*), min(n), max(n) FROM j4_fanin")) {
            counts.next();
            assertThat(counts.getInt(1)).isEqualTo(CLIENTS);
            assertThat(counts.getInt(2)).isEqualTo(TRANSACTIONS);
            assertThat(counts.getInt(3)).isEqualTo(TRANSACTIONS);
        }
        assertThat(mostConnections.get()).isBetween(1, POOL);
    }

    /** One short transaction; returns 1 when the value read back is not one this client wrote. */
    private static int transaction(PreparedStatement update, int client) throws Exception {
        // One client's transactions never overlap: a JDBC connection serves one thread at a time.
        synchronized (update) {
            update.setInt(1, client);
            try (ResultSet row = update.executeQuery()) {
                row.next();
                int n = row.getInt(1);
                update.getConnection().commit();
                return n >= 1 && n <= TRANSACTIONS ? 0 : 1;
            }
        }
    }

    private static void watch(Upstream pg, String application, AtomicBoolean done, AtomicInteger most) {
        try (Connection direct = pg.connect(); PreparedStatement count = direct.prepareStatement(
                "SELECT count(*) FROM pg_stat_activity WHERE application_name = ?")) {
            count.setString(1, application);
            while (!done.get()) {
                try (ResultSet row = count.executeQuery()) {
                    row.next();
                    most.accumulateAndGet(row.getInt(1), Math::max);
                }
                Thread.sleep(20);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
