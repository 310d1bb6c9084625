package io.junction.jdbc;

import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.remote.Service;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLInvalidAuthorizationSpecException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.util.Base64;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The driver over real loopback HTTP, against {@link FakeAvaticaServer} or no server at all. */
class DriverConnectTest {
    private FakeAvaticaServer server;

    @BeforeEach
    void startServer() throws IOException {
        server = FakeAvaticaServer.start();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void connect_closedPort_08001NamingHostAndPort() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }

        assertThatThrownBy(() -> DriverManager.getConnection("jdbc:junction://127.0.0.1:" + closedPort + "/pg"))
                .isInstanceOfSatisfying(SQLTransientConnectionException.class,
                        e -> assertThat(e.getSQLState()).isEqualTo("08001"))
                .hasMessage("Could not connect to Junction at 127.0.0.1:" + closedPort + ": connection refused."
                        + " Check that the server is running and the URL is right.");
    }

    @Test
    void connect_unknownHost_08001() {
        // .invalid never resolves (RFC 6761).
        assertThatThrownBy(() -> DriverManager.getConnection("jdbc:junction://no-such-host.invalid:9/pg"))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("08001"))
                .hasMessageStartingWith("Could not connect to Junction at no-such-host.invalid:9: unknown host.");
    }

    @Test
    void connect_sendsSourceAndApplicationNameInTheBody_credentialsOnlyInTheHeader() throws SQLException {
        Properties info = new Properties();
        info.setProperty("user", "alice");
        info.setProperty("password", "s3cret");
        info.setProperty("applicationName", "Metabase");

        DriverManager.getConnection(server.jdbcUrl("/pg"), info).close();

        Service.OpenConnectionRequest open = server.first(Service.OpenConnectionRequest.class);
        assertThat(open.info).containsOnlyKeys("junction.source", "junction.applicationName", "junction.timeZone",
                        "junction.temporal", "junction.parameters")
                .containsEntry("junction.source", "pg").containsEntry("junction.applicationName", "Metabase")
                .containsEntry("junction.temporal", "micros").containsEntry("junction.parameters", "tagged");
        assertThat(server.exchanges()).hasSize(2).allSatisfy(exchange -> {
            assertThat(exchange.authorization()).isEqualTo("Basic "
                    + Base64.getEncoder().encodeToString("alice:s3cret".getBytes(StandardCharsets.UTF_8)));
            assertThat(exchange.contentType()).isEqualTo("application/octet-stream");
            assertThat(exchange.acceptEncoding()).isEqualTo("gzip");
            assertThat(exchange.json()).isFalse();
        });
    }

    @Test
    void connect_noSource_federatedCatalog_noSourceKey_noAuthorization() throws SQLException {
        DriverManager.getConnection(server.jdbcUrl("/?gzip=false")).close();

        Map<String, String> info = server.first(Service.OpenConnectionRequest.class).info;
        assertThat(info).as("no source key: the federated catalog").doesNotContainKey("junction.source")
                .containsOnlyKeys("junction.timeZone", "junction.temporal", "junction.parameters");
        assertThat(server.exchanges().get(0).authorization()).isNull();
        assertThat(server.exchanges().get(0).acceptEncoding()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"protobuf", "json"})
    void query_bothSerializations_gzippedFrames_aFetch_oneKeptAliveConnection(String serialization)
            throws SQLException {
        server.gzipWhenAccepted();

        try (Connection connection = DriverManager.getConnection(server.jdbcUrl("/pg?serialization=" + serialization));
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT N")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getInt(1)).isEqualTo(1);
            assertThat(rows.next()).isTrue();
            assertThat(rows.getInt("N")).isEqualTo(2);
            assertThat(rows.next()).as("third row comes from a FetchRequest").isTrue();
            assertThat(rows.getInt(1)).isEqualTo(3);
            assertThat(rows.next()).isFalse();
            assertThat(connection.getAutoCommit()).isTrue();
            assertThat(connection.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_READ_COMMITTED);
        }
        assertThat(server.exchanges()).allSatisfy(e -> assertThat(e.json()).isEqualTo(serialization.equals("json")));
        assertThat(server.exchanges()).extracting(FakeAvaticaServer.Exchange::clientPort)
                .as("one kept-alive TCP connection")
                .containsOnly(server.exchanges().get(0).clientPort());
        assertThat(server.first(Service.CloseConnectionRequest.class)).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"protobuf", "json"})
    void databaseMetaData_productIsTheServers_driverIsJunction(String serialization) throws SQLException {
        server.databaseProperties(Map.of(
                Meta.DatabaseProperty.GET_DATABASE_PRODUCT_NAME, "PostgreSQL",
                Meta.DatabaseProperty.GET_DATABASE_PRODUCT_VERSION, "15.18",
                Meta.DatabaseProperty.GET_DATABASE_MAJOR_VERSION, 15,
                Meta.DatabaseProperty.GET_DATABASE_MINOR_VERSION, 18));

        String url = server.jdbcUrl("/pg?serialization=" + serialization);
        try (Connection connection = DriverManager.getConnection(url)) {
            DatabaseMetaData metaData = connection.getMetaData();
            assertThat(metaData.getDatabaseProductName()).isEqualTo("PostgreSQL");
            assertThat(metaData.getDatabaseProductVersion()).isEqualTo("15.18");
            assertThat(metaData.getDatabaseMajorVersion()).isEqualTo(15);
            assertThat(metaData.getDatabaseMinorVersion()).isEqualTo(18);
            assertThat(metaData.getDriverName()).isEqualTo("Junction JDBC Driver");
            assertThat(metaData.getJDBCMajorVersion() + "." + metaData.getJDBCMinorVersion()).isEqualTo("4.2");
        }
    }

    @Test
    void databaseMetaData_serverReportsNoProduct_junctionsOwn() throws SQLException {
        try (Connection connection = DriverManager.getConnection(server.jdbcUrl("/"))) {
            assertThat(connection.getMetaData().getDatabaseProductName()).isEqualTo("Junction");
            assertThat(connection.getMetaData().getDatabaseMajorVersion()).isZero();
        }
    }

    @Test
    void connect_401_28000NamingTheUserButNotThePassword() {
        server.answerAllWith(401, "");
        Properties info = new Properties();
        info.setProperty("user", "alice");
        info.setProperty("password", "wrong-s3cret");

        assertThatThrownBy(() -> DriverManager.getConnection(server.jdbcUrl("/pg"), info))
                .isInstanceOfSatisfying(SQLInvalidAuthorizationSpecException.class,
                        e -> assertThat(e.getSQLState()).isEqualTo("28000"))
                .hasMessage("Authentication failed for user 'alice' at Junction 127.0.0.1:" + server.port() + ".")
                .hasMessageNotContaining("wrong-s3cret");
    }

    @Test
    void connect_401WithoutUser_28000AskingForCredentials() {
        server.answerAllWith(401, "");

        assertThatThrownBy(() -> DriverManager.getConnection(server.jdbcUrl("/pg")))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("28000"))
                .hasMessageContaining("requires authentication: set the user and password properties");
    }

    @Test
    void connect_unexpectedStatus_08006QuotingAShortBody() {
        server.answerAllWith(404, "no route\nhere");

        assertThatThrownBy(() -> DriverManager.getConnection(server.jdbcUrl("/pg")))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("08006"))
                .hasMessageContaining("answered HTTP 404: no route here.");
    }

    @Test
    void connect_proxyErrorPageAs500_08006InsteadOfAParseError() {
        server.answerAllWith(500, "<html><body>Bad Gateway</body></html>");

        assertThatThrownBy(() -> DriverManager.getConnection(server.jdbcUrl("/pg")))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("08006"))
                .hasMessageContaining("answered HTTP 500 with something that is not an Avatica message: <html>");
    }

    @Test
    void connect_serverErrorResponse_keepsTheServersSqlState() {
        server.failOpenConnection("28000", "source 'pg' is not granted to this user");

        assertThatThrownBy(() -> DriverManager.getConnection(server.jdbcUrl("/pg")))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("28000"))
                .hasMessageContaining("source 'pg' is not granted to this user");
    }

    @Test
    void connect_badPropertyValue_22023BeforeAnythingIsSent() {
        assertThatThrownBy(() -> DriverManager.getConnection(server.jdbcUrl("/pg?socketTimeout=-5")))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("22023"));
        assertThat(server.exchanges()).isEmpty();
    }

    @Test
    void laterCalls_serverGone_sqlExceptionsOfClass08NamingTheAddress_closeStillSucceeds() throws SQLException {
        Connection connection = DriverManager.getConnection(server.jdbcUrl("/pg"));
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT N");
        assertThat(rows.next()).isTrue();
        server.close();

        String address = "127.0.0.1:" + server.port();
        assertThatThrownBy(rows::next).as("leaving the first frame fetches the next")
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).startsWith("08"))
                .hasMessageContaining(address);
        assertThatThrownBy(() -> connection.setAutoCommit(false)).as("property changes are sent at once")
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).startsWith("08"))
                .hasMessageContaining(address);
        assertThatThrownBy(connection::getAutoCommit)
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).startsWith("08"))
                .hasMessageContaining(address);
        assertThatThrownBy(connection::createStatement)
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).startsWith("08"));
        assertThatThrownBy(connection::commit)
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).startsWith("08"));
        assertThatThrownBy(() -> statement.executeQuery("SELECT N"))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).startsWith("08"))
                .hasMessageContaining(address);
        connection.close();
        assertThat(connection.isClosed()).as("closed locally; the server expires its session").isTrue();
    }

    @Test
    void socketTimeout_serverSilent_HYT00() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                // Reads the request and never answers, until the client gives up and closes.
                try (Socket socket = silent.accept()) {
                    socket.getInputStream().readAllBytes();
                } catch (IOException e) {
                    // the client closed the connection: the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            String url = "jdbc:junction://127.0.0.1:" + silent.getLocalPort() + "/pg?socketTimeout=200";

            assertThatThrownBy(() -> DriverManager.getConnection(url))
                    .isInstanceOfSatisfying(SQLTimeoutException.class,
                            e -> assertThat(e.getSQLState()).isEqualTo("HYT00"))
                    .hasMessageContaining("did not answer within 200 ms (socketTimeout)");
        }
    }
}
