package io.junction.server.cache;

import io.junction.server.config.CacheSettings;
import io.junction.server.config.SourceCacheSettings;
import io.junction.server.testing.TestGateway;
import io.junction.server.testing.Upstream;
import io.junction.server.testing.Upstreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;

import static io.junction.server.cache.CacheTesting.explain;
import static io.junction.server.cache.CacheTesting.value;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cache's key follows the session's tracked state (the multiplexing record of SET, USE, pins
 * and transactions), on a real PostgreSQL through the real driver and server.
 */
class SessionStateCacheTest {
    private static TestGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        Upstream pg = Upstreams.postgres();
        pg.execute("DROP TABLE IF EXISTS cc_state", "DROP SCHEMA IF EXISTS cc_s2 CASCADE",
                "CREATE TABLE cc_state (id int PRIMARY KEY, v int)", "INSERT INTO cc_state VALUES (1, 1)",
                "CREATE SCHEMA cc_s2", "CREATE TABLE cc_s2.cc_state (id int PRIMARY KEY, v int)",
                "INSERT INTO cc_s2.cc_state VALUES (1, 2)");
        gateway = TestGateway.start(Map.of("pg", pg), Map.of("pg", SourceCacheSettings.enabledDefaults()),
                new CacheSettings(1024 * 1024, 256 * 1024));
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void transactionCommittedThroughSql_invalidatesAgain_andTheSessionUsesTheCacheAgain() throws Exception {
        String sql = "SELECT v FROM cc_state WHERE id = 1";
        try (Connection c = gateway.connect("pg"); Statement s = c.createStatement()) {
            assertThat(value(c, sql)).isEqualTo("1");
            s.execute("BEGIN");
            s.executeUpdate("UPDATE cc_state SET v = 10 WHERE id = 1");
            assertThat(explain(c, sql)).containsEntry("reason", "TRANSACTION_HAS_WRITTEN");
            s.execute("COMMIT");

            assertThat(explain(c, sql)).containsEntry("cached", "yes");
            assertThat(value(c, sql)).isEqualTo("10");
            s.executeUpdate("UPDATE cc_state SET v = 1 WHERE id = 1");
        }
    }

    @Test
    void searchPathSetInARolledBackTransaction_keysOnTheStateTheRollbackRestored() throws Exception {
        String sql = "SELECT v FROM cc_state WHERE id = 1";
        try (Connection c = gateway.connect("pg"); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("SET search_path = cc_s2");
            assertThat(value(c, sql)).isEqualTo("2");
            assertThat(explain(c, sql).get("key.session")).contains("search_path=cc_s2");
            c.rollback();

            assertThat(explain(c, sql)).containsEntry("cached", "yes")
                    .hasEntrySatisfying("key.session", key -> assertThat(key).doesNotContain("cc_s2"));
            assertThat(value(c, sql)).isEqualTo("1");
            c.commit();
        }
    }

    @Test
    void stateTheKeyCannotDescribe_bypassesTheCache_withTheReason() throws Exception {
        String sql = "SELECT v FROM cc_state WHERE id = 1";
        try (Connection pinned = gateway.connect("pg"); Connection local = gateway.connect("pg");
             Statement s = pinned.createStatement(); Statement l = local.createStatement()) {
            s.execute("SET enable_seqscan = off"); // not a tracked parameter: the session is pinned
            assertThat(explain(pinned, sql)).containsEntry("reason", "SESSION_STATE_UNKNOWN");

            local.setAutoCommit(false);
            l.execute("SET LOCAL search_path = cc_s2");
            assertThat(explain(local, sql)).containsEntry("reason", "SESSION_STATE_UNKNOWN");
            assertThat(value(local, sql)).isEqualTo("2");
            local.commit();
            assertThat(explain(local, sql)).as("SET LOCAL ended with its transaction").containsEntry("cached", "yes");
            assertThat(value(local, sql)).isEqualTo("1");
            local.commit();
        }
    }
}
