package io.junction.server.testing;

import io.junction.federation.FederationSettings;
import io.junction.server.JunctionServer;
import io.junction.server.auth.PasswordHasher;
import io.junction.server.config.AdminSettings;
import io.junction.server.config.CacheSettings;
import io.junction.server.config.JunctionConfig;
import io.junction.server.config.PoolSettings;
import io.junction.server.config.Secret;
import io.junction.server.config.ServerSettings;
import io.junction.server.config.SessionSettings;
import io.junction.server.config.UpstreamSettings;
import io.junction.server.config.SourceCacheSettings;
import io.junction.server.config.SourceSettings;
import io.junction.server.config.UserSettings;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * A real Junction server started in-process on free ports, in front of real upstreams, reached
 * through the real (shaded) driver. User {@link #USER} may use every source; user
 * {@link #OUTSIDER} only the first one.
 */
public final class TestGateway implements AutoCloseable {
    public static final String USER = "tester";
    public static final String PASSWORD = "tester-secret";
    public static final String OUTSIDER = "outsider";
    public static final String OUTSIDER_PASSWORD = "outsider-secret";

    private static final PasswordHasher HASHER = new PasswordHasher();
    private static final Map<String, String> HASHES = new java.util.concurrent.ConcurrentHashMap<>();

    private final JunctionServer server;

    private TestGateway(JunctionServer server) {
        this.server = server;
    }

    /** Starts a gateway with the given sources (name to upstream), in order. */
    public static TestGateway start(Map<String, Upstream> upstreams) throws Exception {
        return start(upstreams, ServerSettings.defaults().withPort(0));
    }

    public static TestGateway start(Map<String, Upstream> upstreams, ServerSettings server) throws Exception {
        return start(upstreams, server, Map.of(), CacheSettings.defaults());
    }

    /**
     * A gateway whose sources use the given cache settings (absent: the defaults, cache off).
     */
    public static TestGateway start(Map<String, Upstream> upstreams, Map<String, SourceCacheSettings> sourceCaches,
                                    CacheSettings cache) throws Exception {
        return start(upstreams, ServerSettings.defaults().withPort(0), sourceCaches, cache);
    }

    private static TestGateway start(Map<String, Upstream> upstreams, ServerSettings server,
                                     Map<String, SourceCacheSettings> sourceCaches, CacheSettings cache)
            throws Exception {
        Map<String, SourceSettings> sources = new LinkedHashMap<>();
        upstreams.forEach((name, upstream) -> sources.put(name, new SourceSettings(name, upstream.url(),
                upstream.user(), Secret.of(upstream.password()), PoolSettings.defaults(), Map.of(),
                sourceCaches.getOrDefault(name, SourceCacheSettings.defaults()))));
        return startWith(sources, server, SessionSettings.defaults(), UpstreamSettings.defaults(), cache);
    }

    /** A source for {@link #startWith}: the upstream with these pool settings and driver properties. */
    public static SourceSettings source(String name, Upstream upstream, PoolSettings pool,
                                        Map<String, String> properties) {
        return new SourceSettings(name, upstream.url(), upstream.user(), Secret.of(upstream.password()), pool,
                properties);
    }

    /** Starts a gateway with fully specified sources and limits. */
    public static TestGateway startWith(Map<String, SourceSettings> sources, ServerSettings server,
                                        SessionSettings sessions, UpstreamSettings upstream) throws Exception {
        return startWith(sources, server, sessions, upstream, CacheSettings.defaults());
    }

    private static TestGateway startWith(Map<String, SourceSettings> sources, ServerSettings server,
                                         SessionSettings sessions, UpstreamSettings upstream, CacheSettings cache)
            throws Exception {
        List<String> all = new ArrayList<>(sources.keySet());
        List<UserSettings> users = List.of(
                new UserSettings(USER, hash(PASSWORD), all),
                new UserSettings(OUTSIDER, hash(OUTSIDER_PASSWORD), all.subList(0, 1)));
        JunctionConfig config = new JunctionConfig(server, AdminSettings.defaults().withPort(0), users, sources,
                sessions, upstream, cache, FederationSettings.defaults());
        return new TestGateway(JunctionServer.start(config));
    }

    public String url(String source) {
        return "jdbc:junction://127.0.0.1:" + server.port() + "/" + source;
    }

    public Connection connect(String source) throws SQLException {
        return connect(source, USER, PASSWORD);
    }

    public Connection connect(String source, String user, String password) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        return DriverManager.getConnection(url(source), properties);
    }

    public int port() {
        return server.port();
    }

    public int adminPort() {
        return server.adminPort();
    }

    public JunctionServer server() {
        return server;
    }

    @Override
    public void close() {
        server.close();
    }

    private static String hash(String password) {
        // PBKDF2 is deliberately slow: hash each test password once per JVM.
        return HASHES.computeIfAbsent(password, p -> HASHER.hash(p.toCharArray()));
    }
}
