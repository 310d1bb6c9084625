package io.junction.jdbc;

import org.junit.jupiter.api.Test;

import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class DriverTest {
    private final Driver driver = new Driver();

    @Test
    void driverManager_findsTheDriverForJunctionUrls() throws SQLException {
        assertThat(DriverManager.getDriver("jdbc:junction://h/pg")).isInstanceOf(Driver.class);
    }

    @Test
    void acceptsURL_onlyJunction() {
        assertThat(driver.acceptsURL("jdbc:junction://h/pg")).isTrue();
        assertThat(driver.acceptsURL("jdbc:junction:anything")).as("malformed, but ours: connect explains").isTrue();
        assertThat(driver.acceptsURL("jdbc:avatica:remote:url=http://h:8765")).isFalse();
        assertThat(driver.acceptsURL(null)).isFalse();
    }

    @Test
    void connect_otherUrl_returnsNullAsJdbcRequires() throws SQLException {
        assertThat(driver.connect("jdbc:postgresql://h/db", new Properties())).isNull();
    }

    @Test
    void version_isJunctionsFromTheBuild() {
        assertThat(driver.getDriverVersion().name).isEqualTo("Junction JDBC Driver");
        assertThat(driver.getDriverVersion().versionString).isEqualTo(System.getProperty("junction.version"));
        assertThat(driver.getMajorVersion()).isZero();
        assertThat(driver.getMinorVersion()).isEqualTo(1);
        assertThat(driver.jdbcCompliant()).isFalse();
    }

    @Test
    void getPropertyInfo_listsEveryProperty_withUrlOverPropertiesOverDefaults() {
        Properties info = new Properties();
        info.setProperty("fetchSize", "5");
        info.setProperty("applicationName", "from-properties");
        info.setProperty("password", "s3cret");

        Map<String, DriverPropertyInfo> byName = byName(
                driver.getPropertyInfo("jdbc:junction://h/pg?applicationName=from-url", info));

        assertThat(byName.keySet()).containsExactlyInAnyOrder("user", "password", "source", "serialization",
                "connectTimeout", "socketTimeout", "fetchSize", "applicationName", "gzip");
        assertThat(byName.get("source").value).isEqualTo("pg");
        assertThat(byName.get("applicationName").value).isEqualTo("from-url");
        assertThat(byName.get("fetchSize").value).isEqualTo("5");
        assertThat(byName.get("connectTimeout").value).isEqualTo("10000");
        assertThat(byName.get("password").value).as("never echoed").isNull();
        assertThat(byName.get("serialization").choices).containsExactly("protobuf", "json");
        assertThat(byName.values()).allSatisfy(p -> assertThat(p.description).isNotBlank());
    }

    @Test
    void getPropertyInfo_malformedUrl_describesPropertiesFromInfoAlone() {
        Properties info = new Properties();
        info.setProperty("user", "alice");

        Map<String, DriverPropertyInfo> byName = byName(driver.getPropertyInfo("jdbc:junction://h:bad", info));

        assertThat(byName.get("user").value).isEqualTo("alice");
        assertThat(byName.get("source").value).isNull();
    }

    private static Map<String, DriverPropertyInfo> byName(DriverPropertyInfo[] infos) {
        return Arrays.stream(infos).collect(Collectors.toMap(i -> i.name, Function.identity()));
    }
}
