package io.junction.server.transport;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class BasicCredentialsTest {
    private static String basic(String userColonPassword) {
        return "Basic " + Base64.getEncoder().encodeToString(userColonPassword.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void parse_splitsAtTheFirstColon_andReadsUtf8() {
        Optional<BasicCredentials> parsed = BasicCredentials.parse(basic("jürgen:pa:ss wört"));

        assertThat(parsed).isPresent();
        assertThat(parsed.get().user()).isEqualTo("jürgen");
        assertThat(parsed.get().password()).containsExactly("pa:ss wört".toCharArray());
    }

    @Test
    void parse_schemeIsCaseInsensitive() {
        assertThat(BasicCredentials.parse("bASIC " + basic("a:b").substring(6))).isPresent();
    }

    @Test
    void parse_emptyPassword_isKept() {
        assertThat(BasicCredentials.parse(basic("a:")).orElseThrow().password()).isEmpty();
    }

    @Test
    void parse_unusableHeaders_areEmpty() {
        assertThat(BasicCredentials.parse(null)).isEmpty();
        assertThat(BasicCredentials.parse("Bearer abc")).isEmpty();
        assertThat(BasicCredentials.parse("Basic")).isEmpty();
        assertThat(BasicCredentials.parse("Basicabc")).isEmpty();
        assertThat(BasicCredentials.parse("Basic !!!")).isEmpty();
        assertThat(BasicCredentials.parse(basic("no-colon"))).isEmpty();
        byte[] notUtf8 = {'a', ':', (byte) 0xC3, (byte) 0x28};
        assertThat(BasicCredentials.parse("Basic " + Base64.getEncoder().encodeToString(notUtf8))).isEmpty();
    }

    @Test
    void close_wipesThePassword() {
        BasicCredentials credentials = BasicCredentials.parse(basic("a:secret")).orElseThrow();
        char[] password = credentials.password();

        credentials.close();

        assertThat(password).containsOnly('\0');
        assertThat(credentials.toString()).doesNotContain("secret");
    }
}
