package io.junction.server.config;

import io.junction.federation.FederationSettings;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import java.io.StringReader;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static io.junction.server.config.ConfigLoaderTest.HASH;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The config file reference, in the manner of Trino's TestBaseJdbcConfig: the defaults, and a file
 * that sets every key to a value other than its default. A key added to the loader but not to
 * {@link #EVERY_KEY} fails {@link #everyKnownKey_isSetInTheFullFile()}.
 */
class ConfigReferenceTest {
    private static final String MINIMAL = """
            sources:
              pg:
                url: jdbc:postgresql://127.0.0.1:5432/test
            users:
              - name: alice
                password-hash: "%s"
            """.formatted(HASH);

    private static final String EVERY_KEY = """
            server:
              host: 0.0.0.0
              port: 18765
              worker-threads: 8
              max-queued-requests: 99
              max-request-size: 1MB
              shutdown-grace: 3s
              max-header-size: 8KB
            admin:
              host: 10.0.0.1
              port: 18766
            sessions:
              idle-timeout: 90s
            upstream:
              max-total-connections: 40
            users:
              - name: alice
                password-hash: "%s"
                sources: [pg]
            sources:
              pg:
                url: jdbc:postgresql://127.0.0.1:5432/test
                user: postgres
                password: pw
                pool:
                  max-size: 3
                  acquire-timeout: 2s
                  idle-close: 1h
                  max-lifetime: 5m
                properties:
                  sslmode: disable
                cache:
                  enabled: true
                  ttl: 30s
                  max-ttl: 5m
                  per-user: true
                  deterministic-functions: [my_fn]
            cache:
              max-bytes: 1GB
              max-entry-bytes: 32MB
            federation:
              catalog-ttl: 5m
              statistics-ttl: 1h
              max-query-memory: 64MB
              plan-cache-size: 50
            """.formatted(HASH);

    @Test
    void defaults() throws ConfigException {
        JunctionConfig config = new ConfigLoader(Map.of()).parse("minimal.yaml", MINIMAL);

        assertThat(config.server()).isEqualTo(new ServerSettings("127.0.0.1", 8765, 64, 1024, 16 * 1024 * 1024,
                Duration.ofSeconds(20), 16 * 1024));
        assertThat(config.admin()).isEqualTo(new AdminSettings("127.0.0.1", 8766));
        assertThat(config.users()).containsExactly(new UserSettings("alice", HASH, List.of()));
        assertThat(config.sources()).containsExactly(Map.entry("pg", new SourceSettings("pg",
                "jdbc:postgresql://127.0.0.1:5432/test", null, Secret.empty(),
                new PoolSettings(10, Duration.ofSeconds(30), Duration.ofMinutes(10), Duration.ofMinutes(30)),
                Map.of())));
        assertThat(config.server()).isEqualTo(ServerSettings.defaults());
        assertThat(config.admin()).isEqualTo(AdminSettings.defaults());
        assertThat(config.sessions()).isEqualTo(new SessionSettings(Duration.ofMinutes(30)));
        assertThat(config.upstream()).isEqualTo(new UpstreamSettings(1000));
        assertThat(config.sources().get("pg").pool()).isEqualTo(PoolSettings.defaults());
        assertThat(config.sources().get("pg").cache())
                .isEqualTo(new SourceCacheSettings(false, Duration.ofSeconds(60), Duration.ofMinutes(10), false, List.of()));
        assertThat(config.cache()).isEqualTo(new CacheSettings(256L * 1024 * 1024, 16L * 1024 * 1024));
        assertThat(config.federation()).isEqualTo(new FederationSettings(Duration.ofMinutes(1),
                Duration.ofMinutes(10), 256L * 1024 * 1024, 1000));
    }

    @Test
    void explicitPropertyMappings() throws ConfigException {
        JunctionConfig expected = new JunctionConfig(
                new ServerSettings("0.0.0.0", 18765, 8, 99, 1024 * 1024, Duration.ofSeconds(3), 8 * 1024),
                new AdminSettings("10.0.0.1", 18766),
                List.of(new UserSettings("alice", HASH, List.of("pg"))),
                Map.of("pg", new SourceSettings("pg", "jdbc:postgresql://127.0.0.1:5432/test", "postgres",
                        Secret.of("pw"), new PoolSettings(3, Duration.ofSeconds(2), Duration.ofHours(1),
                        Duration.ofMinutes(5)), Map.of("sslmode", "disable"),
                        new SourceCacheSettings(true, Duration.ofSeconds(30), Duration.ofMinutes(5), true,
                                List.of("my_fn")))),
                new SessionSettings(Duration.ofSeconds(90)), new UpstreamSettings(40),
                new CacheSettings(1024L * 1024 * 1024, 32L * 1024 * 1024),
                new FederationSettings(Duration.ofMinutes(5), Duration.ofHours(1), 64L * 1024 * 1024, 50));

        JunctionConfig config = new ConfigLoader(Map.of()).parse("full.yaml", EVERY_KEY);

        assertThat(config).isEqualTo(expected);
        assertEveryComponentDiffers(expected.server(), ServerSettings.defaults());
        assertEveryComponentDiffers(expected.admin(), AdminSettings.defaults());
        assertEveryComponentDiffers(expected.sources().get("pg").pool(), PoolSettings.defaults());
        assertEveryComponentDiffers(expected.sessions(), SessionSettings.defaults());
        assertEveryComponentDiffers(expected.upstream(), UpstreamSettings.defaults());
        assertEveryComponentDiffers(expected.sources().get("pg").cache(), SourceCacheSettings.defaults());
        assertEveryComponentDiffers(expected.cache(), CacheSettings.defaults());
        assertEveryComponentDiffers(expected.federation(), FederationSettings.defaults());
    }

    @Test
    void everyKnownKey_isSetInTheFullFile() throws ConfigException {
        ConfigLoader loader = new ConfigLoader(Map.of());

        loader.parse("full.yaml", EVERY_KEY);

        Set<String> keysInFile = new TreeSet<>();
        collectKeys(new Yaml().compose(new StringReader(EVERY_KEY)), "", keysInFile);
        assertThat(loader.keysRead()).isEqualTo(keysInFile);
    }

    /** Mirrors the loader's schema paths: source names and driver properties are chosen by the file. */
    private static void collectKeys(Node node, String path, Set<String> keys) {
        if (node instanceof SequenceNode list) {
            list.getValue().forEach(item -> collectKeys(item, path + "[]", keys));
        } else if (node instanceof MappingNode mapping) {
            boolean freeForm = path.equals("sources") || path.endsWith(".properties");
            for (NodeTuple tuple : mapping.getValue()) {
                String key = freeForm ? "*" : ((ScalarNode) tuple.getKeyNode()).getValue();
                String child = path.isEmpty() ? key : path + "." + key;
                keys.add(child);
                collectKeys(tuple.getValueNode(), child, keys);
            }
        }
    }

    private static void assertEveryComponentDiffers(Record explicit, Record defaults) {
        for (RecordComponent component : explicit.getClass().getRecordComponents()) {
            assertThat(valueOf(component, explicit))
                    .as("%s.%s must differ from its default in the full file", explicit.getClass().getSimpleName(),
                            component.getName())
                    .isNotEqualTo(valueOf(component, defaults));
        }
    }

    private static Object valueOf(RecordComponent component, Record record) {
        try {
            return component.getAccessor().invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
