package io.junction.jdbc;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.SQLException;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JunctionUrlTest {

    @Test
    void parse_hostPortAndSource() throws SQLException {
        JunctionUrl url = JunctionUrl.parse("jdbc:junction://db.example.com:9000/pg");

        assertThat(url.host()).isEqualTo("db.example.com");
        assertThat(url.port()).isEqualTo(9000);
        assertThat(url.source()).isEqualTo("pg");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "jdbc:junction://gateway", "jdbc:junction://gateway/", "jdbc:junction://gateway?gzip=false"})
    void parse_withoutPortOrSource_defaultPortAndFederatedCatalog(String text) throws SQLException {
        JunctionUrl url = JunctionUrl.parse(text);

        assertThat(url.host()).isEqualTo("gateway");
        assertThat(url.port()).isEqualTo(8765);
        assertThat(url.source()).isNull();
    }

    @ParameterizedTest
    @CsvSource({
            "jdbc:junction://[::1]:9000/pg, [::1], 9000",
            "jdbc:junction://[::1]/pg, [::1], 8765",
            "jdbc:junction://[2001:db8::7]:1/pg, [2001:db8::7], 1",
            "jdbc:junction://[::ffff:127.0.0.1]:65535/pg, [::ffff:127.0.0.1], 65535",
            "jdbc:junction://127.0.0.1/pg, 127.0.0.1, 8765",
    })
    void parse_addresses(String text, String host, int port) throws SQLException {
        JunctionUrl url = JunctionUrl.parse(text);

        assertThat(url.host()).isEqualTo(host);
        assertThat(url.port()).isEqualTo(port);
        assertThat(url.source()).isEqualTo("pg");
    }

    @Test
    void overlay_queryParametersArePercentDecodedAsUtf8() throws SQLException {
        Properties merged = JunctionUrl.parse(
                "jdbc:junction://h/caf%C3%A9?password=p%40ss%26w%3Drd+x"
                        + "&applicationName=Tableau%20%E2%9C%93&&fetchSize=10")
                .overlay(new Properties());

        assertThat(merged.getProperty("source")).isEqualTo("café");
        assertThat(merged.getProperty("password")).isEqualTo("p@ss&w=rd+x");
        assertThat(merged.getProperty("applicationName")).isEqualTo("Tableau ✓");
        assertThat(merged.getProperty("fetchSize")).isEqualTo("10");
    }

    @Test
    void overlay_urlWinsOverProperties_andPropertiesFillTheRest() throws SQLException {
        Properties info = new Properties();
        info.setProperty("user", "from-properties");
        info.setProperty("fetchSize", "5");
        info.setProperty("source", "maria");

        Properties merged = JunctionUrl.parse("jdbc:junction://h/pg?user=from-url").overlay(info);

        assertThat(merged.getProperty("user")).isEqualTo("from-url");
        assertThat(merged.getProperty("source")).isEqualTo("pg");
        assertThat(merged.getProperty("fetchSize")).isEqualTo("5");
        assertThat(info.getProperty("user")).as("the caller's properties are not changed").isEqualTo("from-properties");
    }

    @Test
    void overlay_sourceFromPropertiesWhenTheUrlHasNone() throws SQLException {
        Properties info = new Properties();
        info.setProperty("source", "maria");

        assertThat(JunctionUrl.parse("jdbc:junction://h").overlay(info).getProperty("source")).isEqualTo("maria");
    }

    @Test
    void overlay_pathAndQuerySourceDisagree_08001() {
        assertThatThrownBy(() -> JunctionUrl.parse("jdbc:junction://h/pg?source=maria").overlay(new Properties()))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("08001"))
                .hasMessageContaining("'pg'").hasMessageContaining("'maria'");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "jdbc:junction:h:8765/pg | '//' must follow",
            "jdbc:junction:// | the host is missing",
            "jdbc:junction://:8765/pg | the host is missing",
            "jdbc:junction://h:/pg | the port '' is not a number",
            "jdbc:junction://h:0/pg | the port '0' is not a number from 1 to 65535",
            "jdbc:junction://h:65536/pg | the port '65536'",
            "jdbc:junction://h:80a/pg | the port '80a'",
            "jdbc:junction://::1/pg | must be in brackets",
            "jdbc:junction://[::1/pg | no closing ']'",
            "jdbc:junction://[::1]x/pg | expected ':' and a port",
            "jdbc:junction://[gg::1]/pg | is not an IPv6 address",
            "jdbc:junction://my_host/pg | contains '_'",
            "jdbc:junction://h/pg/extra | more than one segment",
            "jdbc:junction://h/p%zzg | bad percent-encoding in the source name",
            "jdbc:junction://h/pg?fetchSize=1%2 | bad percent-encoding in the value of query parameter 'fetchSize'",
            "jdbc:junction://h/p%C3g | not UTF-8",
            "jdbc:junction://h/pg?=1 | has no name",
    })
    void parse_malformed_08001WithReasonAndGrammar(String text, String reason) {
        assertThatThrownBy(() -> JunctionUrl.parse(text))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("08001"))
                .hasMessageContaining(reason)
                .hasMessageContaining("Expected jdbc:junction://host[:port][/source][?key=value&...]");
    }

    @Test
    void parse_secretsAreNeverQuoted() {
        assertThatThrownBy(() -> JunctionUrl.parse("jdbc:junction://alice:s3cret@h/pg"))
                .isInstanceOf(SQLException.class).hasMessageNotContaining("s3cret")
                .hasMessageContaining("connection properties");
        assertThatThrownBy(() -> JunctionUrl.parse("jdbc:junction://h/pg?s3cret"))
                .isInstanceOf(SQLException.class).hasMessageNotContaining("s3cret").hasMessageContaining("no '='");
    }

    @Test
    void accepts_onlyTheJunctionPrefix() {
        assertThat(JunctionUrl.accepts("jdbc:junction://h/pg")).isTrue();
        assertThat(JunctionUrl.accepts("jdbc:avatica:remote:url=http://h")).isFalse();
        assertThat(JunctionUrl.accepts("jdbc:postgresql://h/db")).isFalse();
        assertThat(JunctionUrl.accepts(null)).isFalse();
    }
}
