package io.junction.server.session;

import java.sql.Connection;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * JDBC isolation levels from the names the upstreams give them: PostgreSQL's {@code repeatable read},
 * MariaDB's {@code REPEATABLE-READ}.
 */
final class IsolationLevels {
    /** The tracked parameters that hold a session's default isolation, on either upstream. */
    static final Set<String> PARAMETERS = Set.of("default_transaction_isolation", "tx_isolation",
            "transaction_isolation");

    private IsolationLevels() {
    }

    /** The level a tracked parameter sets, or null when none of {@link #PARAMETERS} is tracked. */
    static Integer ofParameters(Map<String, String> tracked) {
        for (String name : PARAMETERS) {
            String value = tracked.get(name);
            if (value != null) {
                return parse(value);
            }
        }
        return null;
    }

    /** The JDBC level of an upstream's name for it; null for a name neither upstream uses. */
    static Integer parse(String name) {
        switch (name.trim().toUpperCase(Locale.ROOT).replace('-', ' ')) {
            case "READ UNCOMMITTED":
                return Connection.TRANSACTION_READ_UNCOMMITTED;
            case "READ COMMITTED":
                return Connection.TRANSACTION_READ_COMMITTED;
            case "REPEATABLE READ":
                return Connection.TRANSACTION_REPEATABLE_READ;
            case "SERIALIZABLE":
                return Connection.TRANSACTION_SERIALIZABLE;
            default:
                return null;
        }
    }
}
