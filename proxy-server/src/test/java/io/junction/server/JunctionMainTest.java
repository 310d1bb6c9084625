package io.junction.server;

import io.junction.server.auth.PasswordHasher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The command line, run in-process through picocli with standard streams redirected. */
class JunctionMainTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void hashPassword_fromPipe_printsAVerifiableHash() {
        int exit = run("pässwörd with spaces\n", "hash-password");

        assertThat(exit).isZero();
        assertThat(err.toString()).isEmpty();
        String stored = out.toString().strip();
        assertThat(stored).startsWith("pbkdf2-sha256$210000$");
        assertThat(new PasswordHasher().verify("pässwörd with spaces".toCharArray(), stored)).isTrue();
    }

    @Test
    void hashPassword_readsOnlyTheFirstLine_withoutItsWindowsLineEnd() {
        int exit = run("first\r\nsecond\n", "hash-password");

        assertThat(exit).isZero();
        assertThat(new PasswordHasher().verify("first".toCharArray(), out.toString().strip())).isTrue();
    }

    @Test
    void hashPassword_withoutInput_failsWithAHint() {
        int exit = run("", "hash-password");

        assertThat(exit).isEqualTo(1);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString()).startsWith("hash-password: no password on standard input");
    }

    @Test
    void hashPassword_tooLong_isRefused() {
        int exit = run("x".repeat(HashPasswordCommand.MAX_PASSWORD_CHARS + 1) + "\n", "hash-password");

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).contains("longer than 1024 characters");
    }

    @Test
    void help_listsOptionsAndSubcommand_andExitsZero() {
        int exit = run("", "--help");

        assertThat(exit).isZero();
        assertThat(out.toString()).contains("--config=FILE", "${VAR}", "${VAR:-default}", "hash-password",
                "--version");
    }

    @Test
    void version_printsTheProjectVersion() {
        int exit = run("", "--version");

        assertThat(exit).isZero();
        assertThat(out.toString().strip()).matches("junction-server \\d+\\.\\d+\\.\\d+.*");
    }

    @Test
    void badConfigFile_printsFileLineAndKey_withoutStackTrace_andExitsTwo(@TempDir Path dir) throws IOException {
        Path config = Files.writeString(dir.resolve("junction.yaml"), """
                server:
                  port: eighty
                users: []
                sources:
                  pg:
                    url: jdbc:postgresql://127.0.0.1:5432/test
                """, StandardCharsets.UTF_8);

        int exit = run("", "--config", config.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString()).contains(
                config + ":2: server.port: expected a port number from 0 to 65535, got \"eighty\"",
                config + ":3: users: at least one user is required");
        assertThat(err.toString()).doesNotContain("Exception", "\tat ");
    }

    @Test
    void validConfig_withPortInUse_failsToStartWithAShortMessage(@TempDir Path dir) throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Path config = Files.writeString(dir.resolve("junction.yaml"), """
                    server: { host: 127.0.0.1, port: %d }
                    admin: { port: 0 }
                    users:
                      - name: alice
                        password-hash: "%s"
                        sources: [mem]
                    sources:
                      mem:
                        url: jdbc:h2:mem:cli-test
                    """.formatted(taken.getLocalPort(), new PasswordHasher().hash("pw".toCharArray())));

            int exit = run("", "--config", config.toString());

            assertThat(exit).isEqualTo(1);
            assertThat(err.toString()).startsWith("junction-server: ")
                    .contains("127.0.0.1:" + taken.getLocalPort()).doesNotContain("\tat ");
        }
    }

    @Test
    void missingConfigFile_exitsTwo(@TempDir Path dir) {
        int exit = run("", "--config", dir.resolve("absent.yaml").toString());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).startsWith(dir.resolve("absent.yaml") + ": cannot read the file");
    }

    @Test
    void unknownOption_isAUsageError() {
        int exit = run("", "--confg", "x.yaml");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("Unknown options: '--confg'", "Possible solutions: --config");
    }

    private int run(String stdin, String... args) {
        CommandLine commandLine = JunctionMain.commandLine(
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), null);
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }
}
