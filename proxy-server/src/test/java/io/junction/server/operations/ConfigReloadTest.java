package io.junction.server.operations;

import io.junction.server.JunctionServer;
import io.junction.server.auth.PasswordHasher;
import io.junction.server.config.ConfigLoader;
import io.junction.server.testing.AdminHttp;
import io.junction.server.testing.Upstream;
import io.junction.server.testing.Upstreams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Hot reload through the real server and driver, against real PostgreSQL: a saved config file
 * changes users, grants and pools of the running gateway, a broken one changes nothing.
 */
class ConfigReloadTest {
    private static final PasswordHasher HASHER = new PasswordHasher();
    private static final String FIRST_PASSWORD = "first-secret";
    private static final String SECOND_PASSWORD = "second-secret";
    private static final String FIRST_HASH = HASHER.hash(FIRST_PASSWORD.toCharArray());
    private static final String SECOND_HASH = HASHER.hash(SECOND_PASSWORD.toCharArray());

    private static Upstream postgres;

    @TempDir
    Path dir;
    private Path file;
    private JunctionServer server;

    @BeforeAll
    static void table() throws SQLException {
        postgres = Upstreams.postgres();
        try (Connection direct = postgres.connect(); Statement statement = direct.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS jo_reload");
            statement.execute("CREATE TABLE jo_reload (id int PRIMARY KEY)");
        }
    }

    @BeforeEach
    void start() throws Exception {
        file = dir.resolve("junction.yaml");
        write(FIRST_HASH, "[pg, mem]", 3, "30s", "");
        server = JunctionServer.start(new ConfigLoader(Map.of()).load(file));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void changedPassword_appliesWithoutRestart_andTheOldOneIsRefused() throws Exception {
        server.watchConfig(file, new ConfigLoader(Map.of()), Duration.ZERO);
        connect("pg", FIRST_PASSWORD).close();

        write(SECOND_HASH, "[pg, mem]", 3, "30s", "");
        HttpResponse<String> reload = AdminHttp.call(server.adminPort(), "POST", "/config/reload");

        assertThat(reload.statusCode()).isEqualTo(200);
        assertThat(reload.body()).contains("\"outcome\":\"applied\"", "\"applied\":[\"users\"]");
        assertThatThrownBy(() -> connect("pg", FIRST_PASSWORD)).isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("28000"));
        try (Connection connection = connect("pg", SECOND_PASSWORD)) {
            assertThat(one(connection, "SELECT 42")).isEqualTo(42);
        }
    }

    @Test
    void revokedGrant_closesOpenSessionsWithoutCommitting_andRefusesNewOnes() throws Exception {
        server.watchConfig(file, new ConfigLoader(Map.of()), Duration.ZERO);
        try (Connection connection = connect("pg", FIRST_PASSWORD)) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.executeUpdate("INSERT INTO jo_reload VALUES (1)");
            }

            write(FIRST_HASH, "[mem]", 3, "30s", "");
            assertThat(AdminHttp.call(server.adminPort(), "POST", "/config/reload").statusCode()).isEqualTo(200);

