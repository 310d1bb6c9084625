package io.junction.server.upstream;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Which tracked parameters each physical connection carries, so that a lease replays them only
 * when the connection does not already hold exactly the session's values, and resets it only when
 * it holds someone else's. Keyed weakly by the physical connection (below HikariCP's proxy):
 * entries vanish with the connections.
 */
public final class CarriedState {
    private static final Map<Connection, Map<String, String>> CARRIED =
            Collections.synchronizedMap(new WeakHashMap<>());

    private CarriedState() {
    }

    public static Map<String, String> of(Connection connection) throws SQLException {
        Map<String, String> carried = CARRIED.get(physical(connection));
        return carried == null ? Map.of() : carried;
    }

    public static void set(Connection connection, Map<String, String> values) throws SQLException {
        if (values.isEmpty()) {
            CARRIED.remove(physical(connection));
        } else {
            CARRIED.put(physical(connection), Map.copyOf(values));
        }
    }

    private static Connection physical(Connection connection) throws SQLException {
        return connection.isWrapperFor(Connection.class) ? connection.unwrap(Connection.class) : connection;
    }
}
