package io.junction.server.demo;

import io.junction.server.JunctionServer;
import io.junction.server.config.JunctionConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The demo served by a real gateway (on free ports instead of 8765/8766), reached with the demo
 * credentials through Avatica's own remote client.
 */
class DemoGatewayTest {
    private static DemoEnvironment demo;
    private static JunctionServer server;

    @BeforeAll
    static void start() throws Exception {
        demo = DemoEnvironment.create();
        JunctionConfig config = demo.config();
        server = JunctionServer.start(new JunctionConfig(config.server().withPort(0), config.admin().withPort(0),
                config.users(), config.sources()));
    }

    @AfterAll
    static void stop() throws SQLException {
        if (server != null) {
            server.close();
        }
        demo.close();
    }

    @Test
    void sampleQuery_runsOnShop_withTheDemoCredentials() throws SQLException {
        try (Connection connection = connect("shop", DemoEnvironment.USER, DemoEnvironment.PASSWORD);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(DemoEnvironment.SAMPLE_QUERY)) {
            int count = 0;
            while (rows.next()) {
                assertThat(rows.getString("country")).hasSize(2);
                assertThat(rows.getBigDecimal("revenue")).isPositive();
                count++;
            }
            assertThat(count).isEqualTo(5);
        }
    }

    @Test
    void crm_isGrantedToo() throws SQLException {
        try (Connection connection = connect("crm", DemoEnvironment.USER, DemoEnvironment.PASSWORD);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM accounts")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getLong(1)).isEqualTo(1_500);
        }
    }

    @Test
    void wrongPassword_isRefused() {
        assertThatThrownBy(() -> connect("shop", DemoEnvironment.USER, "not-demo").close())
                .hasMessageContaining("401");
    }

    @Test
    void banner_namesTheBoundPorts() {
        assertThat(demo.banner(server.port(), server.adminPort()))
                .contains("jdbc:junction://127.0.0.1:" + server.port() + "/shop",
                        "Admin:     http://127.0.0.1:" + server.adminPort() + "/ ");
    }

    private static Connection connect(String source, String user, String password) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("avatica_user", user);
        properties.setProperty("avatica_password", password);
        properties.setProperty("authentication", "BASIC");
        properties.setProperty("junction.source", source);
        return DriverManager.getConnection("jdbc:avatica:remote:url=http://127.0.0.1:" + server.port()
                + "/;serialization=protobuf", properties);
    }
}