            assertThatThrownBy(() -> one(connection, "SELECT 1")).isInstanceOf(SQLException.class);
        }
        try (Connection direct = postgres.connect()) {
            assertThat(one(direct, "SELECT count(*) FROM jo_reload")).isZero();
        }
        assertThatThrownBy(() -> connect("pg", FIRST_PASSWORD)).isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("28000"));
        try (Connection stillGranted = connect("mem", FIRST_PASSWORD)) {
            assertThat(one(stillGranted, "SELECT 7")).isEqualTo(7);
        }
    }

    @Test
    void changedPoolSection_retunesTheRunningPool() throws Exception {
        server.watchConfig(file, new ConfigLoader(Map.of()), Duration.ZERO);
        write(FIRST_HASH, "[pg, mem]", 1, "1s", "");
        HttpResponse<String> reload = AdminHttp.call(server.adminPort(), "POST", "/config/reload");

        assertThat(reload.body()).contains("sources.pg.pool");
        assertThat(AdminHttp.call(server.adminPort(), "GET", "/pools").body())
                .contains("\"source\":\"pg\"", "\"max-size\":1", "\"acquire-timeout\":\"1s\"");
        try (Connection holder = connect("pg", FIRST_PASSWORD); Connection other = connect("pg", FIRST_PASSWORD)) {
            holder.setAutoCommit(false);
            one(holder, "SELECT 1");
            assertThatThrownBy(() -> one(other, "SELECT 2")).isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("53300"))
                    .hasMessageContaining("max=1");
            holder.rollback();
        }
    }

    @Test
    void brokenFile_isRefusedWithFileLineAndKey_andTheRunningConfigStays() throws Exception {
        server.watchConfig(file, new ConfigLoader(Map.of()), Duration.ZERO);
        Files.writeString(file, Files.readString(file).replace("max-size: 3", "max-size: many"));

        HttpResponse<String> reload = AdminHttp.call(server.adminPort(), "POST", "/config/reload");

        assertThat(reload.statusCode()).isEqualTo(422);
        assertThat(reload.body()).contains("\"outcome\":\"rejected\"",
                file + ":" + lineOf("max-size") + ": sources.pg.pool.max-size");
        assertThat(AdminHttp.call(server.adminPort(), "GET", "/config").body()).contains("\"outcome\":\"rejected\"");
        assertThat(AdminHttp.call(server.adminPort(), "GET", "/pools").body()).contains("\"max-size\":3");
        try (Connection connection = connect("pg", FIRST_PASSWORD)) {
            assertThat(one(connection, "SELECT 5")).isEqualTo(5);
        }
    }

    @Test
    void aNewSource_isReportedAsWaitingForARestart() throws Exception {
        server.watchConfig(file, new ConfigLoader(Map.of()), Duration.ZERO);
        write(FIRST_HASH, "[pg, mem]", 3, "30s", """
                  extra:
                    url: jdbc:h2:mem:jo_extra
                """);

        HttpResponse<String> reload = AdminHttp.call(server.adminPort(), "POST", "/config/reload");

        assertThat(reload.statusCode()).isEqualTo(200);
        assertThat(reload.body()).contains("\"outcome\":\"unchanged\"", "sources.extra (a new source)");
    }

    @Test
    void savedFile_isPickedUpWithoutBeingAsked() throws Exception {
        server.watchConfig(file, new ConfigLoader(Map.of()), Duration.ofMillis(100));

        write(SECOND_HASH, "[pg, mem]", 3, "30s", "");

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!AdminHttp.call(server.adminPort(), "GET", "/config").body().contains("\"outcome\":\"applied\"")) {
            assertThat(System.nanoTime()).as("the watcher applies the saved file").isLessThan(deadline);
            Thread.sleep(50);
        }
        try (Connection connection = connect("pg", SECOND_PASSWORD)) {
            assertThat(one(connection, "SELECT 9")).isEqualTo(9);
        }
    }

    @Test
    void withoutAConfigFile_reloadIsRefusedWithTheReason() throws Exception {
        HttpResponse<String> reload = AdminHttp.call(server.adminPort(), "POST", "/config/reload");

        assertThat(reload.statusCode()).isEqualTo(409);
        assertThat(reload.body()).contains("without --config");
    }

    private void write(String hash, String grants, int maxSize, String acquireTimeout, String extraSources)
            throws Exception {
        Files.writeString(file, """
                server: { host: 127.0.0.1, port: 0 }
                admin: { host: 127.0.0.1, port: 0 }
                users:
                  - name: alice
                    password-hash: "%s"
                    sources: %s
                sources:
                  pg:
                    url: %s
                    user: %s
                    pool:
                      max-size: %d
                      acquire-timeout: %s
                  mem:
                    url: jdbc:h2:mem:jo_reload
                %s""".formatted(hash, grants, postgres.url(), postgres.user(), maxSize, acquireTimeout,
                extraSources), StandardCharsets.UTF_8);
    }

    private int lineOf(String text) throws Exception {
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError(text + " is not in " + file);
    }

    private Connection connect(String source, String password) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", "alice");
        properties.setProperty("password", password);
        return DriverManager.getConnection("jdbc:junction://127.0.0.1:" + server.port() + "/" + source, properties);
    }

    private static int one(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
