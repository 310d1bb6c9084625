package io.junction.server.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.junction.server.config.UserSettings;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The configured users. The Avatica client sends Basic credentials with every HTTP request and a
 * PBKDF2 check costs ~100 ms, so successful checks are remembered for a while: a repeated request
 * costs a SHA-256 and a map lookup. Failed checks are never remembered, so guessing stays slow.
 *
 * <p>An unknown user costs a full check against a dummy hash and answers exactly as a wrong password
 * does, so neither the answer nor its timing tells which users exist.
 *
 * <p>Checks of the same name and password that arrive while one runs wait for its answer instead of
 * running their own: a thousand clients opening connections at once with one password cost one
 * PBKDF2 check, not a thousand (which on two cores would keep the workers busy for minutes).
 *
 * <p>A first check blocks for ~100 ms: call this from a worker thread, never an event loop.
 */
public final class UserDirectory implements Authenticator {
    static final int MAX_REMEMBERED = 10_000;
    static final Duration REMEMBER_FOR = Duration.ofMinutes(10);

    private final StoredPassword dummy;
    private final byte[] cacheKeySecret = new byte[32];
    /**
     * The users and the checks remembered for them, replaced as one by {@link #replaceUsers} so that
     * no check remembered under the old users answers for the new ones.
     */
    private volatile Accounts current;
    private final LongAdder checksRun = new LongAdder();

    public UserDirectory(List<UserSettings> users) {
        SecureRandom random = new SecureRandom();
        byte[] salt = new byte[StoredPassword.MIN_SALT_BYTES];
        byte[] hash = new byte[StoredPassword.HASH_BYTES];
        random.nextBytes(salt);
        random.nextBytes(hash);
        random.nextBytes(cacheKeySecret);
        this.dummy = new StoredPassword(PasswordHasher.ITERATIONS, salt, hash);
        this.current = Accounts.of(users);
    }

    /**
     * Takes a reloaded users section: from now on only these users authenticate, with these
     * passwords and grants. Sessions already open are the caller's to close (see
     * {@link #grantsOf}).
     */
    public void replaceUsers(List<UserSettings> users) {
        current = Accounts.of(users);
    }

    /** The sources a user may use now, or empty when no such user is configured now. */
    public Optional<Set<String>> grantsOf(String name) {
        Account account = current.byName().get(name);
        return account == null ? Optional.empty() : Optional.of(account.user().grantedSources());
    }

    @Override
    public Optional<AuthenticatedUser> authenticate(String name, char[] password) {
        Accounts accounts = current;
        char[] presented = password == null ? new char[0] : password;
        Account account = name == null ? null : accounts.byName().get(name);
        if (account == null) {
            dummy.matches(presented);
            return Optional.empty();
        }
        String key = cacheKey(name, presented);
        AuthenticatedUser remembered = accounts.verified().getIfPresent(key);
        if (remembered != null) {
            return Optional.of(remembered);
        }
        CompletableFuture<Boolean> mine = new CompletableFuture<>();
        CompletableFuture<Boolean> running = accounts.checking().putIfAbsent(key, mine);
        if (running != null) {
            return running.join() ? Optional.of(account.user()) : Optional.empty();
        }
        try {
            // A check that ended between the lookup above and putIfAbsent has remembered its success by now.
            boolean matches = accounts.verified().getIfPresent(key) != null || check(account, presented);
            if (matches) {
                accounts.verified().put(key, account.user());
            }
            mine.complete(matches);
            return matches ? Optional.of(account.user()) : Optional.empty();
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            // After the success is remembered: a later caller finds it there, never a second check.
            accounts.checking().remove(key, mine);
        }
    }

    private boolean check(Account account, char[] presented) {
        checksRun.increment();
        return account.password().matches(presented);
    }

    /** How many full password checks (PBKDF2) ran for configured users; for tests. */
    long checksRun() {
        return checksRun.sum();
    }

    /** How many successful checks are remembered now; for tests and metrics. */
    long rememberedCount() {
        Cache<String, AuthenticatedUser> verified = current.verified();
        verified.cleanUp();
        return verified.estimatedSize();
    }

    private String cacheKey(String name, char[] password) {
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        MessageDigest sha256 = sha256();
        sha256.update(cacheKeySecret);
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        // The length prefix keeps ("ab", "c") and ("a", "bc") apart.
        sha256.update(ByteBuffer.allocate(Integer.BYTES).putInt(nameBytes.length).flip());
        sha256.update(nameBytes);
        sha256.update(encoded.duplicate());
        if (encoded.hasArray()) {
            Arrays.fill(encoded.array(), (byte) 0);
        }
        return HexFormat.of().formatHex(sha256.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private record Account(StoredPassword password, AuthenticatedUser user) {
    }

    /**
     * @param verified keyed by a digest of user, password and a per-process random secret, never the
     *     password: a heap dump shows neither the passwords nor digests that could be brute-forced
     *     offline without the secret
     * @param checking the checks running now, by the same key, which callers with the same credentials wait for
     */
    private record Accounts(Map<String, Account> byName, Cache<String, AuthenticatedUser> verified,
                            ConcurrentMap<String, CompletableFuture<Boolean>> checking) {
        static Accounts of(List<UserSettings> users) {
            Map<String, Account> byName = new LinkedHashMap<>();
            for (UserSettings user : users) {
                Account account = new Account(StoredPassword.parse(user.passwordHash()),
                        new AuthenticatedUser(user.name(), Set.copyOf(user.sources())));
                if (byName.putIfAbsent(user.name(), account) != null) {
                    throw new IllegalArgumentException("user " + user.name() + " is defined twice");
                }
            }
            return new Accounts(Map.copyOf(byName),
                    Caffeine.newBuilder().maximumSize(MAX_REMEMBERED).expireAfterWrite(REMEMBER_FOR).build(),
                    new ConcurrentHashMap<>());
        }
    }
}
