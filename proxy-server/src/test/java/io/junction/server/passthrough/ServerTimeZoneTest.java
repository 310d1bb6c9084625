package io.junction.server.passthrough;

import io.junction.server.auth.PasswordHasher;
import io.junction.server.testing.Upstream;
import io.junction.server.testing.Upstreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Date;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Properties;
import java.util.TimeZone;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server JVM's time zone changes no value: a gateway in Tokyo serves a client in another zone
 * (the test JVM's) exactly what a direct connection gives that client.
 */
class ServerTimeZoneTest {
    private static final String SERVER_ZONE = "Asia/Tokyo";
    private static Process server;
    private static int port;
    private static Upstream pg;
    private static Upstream maria;

    @BeforeAll
    static void startServerInAnotherZone(@TempDir Path dir) throws Exception {
        assertThat(TimeZone.getDefault().getID()).isNotEqualTo(SERVER_ZONE);
        pg = Upstreams.postgres();
        maria = Upstreams.mariadb();
        pg.execute("DROP TABLE IF EXISTS jt_tz", "CREATE TABLE jt_tz (id int PRIMARY KEY, d date, t time(3),"
                + " ts timestamp(3), tz timestamptz(3))");
        maria.execute("DROP TABLE IF EXISTS jt_tz", "CREATE TABLE jt_tz (id int PRIMARY KEY, d date, t time(3),"
                + " ts datetime(3), tz timestamp(3) NULL)");
        port = freePort();
        Path config = dir.resolve("junction.yaml");
        Files.writeString(config, String.join("\n",
                "server: { host: 127.0.0.1, port: " + port + " }",
                "admin: { host: 127.0.0.1, port: " + freePort() + " }",
                "users:",
                "  - name: zoned",
                "    password-hash: \"" + new PasswordHasher().hash("zoned-pass".toCharArray()) + "\"",
                "    sources: [pg, maria]",
                "sources:",
                "  pg: { url: \"" + pg.url() + "\", user: " + pg.user() + ", password: \"" + pg.password() + "\" }",
                "  maria: { url: \"" + maria.url() + "\", user: " + maria.user() + ", password: \""
                        + maria.password() + "\" }",
                ""));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        server = new ProcessBuilder(java, "-Duser.timezone=" + SERVER_ZONE, "-cp", System.getProperty("java.class.path"),
                "io.junction.server.JunctionMain", "--config", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("server.log").toFile())
                .start();
        awaitPort(port, dir.resolve("server.log"));
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (server != null) {
            server.destroy();
            server.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void postgresValuesAreTheSameAsDirect() throws Exception {
        roundTrip("pg", pg);
    }

    @Test
    void mariaDbValuesAreTheSameAsDirect() throws Exception {
        roundTrip("maria", maria);
    }

    private static void roundTrip(String source, Upstream upstream) throws Exception {
        try (Connection junction = connect(source)) {
            try (Statement statement = junction.createStatement()) {
                statement.execute("DELETE FROM jt_tz");
            }
            try (PreparedStatement insert = junction.prepareStatement("INSERT INTO jt_tz VALUES (?, ?, ?, ?, ?)")) {
                insert.setInt(1, 1);
                insert.setDate(2, Date.valueOf("2001-02-03"));
                insert.setTime(3, new Time(Time.valueOf("04:05:06").getTime() + 789));
                insert.setTimestamp(4, Timestamp.valueOf(LocalDateTime.parse("2020-03-08T02:30:00.250")));
                insert.setTimestamp(5, Timestamp.from(Instant.parse("2021-10-31T01:30:00.125Z")));
                insert.executeUpdate();
            }
            try (Statement statement = junction.createStatement()) {
                statement.execute("INSERT INTO jt_tz VALUES (2, '1900-01-01', '00:00:00', '1970-01-01 00:00:00',"
                        + " '2038-01-19 03:14:07')");
            }
            try (Connection direct = upstream.connect(); Statement viaDirect = direct.createStatement();
                 Statement viaJunction = junction.createStatement()) {
                String query = "SELECT * FROM jt_tz ORDER BY id";
                ValueComparison.assertSameRows(viaDirect.executeQuery(query), viaJunction.executeQuery(query));
            }
        }
    }

    private static Connection connect(String source) throws Exception {
        Properties properties = new Properties();
        properties.setProperty("user", "zoned");
        properties.setProperty("password", "zoned-pass");
        return DriverManager.getConnection("jdbc:junction://127.0.0.1:" + port + "/" + source, properties);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void awaitPort(int port, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                throw new IllegalStateException("Server exited: " + Files.readString(log));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("Server did not listen on " + port + ": " + Files.readString(log));
    }
}
