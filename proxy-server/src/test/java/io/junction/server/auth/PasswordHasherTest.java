package io.junction.server.auth;

import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PasswordHasherTest {
    private final PasswordHasher hasher = new PasswordHasher();

    @Test
    void hash_thenVerify_roundTrips() {
        String stored = hasher.hash("correct horse".toCharArray());

        assertThat(hasher.verify("correct horse".toCharArray(), stored)).isTrue();
    }

    @Test
    void verify_wrongPassword_isFalse() {
        String stored = hasher.hash("correct horse".toCharArray());

        assertThat(hasher.verify("correct hors".toCharArray(), stored)).isFalse();
        assertThat(hasher.verify(new char[0], stored)).isFalse();
    }

    @Test
    void hash_hasDocumentedFormat_withRandomSalt() {
        String first = hasher.hash("pw".toCharArray());
        String second = hasher.hash("pw".toCharArray());

        assertThat(first).matches("pbkdf2-sha256\\$210000\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
        String[] parts = first.split("\\$");
        assertThat(Base64.getDecoder().decode(parts[2])).hasSize(16);
        assertThat(Base64.getDecoder().decode(parts[3])).hasSize(32);
        assertThat(second).isNotEqualTo(first);
        assertThat(PasswordHasher.formatProblem(first)).isEmpty();
    }

    @Test
    void verify_tamperedHash_isFalse() {
        String stored = hasher.hash("pw".toCharArray());
        String[] parts = stored.split("\\$");

        assertThat(hasher.verify("pw".toCharArray(), String.join("$", parts[0], parts[1], parts[2], flipFirst(parts[3]))))
                .isFalse();
        assertThat(hasher.verify("pw".toCharArray(), String.join("$", parts[0], parts[1], flipFirst(parts[2]), parts[3])))
                .isFalse();
        assertThat(hasher.verify("pw".toCharArray(), String.join("$", parts[0], "210001", parts[2], parts[3])))
                .isFalse();
    }

    @Test
    void malformedStoredForms_areRejectedWithAReason() {
        String valid = hasher.hash("pw".toCharArray());
        String[] parts = valid.split("\\$");

        assertThat(PasswordHasher.formatProblem("pw")).contains("expected pbkdf2-sha256$<iterations>$<salt>$<hash>");
        assertThat(PasswordHasher.formatProblem("bcrypt$210000$" + parts[2] + "$" + parts[3])).isPresent();
        assertThat(PasswordHasher.formatProblem("pbkdf2-sha256$many$" + parts[2] + "$" + parts[3]))
                .contains("the iteration count is not a number");
        assertThat(PasswordHasher.formatProblem("pbkdf2-sha256$1000$" + parts[2] + "$" + parts[3]))
                .contains("the iteration count must be from 210000 to 10000000");
        assertThat(PasswordHasher.formatProblem("pbkdf2-sha256$210000$c2FsdA$" + parts[3]))
                .contains("the salt must be at least 16 bytes");
        assertThat(PasswordHasher.formatProblem("pbkdf2-sha256$210000$" + parts[2] + "$" + parts[3].substring(4)))
                .contains("the hash must be 32 bytes");
        assertThat(PasswordHasher.formatProblem("pbkdf2-sha256$210000$!!!$" + parts[3]))
                .contains("the salt is not Base64");
        assertThatThrownBy(() -> hasher.verify("pw".toCharArray(), "pw")).isInstanceOf(IllegalArgumentException.class);
    }

    /** RFC 7914 section 11's PBKDF2-HMAC-SHA256 vector: the stored form is standard PBKDF2, not our own variant. */
    @Test
    void derive_matchesRfc7914Vector() {
        byte[] expected = HexFormat.of().parseHex("55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc");

        String stored = StoredPassword.derive("passwd".toCharArray(), "salt".getBytes(), 1).format();

        assertThat(stored).endsWith("$" + Base64.getEncoder().withoutPadding().encodeToString(expected));
    }

    private static String flipFirst(String base64) {
        return (base64.charAt(0) == 'A' ? 'B' : 'A') + base64.substring(1);
    }
}
