package io.junction.jdbc;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Properties;

/**
 * A parsed {@code jdbc:junction://host[:port][/source][?key=value&...]} URL.
 *
 * <p>The host is a name, an IPv4 address or a bracketed IPv6 address ({@code [::1]}); the port defaults to
 * {@value #DEFAULT_PORT}. The path, when present, is one segment naming the source. Query keys and values,
 * and the source, are percent-decoded as UTF-8; {@code +} stays a plus sign. Error messages never repeat the
 * URL, whose query may hold a password.
 */
final class JunctionUrl {
    static final String PREFIX = "jdbc:junction:";
    static final int DEFAULT_PORT = 8765;
    static final String GRAMMAR = "jdbc:junction://host[:port][/source][?key=value&...]";

    private final String host;
    private final int port;
    private final String source;
    private final Properties query;

    private JunctionUrl(String host, int port, String source, Properties query) {
        this.host = host;
        this.port = port;
        this.source = source;
        this.query = query;
    }

    static boolean accepts(String url) {
        return url != null && url.startsWith(PREFIX);
    }

    /**
     * @throws SQLException 08001 when the URL does not follow the grammar
     */
    static JunctionUrl parse(String url) throws SQLException {
        if (!accepts(url)) {
            throw invalid("it does not start with " + PREFIX);
        }
        String rest = url.substring(PREFIX.length());
        if (!rest.startsWith("//")) {
            throw invalid("'//' must follow " + PREFIX);
        }
        rest = rest.substring(2);
        int queryStart = rest.indexOf('?');
        String queryPart = queryStart < 0 ? "" : rest.substring(queryStart + 1);
        String hierarchy = queryStart < 0 ? rest : rest.substring(0, queryStart);
        int pathStart = hierarchy.indexOf('/');
        String authority = pathStart < 0 ? hierarchy : hierarchy.substring(0, pathStart);
        String path = pathStart < 0 ? "" : hierarchy.substring(pathStart + 1);

        if (authority.indexOf('@') >= 0) {
            throw invalid("give the user and password as connection properties, not before the host");
        }
        String host;
        String portPart;
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            if (close < 0) {
                throw invalid("the IPv6 address has no closing ']'");
            }
            host = authority.substring(0, close + 1);
            checkIpv6(host);
            String afterHost = authority.substring(close + 1);
            if (!afterHost.isEmpty() && !afterHost.startsWith(":")) {
                throw invalid("expected ':' and a port after the IPv6 address " + host);
            }
            portPart = afterHost.isEmpty() ? null : afterHost.substring(1);
        } else {
            int colon = authority.indexOf(':');
            if (colon >= 0 && authority.indexOf(':', colon + 1) >= 0) {
                throw invalid("an IPv6 address must be in brackets, as in jdbc:junction://[::1]:8765");
            }
            host = colon < 0 ? authority : authority.substring(0, colon);
            portPart = colon < 0 ? null : authority.substring(colon + 1);
            checkHostName(host);
        }
        int port = portPart == null ? DEFAULT_PORT : parsePort(portPart);

        if (path.indexOf('/') >= 0) {
            throw invalid("the path names one source, but it has more than one segment");
        }
        String source = path.isEmpty() ? null : decode(path, "the source name");
        return new JunctionUrl(host, port, source, parseQuery(queryPart));
    }

    /** The host as written in a URI: bracketed when it is an IPv6 address. */
    String host() {
        return host;
    }

    int port() {
        return port;
    }

    /** The source named by the path, or null when the URL has no path. */
    String source() {
        return source;
    }

    /**
     * Lays this URL's properties over {@code info} (the URL wins on every key it gives) and returns the
     * result as a new object; {@code info} is not changed.
     *
     * @throws SQLException 08001 when the path and the {@code source} query parameter disagree
     */
    Properties overlay(Properties info) throws SQLException {
        String querySource = query.getProperty(JunctionProperty.SOURCE.getName());
        if (source != null && querySource != null && !querySource.equals(source)) {
            throw invalid("the path names source '" + source + "' but the query names '" + querySource + "'");
        }
        Properties merged = new Properties();
        if (info != null) {
            for (String key : info.stringPropertyNames()) {
                merged.setProperty(key, info.getProperty(key));
            }
        }
        for (String key : query.stringPropertyNames()) {
            merged.setProperty(key, query.getProperty(key));
        }
        if (source != null) {
            merged.setProperty(JunctionProperty.SOURCE.getName(), source);
        }
        return merged;
    }

    private static Properties parseQuery(String queryPart) throws SQLException {
        Properties query = new Properties();
        for (String pair : queryPart.split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                // The text itself is not quoted: a stray token may be a password.
                throw invalid(eq == 0
                        ? "a query parameter has no name before '='"
                        : "a query parameter has no '='; write name=value");
            }
            String key = decode(pair.substring(0, eq), "a query parameter name");
            query.setProperty(key, decode(pair.substring(eq + 1), "the value of query parameter '" + key + "'"));
        }
        return query;
    }

    private static void checkHostName(String host) throws SQLException {
        if (host.isEmpty()) {
            throw invalid("the host is missing");
        }
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.';
            if (!allowed) {
                throw invalid("the host name '" + host + "' contains '" + c
                        + "'; a host name has only letters, digits, '-' and '.'");
            }
        }
    }

    private static void checkIpv6(String bracketed) throws SQLException {
        String address = bracketed.substring(1, bracketed.length() - 1);
        boolean valid = address.indexOf(':') >= 0;
        for (int i = 0; i < address.length() && valid; i++) {
            char c = address.charAt(i);
            valid = Character.digit(c, 16) >= 0 || c == ':' || c == '.';
        }
        if (!valid) {
            throw invalid("'" + bracketed + "' is not an IPv6 address");
        }
    }

    private static int parsePort(String port) throws SQLException {
        if (!port.isEmpty() && port.length() <= 5 && port.chars().allMatch(c -> c >= '0' && c <= '9')) {
            int value = Integer.parseInt(port);
            if (value >= 1 && value <= 65535) {
                return value;
            }
        }
        throw invalid("the port '" + port + "' is not a number from 1 to 65535");
    }

    /** Percent-decodes {@code text} as UTF-8; {@code what} names the part for the error message. */
    private static String decode(String text, String what) throws SQLException {
        if (text.indexOf('%') < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c != '%') {
                out.append(c);
                i++;
                continue;
            }
            // A run of %XX escapes is one UTF-8 byte sequence: decode it whole.
            bytes.reset();
            while (i < text.length() && text.charAt(i) == '%') {
                int hi = i + 2 < text.length() ? Character.digit(text.charAt(i + 1), 16) : -1;
                int lo = i + 2 < text.length() ? Character.digit(text.charAt(i + 2), 16) : -1;
                if (hi < 0 || lo < 0) {
                    throw invalid("bad percent-encoding in " + what + ": '%' must be followed by two hex digits");
                }
                bytes.write(hi * 16 + lo);
                i += 3;
            }
            try {
                out.append(StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(bytes.toByteArray())));
            } catch (CharacterCodingException e) {
                throw invalid("bad percent-encoding in " + what + ": the escaped bytes are not UTF-8");
            }
        }
        return out.toString();
    }

    private static SQLException invalid(String reason) {
        return DriverSqlState.INVALID_URL.exception(
                "Invalid Junction URL: " + reason + ". Expected " + GRAMMAR + ".", null);
    }
}
