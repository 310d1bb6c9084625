package io.junction.server.upstream;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What an upstream says about itself: product name and version, and the answer of every
 * argument-free capability call of its {@link DatabaseMetaData} ({@code supportsSavepoints},
 * {@code getIdentifierQuoteString}, limits...). Clients see these values instead of Avatica's
 * hard-coded ones, so frameworks recognise the real database.
 */
public record UpstreamIdentity(String productName, String productVersion, int majorVersion,
                               int minorVersion, Map<String, Object> capabilities) {

    /** Calls that name the upstream account or address: never shown to clients. */
    private static final Set<String> PRIVATE_CALLS = Set.of("getURL", "getUserName", "getConnection");

    /** Capability keys of a fresh connection's catalog and schema ({@code Connection.getCatalog/getSchema}). */
    public static final String DEFAULT_CATALOG = "connection:getCatalog";
    public static final String DEFAULT_SCHEMA = "connection:getSchema";

    public UpstreamIdentity {
        capabilities = Map.copyOf(capabilities);
    }

    static UpstreamIdentity read(DatabaseMetaData metaData) throws SQLException {
        Map<String, Object> capabilities = new TreeMap<>();
        for (Method method : DatabaseMetaData.class.getMethods()) {
            if (isCapability(method)) {
                Object value = invoke(metaData, method);
                if (value != null) {
                    capabilities.put(method.getName(), value);
                }
            }
        }
        int[] isolations = {Connection.TRANSACTION_NONE, Connection.TRANSACTION_READ_UNCOMMITTED,
                Connection.TRANSACTION_READ_COMMITTED, Connection.TRANSACTION_REPEATABLE_READ,
                Connection.TRANSACTION_SERIALIZABLE};
        for (int level : isolations) {
            capabilities.put("supportsTransactionIsolationLevel:" + level,
                    metaData.supportsTransactionIsolationLevel(level));
        }
        int[] types = {ResultSet.TYPE_FORWARD_ONLY, ResultSet.TYPE_SCROLL_INSENSITIVE,
                ResultSet.TYPE_SCROLL_SENSITIVE};
        for (int type : types) {
            capabilities.put("supportsResultSetType:" + type, metaData.supportsResultSetType(type));
        }
        // A fresh connection's catalog and schema: what a client that never set them sees.
        putIfPresent(capabilities, DEFAULT_CATALOG, metaData.getConnection().getCatalog());
        putIfPresent(capabilities, DEFAULT_SCHEMA, metaData.getConnection().getSchema());
        return new UpstreamIdentity(metaData.getDatabaseProductName(), metaData.getDatabaseProductVersion(),
                metaData.getDatabaseMajorVersion(), metaData.getDatabaseMinorVersion(), capabilities);
    }

    private static void putIfPresent(Map<String, Object> capabilities, String key, String value) {
        if (value != null) {
            capabilities.put(key, value);
        }
    }

    /** The upstream's catalog on a fresh connection, if any (a String). */
    public String defaultCatalog() {
        return (String) capabilities.get(DEFAULT_CATALOG);
    }

    /** The upstream's schema on a fresh connection, if any (a String). */
    public String defaultSchema() {
        return (String) capabilities.get(DEFAULT_SCHEMA);
    }

    private static boolean isCapability(Method method) {
        Class<?> type = method.getReturnType();
        return method.getParameterCount() == 0
                && !Modifier.isStatic(method.getModifiers())
                && (type == boolean.class || type == int.class || type == long.class || type == String.class)
                && !PRIVATE_CALLS.contains(method.getName());
    }

    private static Object invoke(DatabaseMetaData metaData, Method method) {
        try {
            return method.invoke(metaData);
        } catch (IllegalAccessException | InvocationTargetException | AbstractMethodError e) {
            // A driver that does not implement a call simply has no answer for it.
            return null;
        }
    }
}
