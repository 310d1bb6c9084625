package io.junction.server.error;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An error as the upstream driver raised it, for the Junction driver to raise the same: per exception of the
 * chain (the error, then its {@code getNextException()}s), the standard JDBC class it is (the nearest
 * {@code java.sql} class of the upstream driver's exception, e.g. SQLIntegrityConstraintViolationException
 * from MariaDB, SQLException from pgjdbc's PSQLException), its SQLState, vendor code and verbatim message.
 *
 * <p>It travels as one line of the ErrorResponse's server exceptions, starting with {@link #PREFIX} and
 * followed by JSON. Stock Avatica clients only print that list; they keep Avatica's message prefix.
 */
public final class ErrorChain {
    /** Prefix of the ErrorResponse line that carries the chain. */
    public static final String PREFIX = "junction-error:";

    /** Exceptions followed along {@code getNextException()}: enough for any batch, bounded against cycles. */
    private static final int MAX_CHAIN = 16;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<Map<String, Object>> entries;
    private final boolean upstream;

    private ErrorChain(List<Map<String, Object>> entries, boolean upstream) {
        this.entries = entries;
        this.upstream = upstream;
    }

    /** The chain of an upstream driver's exception. */
    public static ErrorChain of(SQLException error) {
        List<Map<String, Object>> entries = new ArrayList<>();
        for (SQLException e = error; e != null && entries.size() < MAX_CHAIN; e = e.getNextException()) {
            entries.add(entry(standardClass(e.getClass()), e.getSQLState(), e.getErrorCode(), e.getMessage()));
        }
        return new ErrorChain(List.copyOf(entries), true);
    }

    /** A single error of Junction's own, raised by the driver as a plain SQLException. */
    public static ErrorChain single(String sqlState, int vendorCode, String message) {
        return new ErrorChain(List.of(entry(SQLException.class, sqlState, vendorCode, message)), false);
    }

    /** Whether this is an upstream driver's error (passed through verbatim), not one of Junction's own. */
    public boolean fromUpstream() {
        return upstream;
    }

    /**
     * The chain as JSON-ready entries ({@code class, sqlState, vendorCode, message}), for answers that are JSON
     * already (Junction's protocol extensions).
     */
    public List<Map<String, Object>> entries() {
        return entries;
    }

    /** The ErrorResponse line. */
    public String line() {
        try {
            return PREFIX + JSON.writeValueAsString(Map.of("chain", entries));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Maps of strings and numbers always serialize", e);
        }
    }

    private static Map<String, Object> entry(Class<?> type, String sqlState, int vendorCode, String message) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("class", type.getName());
        entry.put("sqlState", sqlState);
        entry.put("vendorCode", vendorCode);
        entry.put("message", message);
        return entry;
    }

    /** The nearest superclass from {@code java.sql}: the JDBC class a client can hold without the vendor's jar. */
    private static Class<?> standardClass(Class<?> type) {
        Class<?> c = type;
        while (c != null && !c.getName().startsWith("java.sql.")) {
            c = c.getSuperclass();
        }
        return c == null ? SQLException.class : c;
    }
}
