package io.junction.server.config;

import io.junction.server.auth.PasswordHasher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigLoaderTest {
    /** Computed once: a hash costs ~100 ms. */
    static final String HASH = new PasswordHasher().hash("secret".toCharArray());

    /** The example of issue 2, with a real hash in place of its placeholder. */
    private static final String ISSUE_EXAMPLE = """
            server:   { host: 127.0.0.1, port: 8765 }
            admin:    { host: 127.0.0.1, port: 8766 }
            users:
              - name: alice
                password-hash: "<output of hash-password>"
                sources: [pg, maria]          # sources this user may reach
            sources:
              pg:
                url: jdbc:postgresql://127.0.0.1:5432/test
                user: postgres
                password: ${PG_PASSWORD:-}    # ${VAR} and ${VAR:-default} from the environment
                pool: { max-size: 10 }
              maria:
                url: jdbc:mariadb://127.0.0.1:3306/test
                user: root
                password: ""
            """.replace("<output of hash-password>", HASH);

    /** A valid file to break one key at a time; "pg" is granted to "alice". */
    private static final String VALID = """
            server:
              port: 8765
            users:
              - name: alice
                password-hash: "%s"
                sources: [pg]
            sources:
              pg:
                url: jdbc:postgresql://127.0.0.1:5432/test
                pool:
                  max-size: 10
            """.formatted(HASH);

    @Test
    void issueExample_isAccepted() throws ConfigException {
        JunctionConfig config = new ConfigLoader(Map.of()).parse("junction.yaml", ISSUE_EXAMPLE);

        assertThat(config.server()).isEqualTo(ServerSettings.defaults());
        assertThat(config.admin()).isEqualTo(AdminSettings.defaults());
        assertThat(config.users()).containsExactly(new UserSettings("alice", HASH, List.of("pg", "maria")));
        assertThat(config.sources()).containsOnlyKeys("pg", "maria");
        assertThat(config.sources().get("pg")).isEqualTo(new SourceSettings("pg",
                "jdbc:postgresql://127.0.0.1:5432/test", "postgres", Secret.empty(), PoolSettings.defaults(),
                Map.of()));
        assertThat(config.sources().get("maria")).isEqualTo(new SourceSettings("maria",
                "jdbc:mariadb://127.0.0.1:3306/test", "root", Secret.empty(), PoolSettings.defaults(), Map.of()));
    }

    @Test
    void environment_substitutesVariablesAndDefaults() throws ConfigException {
        String yaml = VALID.replace("port: 8765", "port: ${PORT:-9000}")
                .replace("max-size: 10", "max-size: ${POOL_SIZE}")
                + "    password: pre-${PG_PASSWORD}-$${LITERAL}\n";

        JunctionConfig config = new ConfigLoader(Map.of("POOL_SIZE", "7", "PG_PASSWORD", "s3cret"))
                .parse("junction.yaml", yaml);

        assertThat(config.server().port()).isEqualTo(9000);
        assertThat(config.sources().get("pg").pool().maxSize()).isEqualTo(7);
        assertThat(config.sources().get("pg").password().reveal()).isEqualTo("pre-s3cret-${LITERAL}");
    }

    @Test
    void environment_setValueWinsOverDefault_emptyValueTakesDefault() throws ConfigException {
        String yaml = VALID.replace("port: 8765", "port: ${PORT:-9000}")
                .replace("max-size: 10", "max-size: ${SIZE:-4}");

        JunctionConfig config = new ConfigLoader(Map.of("PORT", "9100", "SIZE", "")).parse("junction.yaml", yaml);

        assertThat(config.server().port()).isEqualTo(9100);
        assertThat(config.sources().get("pg").pool().maxSize()).isEqualTo(4);
    }

    @Test
    void environment_unsetVariableWithoutDefault_namesVariableKeyAndLine() {
        String yaml = VALID + "    password: ${PG_PASSWORD}\n";

        assertThat(problems(yaml)).containsExactly("junction.yaml:" + lineOf(yaml, "password: ${")
                + ": sources.pg.password: environment variable PG_PASSWORD is not set; set it or write "
                + "${PG_PASSWORD:-default}");
    }

    @Test
    void environment_malformedReferences_areReported() {
        assertThat(problems(VALID + "    user: ${PG USER}\n")).singleElement().asString()
                .contains("sources.pg.user: ${PG USER} is not a variable reference");
        assertThat(problems(VALID + "    user: ${PG_USER\n")).singleElement().asString()
                .contains("sources.pg.user: unterminated ${");
    }

    @Test
    void wrongType_namesFileLineKeyAndValue() {
        String yaml = VALID.replace("max-size: 10", "max-size: ten");

        assertThat(problems(yaml)).containsExactly("junction.yaml:" + lineOf(yaml, "max-size")
                + ": sources.pg.pool.max-size: expected a positive integer, got \"ten\"");
    }

    @Test
    void unknownKey_suggestsNearestKnownKey() {
        String yaml = VALID.replace("max-size: 10", "max_size: 10");

        assertThat(problems(yaml)).containsExactly("junction.yaml:" + lineOf(yaml, "max_size")
                + ": sources.pg.pool.max_size: unknown key (did you mean max-size?); known keys here: "
                + "max-size, acquire-timeout, idle-close, max-lifetime");
    }

    @Test
    void unknownTopLevelKey_isReported() {
        String yaml = VALID + "logging: debug\n";

        assertThat(problems(yaml)).singleElement().asString()
                .startsWith("junction.yaml:" + lineOf(yaml, "logging") + ": logging: unknown key; known keys here: ");
    }

    @Test
    void missingUrl_isReportedAtItsSource() {
        String yaml = VALID.replace("    url: jdbc:postgresql://127.0.0.1:5432/test\n", "");

        assertThat(problems(yaml)).containsExactly(
                "junction.yaml:" + lineOf(yaml, "  pg:") + ": sources.pg.url: required key is missing");
    }

    @Test
    void urls_withoutDriverOrScheme_areRejectedWithoutEchoingThem() {
        String noDriver = VALID.replace("jdbc:postgresql://", "jdbc:postgres://");
        String noScheme = VALID.replace("jdbc:postgresql://127.0.0.1:5432/test", "postgresql://h/db?password=x");

        assertThat(problems(noDriver)).singleElement().asString()
                .startsWith("junction.yaml:" + lineOf(noDriver, "url:") + ": sources.pg.url: no JDBC driver")
                .doesNotContain("jdbc:postgres://");
        assertThat(problems(noScheme)).singleElement().asString()
                .contains("sources.pg.url: expected a JDBC URL starting with jdbc:").doesNotContain("password=x");
    }

    @Test
    void sourceName_withInvalidCharacters_isRejected() {
        String yaml = VALID.replace("  pg:", "  my pg:").replace("sources: [pg]", "sources: [my pg]");

        assertThat(problems(yaml)).containsExactly("junction.yaml:" + lineOf(yaml, "  my pg:")
                + ": sources.my pg: a source name may only have letters, digits, '_' and '-' (it is the NAME in "
                + "jdbc:junction://host:port/NAME)");
    }

    @Test
    void port_outOfRange_isRejected() {
        String yaml = VALID.replace("port: 8765", "port: 70000");

        assertThat(problems(yaml)).containsExactly("junction.yaml:2: server.port: expected a port number from 0 "
                + "to 65535, got \"70000\"");
    }

    @Test
    void samePortForServerAndAdmin_isRejected() {
        String yaml = VALID + "admin:\n  port: 8765\n";

        assertThat(problems(yaml)).containsExactly("junction.yaml:" + lineOf(yaml, "  port: 8765\n", 2)
                + ": admin.port: server.port and admin.port are both 8765; give them different ports");
    }

    @Test
    void durations_acceptShortAndIsoForms() throws ConfigException {
        String yaml = VALID.replace("port: 8765", "port: 8765\n  shutdown-grace: 0s")
                .replace("max-size: 10", "max-size: 10\n      acquire-timeout: 500ms\n      idle-close: 10m\n"
                        + "      max-lifetime: PT1H30M");

        JunctionConfig config = new ConfigLoader(Map.of()).parse("junction.yaml", yaml);

        PoolSettings pool = config.sources().get("pg").pool();
        assertThat(config.server().shutdownGrace()).isEqualTo(Duration.ZERO);
        assertThat(pool.acquireTimeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(pool.idleClose()).isEqualTo(Duration.ofMinutes(10));
        assertThat(pool.maxLifetime()).isEqualTo(Duration.ofMinutes(90));
    }

    @Test
    void duration_malformedOrZero_isRejected() {
        String malformed = VALID.replace("max-size: 10", "acquire-timeout: 5 minutes");
        String zero = VALID.replace("max-size: 10", "acquire-timeout: 0s");

        assertThat(problems(malformed)).containsExactly("junction.yaml:" + lineOf(malformed, "acquire-timeout")
                + ": sources.pg.pool.acquire-timeout: expected a non-zero duration such as 500ms, 30s, 10m, 1h or "
                + "PT1M30S, got \"5 minutes\"");
        assertThat(problems(zero)).singleElement().asString().contains("expected a non-zero duration");
    }

    @Test
    void cacheTtl_aboveMaxTtl_isRejected() {
        String yaml = VALID + "    cache:\n      enabled: true\n      ttl: 20m\n      max-ttl: 10m\n";

        assertThat(problems(yaml)).containsExactly("junction.yaml:" + lineOf(yaml, "ttl: 20m")
                + ": sources.pg.cache.ttl: ttl (PT20M) must not exceed max-ttl (PT10M)");
    }

    @Test
    void cacheEntryLimit_aboveTotal_isRejected_andBooleansAreStrict() {
        String tooBig = VALID + "cache:\n  max-bytes: 1MB\n  max-entry-bytes: 2MB\n";
        String notBoolean = VALID + "    cache:\n      enabled: yes-please\n";

        assertThat(problems(tooBig)).singleElement().asString()
                .contains("cache.max-entry-bytes (2097152) must not exceed cache.max-bytes (1048576)");
        assertThat(problems(notBoolean)).singleElement().asString()
                .contains("sources.pg.cache.enabled: expected true or false");
    }

    @Test
    void federation_badValues_nameFileLineAndKey() {
        String yaml = VALID + "federation:\n  catalog-ttl: soon\n  max-query-memory: 0\n  plan-cache-size: -1\n"
                + "  statistic-ttl: 5m\n";

        assertThat(problems(yaml)).containsExactly(
                "junction.yaml:" + lineOf(yaml, "catalog-ttl") + ": federation.catalog-ttl: expected a duration such "
                        + "as 500ms, 30s, 10m, 1h or PT1M30S, got \"soon\"",
                "junction.yaml:" + lineOf(yaml, "max-query-memory") + ": federation.max-query-memory: expected a "
                        + "positive size such as 512KB, 16MB or 1048576 (bytes), got \"0\"",
                "junction.yaml:" + lineOf(yaml, "plan-cache-size") + ": federation.plan-cache-size: expected an "
                        + "integer of 0 or more, got \"-1\"",
                "junction.yaml:" + lineOf(yaml, "statistic-ttl") + ": federation.statistic-ttl: unknown key (did "
                        + "you mean statistics-ttl?); known keys here: catalog-ttl, statistics-ttl, max-query-memory, "
                        + "plan-cache-size");
    }

    @Test
    void sizes_acceptUnits_rejectNonsense() throws ConfigException {
        String yaml = VALID.replace("port: 8765", "port: 8765\n  max-request-size: 512KB");
        String nonsense = VALID.replace("port: 8765", "port: 8765\n  max-request-size: lots");
        String tooBig = VALID.replace("port: 8765", "port: 8765\n  max-request-size: 2048MB");

        assertThat(new ConfigLoader(Map.of()).parse("junction.yaml", yaml).server().maxRequestBytes())
                .isEqualTo(512 * 1024);
        assertThat(problems(nonsense)).containsExactly("junction.yaml:3: server.max-request-size: expected a size "
                + "from 1 byte to below 2GB, such as 512KB, 16MB or 1048576 (bytes), got \"lots\"");
        assertThat(problems(tooBig)).singleElement().asString().contains("got \"2048MB\"");
    }

    @Test
    void userGrantedUndefinedSource_isRejected() {
        String yaml = VALID.replace("sources: [pg]", "sources: [pg, maria]");

        assertThat(problems(yaml)).containsExactly("junction.yaml:" + lineOf(yaml, "sources: [pg")
                + ": users[0].sources[1]: no source is named \"maria\"; defined sources: pg");
    }

    @Test
    void duplicateUserName_isRejected() {
        String yaml = VALID.replace("users:\n", "users:\n  - name: alice\n    password-hash: \"" + HASH + "\"\n");

        assertThat(problems(yaml)).containsExactly("junction.yaml:" + lineOf(yaml, "name: alice", 2)
                + ": users[1].name: user \"alice\" is already defined at line " + lineOf(yaml, "name: alice"));
    }

    @Test
    void userName_withColon_isRejected() {
        String yaml = VALID.replace("name: alice", "name: \"ali:ce\"");

        assertThat(problems(yaml)).singleElement().asString()
                .startsWith("junction.yaml:4: users[0].name: a user name cannot contain ':'");
    }

    @Test
    void passwordHash_notInHasherFormat_isRejectedWithoutEchoingIt() {
        String yaml = VALID.replace(HASH, "plain-text-password");

        assertThat(problems(yaml)).containsExactly("junction.yaml:5: users[0].password-hash: not a password hash "
                + "printed by 'junction-server hash-password' (expected pbkdf2-sha256$<iterations>$<salt>$<hash>)");
    }

    @Test
    void passwordHash_withTooFewIterations_isRejected() {
        String yaml = VALID.replace(HASH, HASH.replace("$210000$", "$1000$"));

        assertThat(problems(yaml)).singleElement().asString()
                .contains("users[0].password-hash: not a password hash")
                .contains("the iteration count must be from 210000");
    }

    @Test
    void driverProperties_areRead_butNotPasswords() throws ConfigException {
        String yaml = VALID + "    properties:\n      sslmode: disable\n      prepareThreshold: 0\n";
        String withPassword = VALID + "    properties:\n      password: x\n";

        assertThat(new ConfigLoader(Map.of()).parse("junction.yaml", yaml).sources().get("pg").properties())
                .containsOnly(Map.entry("sslmode", "disable"), Map.entry("prepareThreshold", "0"));
        assertThat(problems(withPassword)).containsExactly("junction.yaml:" + lineOf(withPassword, "password: x")
                + ": sources.pg.properties.password: set the source's own password key instead, which is kept out "
                + "of logs");
    }

    @Test
    void scalarsKeepTheirText() throws ConfigException {
        String yaml = VALID + "    user: 0123\n    password: yes\n";

        SourceSettings pg = new ConfigLoader(Map.of()).parse("junction.yaml", yaml).sources().get("pg");

        assertThat(pg.user()).isEqualTo("0123");
        assertThat(pg.password().reveal()).isEqualTo("yes");
    }

    @Test
    void duplicateKey_namesBothLines() {
        String yaml = VALID.replace("port: 8765", "port: 8765\n  port: 8767");

        assertThat(problems(yaml))
                .containsExactly("junction.yaml:3: server.port: duplicate key (first given at line 2)");
    }

    @Test
    void mappingWhereListExpected_isRejected() {
        String yaml = VALID.replace("sources: [pg]", "sources: pg");

        assertThat(problems(yaml)).containsExactly("junction.yaml:6: users[0].sources: expected a list, got \"pg\"");
    }

    @Test
    void emptySectionsAndMissingUsers_areRejected() {
        String yaml = """
                sources: {}
                users: []
                """;

        assertThat(problems(yaml)).containsExactly(
                "junction.yaml:1: sources: at least one source is required",
                "junction.yaml:2: users: at least one user is required");
        assertThat(problems("sources: {}\n")).contains("junction.yaml:1: users: required key is missing");
    }

    @Test
    void severalProblems_areAllReportedInFileOrder() {
        String yaml = VALID.replace("port: 8765", "port: http").replace("max-size: 10", "max-size: -1")
                .replace("sources: [pg]", "sources: [pg, nope]");

        assertThat(problems(yaml)).extracting(problem -> problem.substring(0, problem.indexOf(": ")))
                .containsExactly("junction.yaml:2", "junction.yaml:6", "junction.yaml:11");
    }

    @Test
    void yamlSyntaxError_namesLine() {
        String yaml = "server:\n  port: 8765\n   host: x\n";

        assertThat(problems(yaml)).singleElement().asString().startsWith("junction.yaml:3: not valid YAML: ");
    }

    @Test
    void emptyFile_isRejected() {
        assertThat(problems("# nothing yet\n"))
                .containsExactly("junction.yaml: the file is empty: it needs at least a sources: and a users: section");
    }

    @Test
    void load_readsFileAndNamesItInMessages(@TempDir Path dir) throws IOException, ConfigException {
        Path good = Files.writeString(dir.resolve("good.yaml"), VALID, StandardCharsets.UTF_8);
        Path bad = Files.writeString(dir.resolve("bad.yaml"), VALID.replace("max-size: 10", "max-size: ten"));
        ConfigLoader loader = new ConfigLoader(Map.of());

        assertThat(loader.load(good).sources()).containsOnlyKeys("pg");
        assertThatThrownBy(() -> loader.load(bad)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(bad + ":" + lineOf(VALID, "max-size") + ": sources.pg.pool.max-size:");
        assertThatThrownBy(() -> loader.load(dir.resolve("missing.yaml"))).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(dir.resolve("missing.yaml") + ": cannot read the file (NoSuchFileException");
    }

    private static List<String> problems(String yaml) {
        try {
            new ConfigLoader(Map.of()).parse("junction.yaml", yaml);
        } catch (ConfigException e) {
            assertThat(e.getMessage().split("\n")).containsExactlyElementsOf(
                    e.problems().stream().map(ConfigException.Problem::toString).toList());
            return e.problems().stream().map(ConfigException.Problem::toString).toList();
        }
        throw new AssertionError("expected a ConfigException for:\n" + yaml);
    }

    static int lineOf(String text, String snippet) {
        return lineOf(text, snippet, 1);
    }

    /** The 1-based line on which the {@code occurrence}-th {@code snippet} starts. */
    static int lineOf(String text, String snippet, int occurrence) {
        int at = -1;
        for (int i = 0; i < occurrence; i++) {
            at = text.indexOf(snippet, at + 1);
            if (at < 0) {
                throw new IllegalArgumentException("no occurrence " + occurrence + " of " + snippet);
            }
        }
        return (int) text.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
    }
}
