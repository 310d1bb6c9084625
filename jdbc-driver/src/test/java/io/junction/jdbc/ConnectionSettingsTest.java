package io.junction.jdbc;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConnectionSettingsTest {

    @Test
    void of_defaults() throws SQLException {
        ConnectionSettings settings = ConnectionSettings.of("jdbc:junction://h", new Properties());

        assertThat(settings.endpoint()).hasToString("http://h:8765/");
        assertThat(settings.json()).isFalse();
        assertThat(settings.connectTimeoutMillis()).isEqualTo(10_000);
        assertThat(settings.socketTimeoutMillis()).isZero();
        assertThat(settings.gzip()).isTrue();
        assertThat(settings.user()).isNull();
        assertThat(settings.openConnectionInfo())
                .containsOnly(Map.entry("junction.timeZone", java.util.TimeZone.getDefault().getID()),
                        Map.entry("junction.temporal", "micros"), Map.entry("junction.parameters", "tagged"));
    }

    @Test
    void openConnectionInfo_json_announcesNoParameterTags() throws SQLException {
        Properties info = new Properties();
        info.setProperty("serialization", "json");

        ConnectionSettings settings = ConnectionSettings.of("jdbc:junction://h/pg", info);

        assertThat(settings.taggedParameters()).as("JSON requests cannot carry the tags").isFalse();
        assertThat(settings.openConnectionInfo()).doesNotContainKey("junction.parameters");
    }

    @Test
    void of_urlWinsOverPropertiesForEveryKey() throws SQLException {
        Properties info = new Properties();
        info.setProperty("user", "bob");
        info.setProperty("password", "from-properties");
        info.setProperty("serialization", "protobuf");
        info.setProperty("connectTimeout", "1");
        info.setProperty("gzip", "true");

        ConnectionSettings settings = ConnectionSettings.of(
                "jdbc:junction://h:1234/pg?serialization=json&connectTimeout=2&gzip=false&password=from-url", info);

        assertThat(settings.user()).isEqualTo("bob");
        assertThat(settings.password()).isEqualTo("from-url");
        assertThat(settings.json()).isTrue();
        assertThat(settings.connectTimeoutMillis()).isEqualTo(2);
        assertThat(settings.gzip()).isFalse();
        assertThat(settings.address()).isEqualTo("h:1234");
    }

    @Test
    void openConnectionInfo_carriesSourceAndApplicationName_neverCredentials() throws SQLException {
        Properties info = new Properties();
        info.setProperty("user", "alice");
        info.setProperty("password", "s3cret");
        info.setProperty("applicationName", "Metabase");
        info.setProperty("somethingElse", "x");

        Map<String, String> open = ConnectionSettings.of("jdbc:junction://h/pg", info).openConnectionInfo();

        assertThat(open).containsOnly(
                Map.entry("junction.source", "pg"), Map.entry("junction.applicationName", "Metabase"),
                Map.entry("junction.timeZone", java.util.TimeZone.getDefault().getID()),
                Map.entry("junction.temporal", "micros"), Map.entry("junction.parameters", "tagged"));
    }

    @Test
    void toAvaticaInfo_roundTripsAndRoutesAvaticaThroughJunction() throws SQLException {
        Properties info = new Properties();
        info.setProperty("user", "alice");
        info.setProperty("fetchSize", "250");
        ConnectionSettings settings = ConnectionSettings.of("jdbc:junction://[::1]:9/pg?socketTimeout=30", info);

        Properties avatica = settings.toAvaticaInfo();
        ConnectionSettings back = ConnectionSettings.fromAvaticaInfo(avatica);

        assertThat(avatica.getProperty("url")).isEqualTo("http://[::1]:9/");
        assertThat(avatica.getProperty("factory")).isEqualTo(JunctionServiceFactory.class.getName());
        assertThat(avatica.getProperty("fetch_size")).isEqualTo("250");
        assertThat(back.address()).isEqualTo("[::1]:9");
        assertThat(back.user()).isEqualTo("alice");
        assertThat(back.socketTimeoutMillis()).isEqualTo(30);
        assertThat(back.openConnectionInfo()).isEqualTo(settings.openConnectionInfo());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "connectTimeout | soon | a whole number of milliseconds, 0 or more",
            "socketTimeout | -1 | a whole number of milliseconds, 0 or more",
            "fetchSize | 0 | a whole number of at least 1",
            "fetchSize | 99999999999 | a whole number of at least 1",
            "gzip | yes | true or false",
            "serialization | xml | one of protobuf, json",
    })
    void of_badValue_22023NamingPropertyAndExpectation(String key, String value, String expected) {
        Properties info = new Properties();
        info.setProperty(key, value);

        assertThatThrownBy(() -> ConnectionSettings.of("jdbc:junction://h", info))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("22023"))
                .hasMessageContaining("'" + value + "'").hasMessageContaining(key).hasMessageContaining(expected);
    }

    @Test
    void of_badValueInUrl_22023() {
        assertThatThrownBy(() -> ConnectionSettings.of("jdbc:junction://h?fetchSize=many", new Properties()))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("22023"))
                .hasMessageContaining("fetchSize");
    }

    @Test
    void of_userWithColon_22023() {
        Properties info = new Properties();
        info.setProperty("user", "a:b");

        assertThatThrownBy(() -> ConnectionSettings.of("jdbc:junction://h", info))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("22023"))
                .hasMessageContaining("':'");
    }
}
