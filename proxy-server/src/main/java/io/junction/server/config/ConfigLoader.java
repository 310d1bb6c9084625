package io.junction.server.config;

import io.junction.federation.FederationSettings;
import io.junction.server.auth.PasswordHasher;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.regex.Pattern;

/**
 * Reads the YAML config file into a {@link JunctionConfig}, or fails with every problem found, each
 * naming the file, line and key path. Absent keys take the records' {@code defaults()}.
 */
public final class ConfigLoader {
    private static final Pattern SOURCE_NAME = Pattern.compile("[A-Za-z0-9_-]+");
    /** Set at the source level, where the loader can keep them out of logs; not as driver properties. */
    private static final Set<String> RESERVED_PROPERTIES = Set.of("user", "password");

    private final EnvironmentSubstitution substitution;
    private final Set<String> keysRead = new ConcurrentSkipListSet<>();

    /** @param environment what {@code ${VAR}} resolves against: {@code System.getenv()} in production */
    public ConfigLoader(Map<String, String> environment) {
        this.substitution = new EnvironmentSubstitution(environment);
    }

    public static ConfigLoader withSystemEnvironment() {
        return new ConfigLoader(System.getenv());
    }

    public JunctionConfig load(Path file) throws ConfigException {
        String fileName = file.toString();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(fileName, reader);
        } catch (IOException e) {
            throw new ConfigException(new ConfigException.Problem(fileName, 0, "",
                    "cannot read the file (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")"));
        }
    }

    /** @param fileName how messages name the text's origin */
    public JunctionConfig parse(String fileName, String yaml) throws ConfigException {
        return read(fileName, new StringReader(yaml));
    }

    /**
     * The schema paths of every key this loader knows ({@code server.port}, {@code sources.*.pool.max-size},
     * {@code users[].name}), as far as the files it has read reached. The config reference test compares
     * them with its fully specified file, so that a new key cannot go untested.
     */
    Set<String> keysRead() {
        return Collections.unmodifiableSet(new TreeSet<>(keysRead));
    }

    private JunctionConfig read(String fileName, Reader reader) throws ConfigException {
        ConfigReading reading = new ConfigReading(fileName, substitution, keysRead);
        Node root = compose(fileName, reader);
        if (root == null) {
            throw new ConfigException(new ConfigException.Problem(fileName, 0, "",
                    "the file is empty: it needs at least a sources: and a users: section"));
        }
        Optional<ConfigMapping> top = ConfigNode.root(reading, root).mapping();
        reading.throwIfProblems();
        JunctionConfig config = top.map(this::config).orElseThrow();
        reading.throwIfProblems();
        return config;
    }

    private static Node compose(String fileName, Reader reader) throws ConfigException {
        LoaderOptions options = new LoaderOptions();
        // Duplicates are reported by ConfigMapping, with both lines.
        options.setAllowDuplicateKeys(true);
        try {
            return new Yaml(options).compose(reader);
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            int line = mark == null ? 0 : mark.getLine() + 1;
            String problem = e.getProblem() != null ? e.getProblem() : e.getContext();
            throw new ConfigException(new ConfigException.Problem(fileName, line, "", "not valid YAML: " + problem));
        } catch (YAMLException e) {
            throw new ConfigException(new ConfigException.Problem(fileName, 0, "",
                    "not valid YAML: " + e.getMessage()));
        }
    }

