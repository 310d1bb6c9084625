package io.junction.server.multiplex;

import io.junction.server.config.ServerSettings;
import io.junction.server.config.SessionSettings;
import io.junction.server.config.SourceSettings;
import io.junction.server.config.UpstreamSettings;
import io.junction.server.testing.TestGateway;
import io.junction.server.testing.Upstream;
import io.junction.server.testing.Upstreams;
import io.junction.server.upstream.Dialect;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.junction.server.multiplex.Sql.run;
import static io.junction.server.multiplex.Sql.text;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code jdbc:mysql:} sources go through the MariaDB driver, which accepts that scheme only when the URL names
 * {@code permitMysqlScheme}. No MySQL server runs here: the end-to-end case points a {@code jdbc:mysql:} URL at
 * the MariaDB test server, which shows the URL handling and Junction's policy for the MySQL dialect (a connection
 * left dirty is evicted, since the driver never sends COM_RESET_CONNECTION to MySQL); MySQL's own behaviour is not
 * tested.
 */
class MysqlSchemeTest {
    private static final Pattern EVICTED =
            Pattern.compile("(?m)^junction_sessions_resets_total\\{outcome=\"evicted\"} (\\S+)$");

    @Test
    void mysqlUrls_gainPermitMysqlScheme_whichTheMariaDbDriverNeeds() throws Exception {
        assertThat(Dialect.fromUrl("jdbc:mysql://db:3306/app")).isEqualTo(Dialect.MYSQL);
        assertThat(Dialect.MYSQL.driverUrl("jdbc:mysql://db:3306/app"))
                .isEqualTo("jdbc:mysql://db:3306/app?permitMysqlScheme");
        assertThat(Dialect.MYSQL.driverUrl("jdbc:mysql://db/app?sslMode=verify-full"))
                .isEqualTo("jdbc:mysql://db/app?sslMode=verify-full&permitMysqlScheme");
        assertThat(Dialect.MYSQL.driverUrl("jdbc:mysql://db/app?permitMysqlScheme&a=b"))
                .isEqualTo("jdbc:mysql://db/app?permitMysqlScheme&a=b");
        assertThat(Dialect.MARIADB.driverUrl("jdbc:mariadb://db/app")).isEqualTo("jdbc:mariadb://db/app");

        org.mariadb.jdbc.Driver driver = new org.mariadb.jdbc.Driver();
        assertThat(driver.acceptsURL("jdbc:mysql://db:3306/app")).isFalse();
        assertThat(driver.acceptsURL(Dialect.MYSQL.driverUrl("jdbc:mysql://db:3306/app"))).isTrue();
    }

    @Test
    void mysqlSource_runsThroughTheMariaDbDriver_andEvictsDirtyConnectionsInsteadOfResettingThem() throws Exception {
        Upstream mariadb = Upstreams.mariadb();
        Upstream mysqlScheme = new Upstream("MySQL scheme", mariadb.url().replaceFirst("^jdbc:mariadb:", "jdbc:mysql:"),
                mariadb.user(), mariadb.password());
        Map<String, SourceSettings> sources = Map.of("my", TestGateway.source("my", mysqlScheme,
                PostgresSessionStateTest.pool(1), Map.of()));
        try (TestGateway gateway = TestGateway.startWith(sources, ServerSettings.defaults().withPort(0),
                SessionSettings.defaults(), UpstreamSettings.defaults());
             Connection a = gateway.connect("my"); Connection b = gateway.connect("my")) {
            String clean = text(b, "SELECT @@session.time_zone");
            String first = text(a, "SELECT CONNECTION_ID()");
            run(a, "SET time_zone = '+05:00'");
            double evicted = evictions(gateway);

            assertThat(text(b, "SELECT @@session.time_zone")).isEqualTo(clean);
            assertThat(text(b, "SELECT CONNECTION_ID()")).as("a new physical connection").isNotEqualTo(first);
            assertThat(evictions(gateway)).isEqualTo(evicted + 1);
            assertThat(text(a, "SELECT @@session.time_zone")).isEqualTo("+05:00");
        }
    }

    private static double evictions(TestGateway gateway) throws Exception {
        Matcher found = EVICTED.matcher(Sql.adminGet(gateway.adminPort(), "/metrics"));
        assertThat(found.find()).isTrue();
        return Double.parseDouble(found.group(1));
    }
}
