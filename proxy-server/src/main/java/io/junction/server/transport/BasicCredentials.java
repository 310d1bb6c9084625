package io.junction.server.transport;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * A user name and password from an {@code Authorization: Basic} header (RFC 7617, UTF-8). The
 * password is kept as a char array and wiped by {@link #close()}, so it does not linger in the
 * heap as an immutable String.
 */
final class BasicCredentials implements AutoCloseable {
    private static final String SCHEME = "basic";

    private final String user;
    private final char[] password;

    private BasicCredentials(String user, char[] password) {
        this.user = Objects.requireNonNull(user, "user is null");
        this.password = Objects.requireNonNull(password, "password is null");
    }

    /** @return the credentials, or empty when the header is absent, of another scheme, or malformed */
    static Optional<BasicCredentials> parse(String authorizationHeader) {
        if (authorizationHeader == null) {
            return Optional.empty();
        }
        String header = authorizationHeader.trim();
        if (header.length() <= SCHEME.length() || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())
                || !Character.isWhitespace(header.charAt(SCHEME.length()))) {
            return Optional.empty();
        }
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(header.substring(SCHEME.length()).trim());
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
        try {
            return split(decodeUtf8(decoded));
        } catch (CharacterCodingException notUtf8) {
            return Optional.empty();
        } finally {
            Arrays.fill(decoded, (byte) 0);
        }
    }

    private static char[] decodeUtf8(byte[] bytes) throws CharacterCodingException {
        CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes));
        char[] result = new char[chars.remaining()];
        chars.get(result);
        // The decoder's buffer holds the password too.
        Arrays.fill(chars.array(), '\0');
        return result;
    }

    private static Optional<BasicCredentials> split(char[] userColonPassword) {
        try {
            for (int i = 0; i < userColonPassword.length; i++) {
                if (userColonPassword[i] == ':') {
                    String user = new String(userColonPassword, 0, i);
                    char[] password = Arrays.copyOfRange(userColonPassword, i + 1, userColonPassword.length);
                    return Optional.of(new BasicCredentials(user, password));
                }
            }
            return Optional.empty();
        } finally {
            Arrays.fill(userColonPassword, '\0');
        }
    }

    String user() {
        return user;
    }

    /** The live array, wiped on {@link #close()}: hand it on, do not keep it. */
    char[] password() {
        return password;
    }

    @Override
    public void close() {
        Arrays.fill(password, '\0');
    }

    @Override
    public String toString() {
        return "BasicCredentials[user=" + user + "]";
    }
}