    private JunctionConfig config(ConfigMapping top) {
        Optional<ConfigMapping> serverSection = top.optional("server").flatMap(ConfigNode::mapping);
        Optional<ConfigMapping> adminSection = top.optional("admin").flatMap(ConfigNode::mapping);
        ServerSettings server = serverSection.map(this::server).orElse(ServerSettings.defaults());
        AdminSettings admin = adminSection.map(this::admin).orElse(AdminSettings.defaults());
        Map<String, SourceSettings> sources = top.required("sources").flatMap(ConfigNode::mapping)
                .map(this::sources).orElse(Map.of());
        List<UserSettings> users = top.required("users").map(node -> users(node, sources.keySet()))
                .orElse(List.of());
        SessionSettings sessions = top.optional("sessions").flatMap(ConfigNode::mapping).map(this::sessions)
                .orElse(SessionSettings.defaults());
        UpstreamSettings upstream = top.optional("upstream").flatMap(ConfigNode::mapping).map(this::upstream)
                .orElse(UpstreamSettings.defaults());
        CacheSettings cache = top.optional("cache").flatMap(ConfigNode::mapping).map(this::cache)
                .orElse(CacheSettings.defaults());
        FederationSettings federation = top.optional("federation").flatMap(ConfigNode::mapping)
                .map(this::federation).orElse(FederationSettings.defaults());
        top.rejectUnknownKeys();
        if (server.port() != 0 && server.port() == admin.port()) {
            adminSection.flatMap(section -> section.optional("port"))
                    .or(() -> serverSection.flatMap(section -> section.optional("port")))
                    .ifPresent(port -> port.report("server.port and admin.port are both " + server.port()
                            + "; give them different ports"));
        }
        return new JunctionConfig(server, admin, users, sources, sessions, upstream, cache, federation);
    }

    private FederationSettings federation(ConfigMapping federation) {
        FederationSettings defaults = FederationSettings.defaults();
        FederationSettings settings = new FederationSettings(
                federation.optional("catalog-ttl").flatMap(ttl -> ttl.duration(true)).orElse(defaults.catalogTtl()),
                federation.optional("statistics-ttl").flatMap(ttl -> ttl.duration(true))
                        .orElse(defaults.statisticsTtl()),
                federation.optional("max-query-memory").flatMap(ConfigNode::longSizeInBytes)
                        .orElse(defaults.queryMemoryBytes()),
                federation.optional("plan-cache-size").flatMap(ConfigNode::nonNegativeInt)
                        .orElse(defaults.planCacheSize()));
        federation.rejectUnknownKeys();
        return settings;
    }

    private CacheSettings cache(ConfigMapping cache) {
        CacheSettings defaults = CacheSettings.defaults();
        long maxBytes = cache.optional("max-bytes").flatMap(ConfigNode::longSizeInBytes).orElse(defaults.maxBytes());
        Optional<ConfigNode> entryNode = cache.optional("max-entry-bytes");
        long maxEntryBytes = entryNode.flatMap(ConfigNode::sizeInBytes).map(Integer::longValue)
                .orElse(Math.min(defaults.maxEntryBytes(), maxBytes));
        if (maxEntryBytes > maxBytes) {
            entryNode.orElseThrow().report("cache.max-entry-bytes (" + maxEntryBytes
                    + ") must not exceed cache.max-bytes (" + maxBytes + ")");
        }
        cache.rejectUnknownKeys();
        return new CacheSettings(maxBytes, maxEntryBytes);
    }

    private SourceCacheSettings sourceCache(ConfigMapping cache) {
        SourceCacheSettings defaults = SourceCacheSettings.defaults();
        Duration maxTtl = cache.optional("max-ttl").flatMap(d -> d.duration(false)).orElse(defaults.maxTtl());
        Optional<ConfigNode> ttlNode = cache.optional("ttl");
        Duration ttl = ttlNode.flatMap(d -> d.duration(false)).orElse(
                defaults.ttl().compareTo(maxTtl) <= 0 ? defaults.ttl() : maxTtl);
        if (ttl.compareTo(maxTtl) > 0) {
            ttlNode.orElseThrow().report("ttl (" + ttl + ") must not exceed max-ttl (" + maxTtl + ")");
        }
        SourceCacheSettings settings = new SourceCacheSettings(
                cache.optional("enabled").flatMap(ConfigNode::bool).orElse(defaults.enabled()),
                ttl, maxTtl,
                cache.optional("per-user").flatMap(ConfigNode::bool).orElse(defaults.perUser()),
                cache.optional("deterministic-functions").flatMap(ConfigNode::list)
                        .map(items -> items.stream().flatMap(item -> item.nonBlankText("a function name").stream())
                                .map(String::trim).toList())
                        .orElse(defaults.deterministicFunctions()));
        cache.rejectUnknownKeys();
        return settings;
    }

