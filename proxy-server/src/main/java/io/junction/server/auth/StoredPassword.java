package io.junction.server.auth;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * A password hash as stored in the config file: {@code pbkdf2-sha256$<iterations>$<salt>$<hash>},
 * salt and hash in unpadded Base64. The iteration count travels with the hash so that it can be
 * raised later without invalidating the hashes already issued.
 */
final class StoredPassword {
    static final String SCHEME = "pbkdf2-sha256";
    static final int MIN_ITERATIONS = 210_000;
    /** More would let a config file make every login cost seconds of CPU. */
    static final int MAX_ITERATIONS = 10_000_000;
    static final int MIN_SALT_BYTES = 16;
    static final int HASH_BYTES = 32;

    private static final String ALGORITHM = "PBKDF2WithHmacSHA256";

    private final int iterations;
    private final byte[] salt;
    private final byte[] hash;

    StoredPassword(int iterations, byte[] salt, byte[] hash) {
        this.iterations = iterations;
        this.salt = salt.clone();
        this.hash = hash.clone();
    }

    static StoredPassword derive(char[] password, byte[] salt, int iterations) {
        return new StoredPassword(iterations, salt, pbkdf2(password, salt, iterations));
    }

    /**
     * @throws IllegalArgumentException saying which part of the stored form is wrong, without
     *     repeating the value
     */
    static StoredPassword parse(String stored) {
        String[] parts = stored.split("\\$", -1);
        if (parts.length != 4 || !parts[0].equals(SCHEME)) {
            throw new IllegalArgumentException("expected " + SCHEME + "$<iterations>$<salt>$<hash>");
        }
        int iterations;
        try {
            iterations = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the iteration count is not a number");
        }
        if (iterations < MIN_ITERATIONS || iterations > MAX_ITERATIONS) {
            throw new IllegalArgumentException("the iteration count must be from " + MIN_ITERATIONS + " to "
                    + MAX_ITERATIONS);
        }
        byte[] salt = decode(parts[2], "salt");
        byte[] hash = decode(parts[3], "hash");
        if (salt.length < MIN_SALT_BYTES) {
            throw new IllegalArgumentException("the salt must be at least " + MIN_SALT_BYTES + " bytes");
        }
        if (hash.length != HASH_BYTES) {
            throw new IllegalArgumentException("the hash must be " + HASH_BYTES + " bytes");
        }
        return new StoredPassword(iterations, salt, hash);
    }

    private static byte[] decode(String base64, String part) {
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the " + part + " is not Base64");
        }
    }

    /** Compares in constant time, so the response time tells nothing about how much of the hash matched. */
    boolean matches(char[] password) {
        return MessageDigest.isEqual(hash, pbkdf2(password, salt, iterations));
    }

    String format() {
        Base64.Encoder base64 = Base64.getEncoder().withoutPadding();
        return SCHEME + "$" + iterations + "$" + base64.encodeToString(salt) + "$" + base64.encodeToString(hash);
    }

    private static byte[] pbkdf2(char[] password, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, HASH_BYTES * 8);
        try {
            return SecretKeyFactory.getInstance(ALGORITHM).generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is part of every Java 17 runtime", e);
        } finally {
            spec.clearPassword();
        }
    }

    @Override
    public String toString() {
        return SCHEME + "$" + iterations + "$****";
    }
}
