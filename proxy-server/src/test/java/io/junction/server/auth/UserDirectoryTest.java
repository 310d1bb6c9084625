package io.junction.server.auth;

import io.junction.server.config.UserSettings;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UserDirectoryTest {
    private static final PasswordHasher HASHER = new PasswordHasher();
    private static final String ALICE_HASH = HASHER.hash("alice-pw".toCharArray());
    private static final String BOB_HASH = HASHER.hash("bob-pw".toCharArray());

    private final UserDirectory directory = new UserDirectory(List.of(
            new UserSettings("alice", ALICE_HASH, List.of("pg", "maria")),
            new UserSettings("bob", BOB_HASH, List.of("crm"))));

    @Test
    void authenticate_rightPassword_givesUserWithGrants() {
        AuthenticatedUser alice = directory.authenticate("alice", "alice-pw".toCharArray()).orElseThrow();

        assertThat(alice.name()).isEqualTo("alice");
        assertThat(alice.grantedSources()).isEqualTo(Set.of("pg", "maria"));
        assertThat(alice.mayUse("pg")).isTrue();
        assertThat(alice.mayUse("crm")).isFalse();
        assertThat(directory.authenticate("bob", "bob-pw".toCharArray()).orElseThrow().grantedSources())
                .containsExactly("crm");
    }

    @Test
    void authenticate_wrongPasswordAndUnknownUser_lookTheSame() {
        assertThat(directory.authenticate("alice", "bob-pw".toCharArray())).isEmpty();
        assertThat(directory.authenticate("mallory", "alice-pw".toCharArray())).isEmpty();
        assertThat(directory.authenticate(null, null)).isEmpty();
        assertThat(directory.authenticate("alice", null)).isEmpty();
    }

    @Test
    void repeatedSuccess_isAnsweredFromTheCache_withTheSameAnswer() {
        AuthenticatedUser first = directory.authenticate("alice", "alice-pw".toCharArray()).orElseThrow();
        assertThat(directory.rememberedCount()).isEqualTo(1);

        AuthenticatedUser second = directory.authenticate("alice", "alice-pw".toCharArray()).orElseThrow();

        assertThat(second).isEqualTo(first);
        assertThat(directory.rememberedCount()).isEqualTo(1);
    }

    @Test
    void concurrentFirstLogins_withOnePassword_costOneCheck() throws Exception {
        int clients = 16;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Optional<AuthenticatedUser>>> logins = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                logins.add(pool.submit(() -> {
                    start.await();
                    return directory.authenticate("alice", "alice-pw".toCharArray());
                }));
            }
            start.countDown();
            for (Future<Optional<AuthenticatedUser>> login : logins) {
                assertThat(login.get()).map(AuthenticatedUser::name).contains("alice");
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(directory.checksRun()).isEqualTo(1);
    }

    @Test
    void wrongPasswords_areCheckedInFullEveryTime() {
        assertThat(directory.authenticate("alice", "guess-1".toCharArray())).isEmpty();
        assertThat(directory.authenticate("alice", "guess-1".toCharArray())).isEmpty();

        assertThat(directory.checksRun()).isEqualTo(2);
    }

    @Test
    void replacedUsers_forgetRememberedChecks_andAnswerWithTheNewGrants() {
        directory.authenticate("alice", "alice-pw".toCharArray()).orElseThrow();

        directory.replaceUsers(List.of(new UserSettings("alice", BOB_HASH, List.of("crm"))));

        assertThat(directory.authenticate("alice", "alice-pw".toCharArray())).isEmpty();
        assertThat(directory.authenticate("alice", "bob-pw".toCharArray()).orElseThrow().grantedSources())
                .containsExactly("crm");
        assertThat(directory.grantsOf("alice")).contains(Set.of("crm"));
        assertThat(directory.grantsOf("bob")).isEmpty();
    }

    @Test
    void cachedSuccess_doesNotLetOtherCredentialsIn() {
        directory.authenticate("alice", "alice-pw".toCharArray()).orElseThrow();

        assertThat(directory.authenticate("alice", "alice-pw ".toCharArray())).isEmpty();
        assertThat(directory.authenticate("bob", "alice-pw".toCharArray())).isEmpty();
        assertThat(directory.rememberedCount()).isEqualTo(1);
    }

    @Test
    void failures_areNotRemembered() {
        directory.authenticate("alice", "guess".toCharArray());
        directory.authenticate("nobody", "guess".toCharArray());

        assertThat(directory.rememberedCount()).isZero();
    }

    @Test
    void constructor_rejectsMalformedHashAndDuplicateUsers() {
        assertThatThrownBy(() -> new UserDirectory(List.of(new UserSettings("eve", "clear-text", List.of()))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new UserDirectory(List.of(new UserSettings("alice", ALICE_HASH, List.of()),
                new UserSettings("alice", BOB_HASH, List.of()))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("alice is defined twice");
    }
}
