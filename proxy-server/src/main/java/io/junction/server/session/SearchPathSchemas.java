package io.junction.server.session;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/**
 * PostgreSQL's {@code current_schema()} under each search path SQL set in one session: what a direct
 * connection's {@code getSchema()} answers under it (the first schema of the path that exists), asked
 * once per path rather than on every {@code getSchema()}.
 */
final class SearchPathSchemas {
    /** Bounds the memory of a session that sets many different search paths. */
    private static final int MAX_REMEMBERED = 64;

    private final Map<String, String> schemaBySearchPath = new HashMap<>();

    /** The schema under {@code searchPath}, or null when it was never learned. */
    String schemaUnder(String searchPath) {
        return searchPath == null ? null : schemaBySearchPath.get(searchPath);
    }

    /**
     * Asks {@code connection}, where {@code searchPath} is in effect, for its current schema; a path learned
     * before is asked again only when {@code again} (SQL just set it: the schemas that exist may have changed).
     */
    void learn(Connection connection, String searchPath, boolean again) throws SQLException {
        if (searchPath == null || (!again && schemaBySearchPath.containsKey(searchPath))) {
            return;
        }
        if (schemaBySearchPath.size() >= MAX_REMEMBERED) {
            schemaBySearchPath.clear();
        }
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT current_schema()")) {
            result.next();
            schemaBySearchPath.put(searchPath, result.getString(1));
        }
    }
}