    private ServerSettings server(ConfigMapping server) {
        ServerSettings defaults = ServerSettings.defaults();
        ServerSettings settings = new ServerSettings(
                server.optional("host").flatMap(ConfigLoader::host).orElse(defaults.host()),
                server.optional("port").flatMap(ConfigNode::port).orElse(defaults.port()),
                server.optional("worker-threads").flatMap(ConfigNode::positiveInt).orElse(defaults.workerThreads()),
                server.optional("max-queued-requests").flatMap(ConfigNode::positiveInt)
                        .orElse(defaults.maxQueuedRequests()),
                server.optional("max-request-size").flatMap(ConfigNode::sizeInBytes).orElse(defaults.maxRequestBytes()),
                server.optional("shutdown-grace").flatMap(grace -> grace.duration(true))
                        .orElse(defaults.shutdownGrace()),
                server.optional("max-header-size").flatMap(ConfigNode::sizeInBytes)
                        .orElse(defaults.maxHeaderBytes()));
        server.rejectUnknownKeys();
        return settings;
    }

    private SessionSettings sessions(ConfigMapping sessions) {
        SessionSettings settings = new SessionSettings(sessions.optional("idle-timeout")
                .flatMap(timeout -> timeout.duration(false)).orElse(SessionSettings.defaults().idleTimeout()));
        sessions.rejectUnknownKeys();
        return settings;
    }

    private UpstreamSettings upstream(ConfigMapping upstream) {
        UpstreamSettings settings = new UpstreamSettings(upstream.optional("max-total-connections")
                .flatMap(ConfigNode::positiveInt).orElse(UpstreamSettings.defaults().maxTotalConnections()));
        upstream.rejectUnknownKeys();
        return settings;
    }

    private AdminSettings admin(ConfigMapping admin) {
        AdminSettings defaults = AdminSettings.defaults();
        AdminSettings settings = new AdminSettings(
                admin.optional("host").flatMap(ConfigLoader::host).orElse(defaults.host()),
                admin.optional("port").flatMap(ConfigNode::port).orElse(defaults.port()));
        admin.rejectUnknownKeys();
        return settings;
    }

    private static Optional<String> host(ConfigNode host) {
        return host.nonBlankText("a host name or address").map(String::trim);
    }

    private Map<String, SourceSettings> sources(ConfigMapping sources) {
        if (sources.isEmpty()) {
            sources.report("at least one source is required");
        }
        Map<String, SourceSettings> result = new LinkedHashMap<>();
        sources.freeFormEntries().forEach((name, node) -> {
            if (!SOURCE_NAME.matcher(name).matches()) {
                node.report("a source name may only have letters, digits, '_' and '-' (it is the NAME in "
                        + "jdbc:junction://host:port/NAME)");
            }
            node.mapping().ifPresent(source -> result.put(name, source(name, source)));
        });
        return result;
    }

    private SourceSettings source(String name, ConfigMapping source) {
        String url = source.required("url").flatMap(ConfigLoader::jdbcUrl).orElse("");
        // Absent means "let the driver decide" (the URL may carry the user), so it stays null.
        String user = source.optional("user").flatMap(ConfigNode::text).orElse(null);
        Secret password = source.optional("password").flatMap(ConfigNode::text).map(Secret::of).orElse(Secret.empty());
        PoolSettings pool = source.optional("pool").flatMap(ConfigNode::mapping).map(this::pool)
                .orElse(PoolSettings.defaults());
        Map<String, String> properties = source.optional("properties").flatMap(ConfigNode::mapping)
                .map(ConfigLoader::properties).orElse(Map.of());
        SourceCacheSettings cache = source.optional("cache").flatMap(ConfigNode::mapping).map(this::sourceCache)
                .orElse(SourceCacheSettings.defaults());
        source.rejectUnknownKeys();
        return new SourceSettings(name, url, user, password, pool, properties, cache);
    }

    /** The URL is never echoed: it may carry a password. */
    private static Optional<String> jdbcUrl(ConfigNode url) {
        return url.nonBlankText("a JDBC URL").map(String::trim).filter(text -> {
            if (!text.startsWith("jdbc:")) {
                url.report("expected a JDBC URL starting with jdbc:, such as jdbc:postgresql://host:5432/db");
                return false;
            }
            try {
                DriverManager.getDriver(text);
                return true;
            } catch (SQLException e) {
                url.report("no JDBC driver on the class path accepts this URL; Junction ships drivers for "
                        + "jdbc:postgresql:, jdbc:mariadb: and jdbc:h2:");
                return false;
            }
        });
    }

