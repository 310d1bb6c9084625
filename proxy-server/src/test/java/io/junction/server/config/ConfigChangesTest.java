package io.junction.server.config;

import io.junction.federation.FederationSettings;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ConfigChangesTest {
    private static final PoolSettings POOL = PoolSettings.defaults();
    private static final UserSettings ALICE = new UserSettings("alice", ConfigLoaderTest.HASH, List.of("pg"));

    @Test
    void identicalConfigs_changeNothing() {
        ConfigChanges changes = ConfigChanges.between(config(source("pg", POOL)), config(source("pg", POOL)));

        assertThat(changes.nothingToApply()).isTrue();
        assertThat(changes.restartRequired()).isEmpty();
    }

    @Test
    void usersPoolsAndSessions_applyAtOnce() {
        JunctionConfig running = config(source("pg", POOL));
        PoolSettings bigger = new PoolSettings(40, Duration.ofSeconds(5), POOL.idleClose(), POOL.maxLifetime());
        JunctionConfig reloaded = new JunctionConfig(running.server(), running.admin(),
                List.of(new UserSettings("bob", ConfigLoaderTest.HASH, List.of("pg"))), Map.of("pg", source("pg", bigger)),
                new SessionSettings(Duration.ofMinutes(5)), running.upstream(), running.cache(), running.federation());

        ConfigChanges changes = ConfigChanges.between(running, reloaded);

        assertThat(changes.applied()).containsExactly("users", "sources.pg.pool", "sessions");
        assertThat(changes.pools()).containsEntry("pg", bigger);
        assertThat(changes.restartRequired()).isEmpty();
        assertThat(changes.appliedTo(running)).isEqualTo(reloaded);
    }

    @Test
    void listenersConnectionsAndSourceSets_waitForARestart_andStayPendingInTheRunningConfig() {
        JunctionConfig running = config(source("pg", POOL), source("old", POOL));
        SourceSettings moved = new SourceSettings("pg", "jdbc:postgresql://elsewhere/test", "postgres",
                Secret.of("changed"), POOL, Map.of());
        JunctionConfig reloaded = new JunctionConfig(ServerSettings.defaults().withPort(9999), running.admin(),
                running.users(), Map.of("pg", moved, "new", source("new", POOL)));

        ConfigChanges changes = ConfigChanges.between(running, reloaded);

        assertThat(changes.nothingToApply()).isTrue();
        assertThat(changes.restartRequired()).containsExactlyInAnyOrder("server", "sources.pg.url",
                "sources.pg.password", "sources.new (a new source)", "sources.old (removed)");
        assertThat(ConfigChanges.between(changes.appliedTo(running), reloaded).restartRequired())
                .containsExactlyInAnyOrderElementsOf(changes.restartRequired());
    }

    @Test
    void federationSettings_waitForARestart() {
        JunctionConfig running = config(source("pg", POOL));
        JunctionConfig reloaded = new JunctionConfig(running.server(), running.admin(), running.users(),
                running.sources(), running.sessions(), running.upstream(), running.cache(),
                FederationSettings.defaults().withQueryMemoryBytes(1024 * 1024));

        ConfigChanges changes = ConfigChanges.between(running, reloaded);

        assertThat(changes.nothingToApply()).isTrue();
        assertThat(changes.restartRequired()).containsExactly("federation");
        assertThat(changes.appliedTo(running).federation()).isEqualTo(running.federation());
    }

    @Test
    void restartRequiredKeys_neverShowSecrets() {
        JunctionConfig running = config(source("pg", POOL));
        SourceSettings rotated = new SourceSettings("pg", "jdbc:postgresql://127.0.0.1:5432/test", "postgres",
                Secret.of("rotated-secret"), POOL, Map.of());

        ConfigChanges changes = ConfigChanges.between(running, config(rotated));

        assertThat(String.join(" ", changes.restartRequired())).isEqualTo("sources.pg.password")
                .doesNotContain("rotated-secret");
    }

    private static JunctionConfig config(SourceSettings... sources) {
        Map<String, SourceSettings> byName = new java.util.LinkedHashMap<>();
        for (SourceSettings source : sources) {
            byName.put(source.name(), source);
        }
        return new JunctionConfig(ServerSettings.defaults(), AdminSettings.defaults(), List.of(ALICE), byName);
    }

    private static SourceSettings source(String name, PoolSettings pool) {
        return new SourceSettings(name, "jdbc:postgresql://127.0.0.1:5432/test", "postgres", Secret.empty(), pool,
                Map.of());
    }
}
