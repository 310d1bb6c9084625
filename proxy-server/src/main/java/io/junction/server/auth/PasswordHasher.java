package io.junction.server.auth;

import java.security.SecureRandom;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns a password into the form stored in the config file (PBKDF2-HMAC-SHA256, a random 16-byte
 * salt, 210,000 iterations: OWASP's figure for this function) and checks
 * passwords against it. One hash or check costs about 100 ms of CPU by design; callers on a request
 * path go through {@link UserDirectory}, which remembers successful checks.
 */
public final class PasswordHasher {
    public static final int ITERATIONS = StoredPassword.MIN_ITERATIONS;
    private static final int SALT_BYTES = 16;

    private final SecureRandom random;

    public PasswordHasher() {
        this(new SecureRandom());
    }

    PasswordHasher(SecureRandom random) {
        this.random = Objects.requireNonNull(random, "random is null");
    }

    /** @return the stored form, {@code pbkdf2-sha256$210000$<salt>$<hash>} */
    public String hash(char[] password) {
        Objects.requireNonNull(password, "password is null");
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        return StoredPassword.derive(password, salt, ITERATIONS).format();
    }

    /**
     * @return whether the password is the one {@code stored} was made from
     * @throws IllegalArgumentException when {@code stored} is not a stored form (see {@link #formatProblem})
     */
    public boolean verify(char[] password, String stored) {
        Objects.requireNonNull(password, "password is null");
        return StoredPassword.parse(stored).matches(password);
    }

    /** @return what is wrong with {@code stored} as a stored form, or empty when it is well formed */
    public static Optional<String> formatProblem(String stored) {
        try {
            StoredPassword.parse(stored);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }
}