    private PoolSettings pool(ConfigMapping pool) {
        PoolSettings defaults = PoolSettings.defaults();
        PoolSettings settings = new PoolSettings(
                pool.optional("max-size").flatMap(ConfigNode::positiveInt).orElse(defaults.maxSize()),
                pool.optional("acquire-timeout").flatMap(timeout -> timeout.duration(false))
                        .orElse(defaults.acquireTimeout()),
                pool.optional("idle-close").flatMap(idle -> idle.duration(false)).orElse(defaults.idleClose()),
                pool.optional("max-lifetime").flatMap(lifetime -> lifetime.duration(false))
                        .orElse(defaults.maxLifetime()));
        pool.rejectUnknownKeys();
        return settings;
    }

    private static Map<String, String> properties(ConfigMapping properties) {
        Map<String, String> result = new LinkedHashMap<>();
        properties.freeFormEntries().forEach((key, node) -> {
            if (RESERVED_PROPERTIES.contains(key)) {
                node.report("set the source's own " + key + " key instead, which is kept out of logs");
                return;
            }
            node.text().ifPresent(value -> result.put(key, value));
        });
        return result;
    }

    private static List<UserSettings> users(ConfigNode usersNode, Set<String> sourceNames) {
        List<ConfigNode> items = usersNode.list().orElse(List.of());
        if (items.isEmpty()) {
            usersNode.report("at least one user is required");
        }
        List<UserSettings> result = new ArrayList<>();
        Map<String, Integer> lineOfName = new HashMap<>();
        for (ConfigNode item : items) {
            item.mapping().ifPresent(user -> result.add(user(user, sourceNames, lineOfName)));
        }
        return result;
    }

    private static UserSettings user(ConfigMapping user, Set<String> sourceNames, Map<String, Integer> lineOfName) {
        String name = user.required("name").flatMap(ConfigLoader::userName).orElse("");
        user.optional("name").filter(node -> !name.isEmpty()).ifPresent(node -> {
            Integer first = lineOfName.putIfAbsent(name, node.line());
            if (first != null) {
                node.report("user " + ConfigNode.quote(name) + " is already defined at line " + first);
            }
        });
        String passwordHash = user.required("password-hash").flatMap(ConfigLoader::passwordHash).orElse("");
        List<String> sources = user.optional("sources").flatMap(ConfigNode::list)
                .map(list -> grantedSources(list, sourceNames)).orElse(List.of());
        user.rejectUnknownKeys();
        return new UserSettings(name, passwordHash, sources);
    }

    private static Optional<String> userName(ConfigNode node) {
        return node.nonBlankText("a user name").filter(name -> {
            boolean unusable = name.indexOf(':') >= 0 || !name.strip().equals(name)
                    || name.chars().anyMatch(Character::isISOControl);
            if (unusable) {
                node.report("a user name cannot contain ':' (HTTP Basic authentication splits on it), control "
                        + "characters or surrounding spaces");
                return false;
            }
            return true;
        });
    }

    /** The hash is not echoed: it is not the password, but there is no reason to spread it. */
    private static Optional<String> passwordHash(ConfigNode node) {
        return node.nonBlankText("the output of 'junction-server hash-password'").map(String::trim).filter(hash -> {
            Optional<String> problem = PasswordHasher.formatProblem(hash);
            problem.ifPresent(reason -> node.report("not a password hash printed by 'junction-server hash-password' ("
                    + reason + ")"));
            return problem.isEmpty();
        });
    }

    private static List<String> grantedSources(List<ConfigNode> list, Set<String> sourceNames) {
        Set<String> granted = new LinkedHashSet<>();
        for (ConfigNode item : list) {
            item.text().ifPresent(source -> {
                if (sourceNames.contains(source)) {
                    granted.add(source);
                } else {
                    item.report("no source is named " + ConfigNode.quote(source) + "; defined sources: "
                            + (sourceNames.isEmpty() ? "none" : String.join(", ", sourceNames)));
                }
            });
        }
        return List.copyOf(granted);
    }
}
