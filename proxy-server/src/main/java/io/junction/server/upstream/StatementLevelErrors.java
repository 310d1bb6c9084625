package io.junction.server.upstream;

import com.zaxxer.hikari.SQLExceptionOverride;

import java.sql.SQLException;

/**
 * Tells HikariCP which upstream errors leave the connection usable. HikariCP evicts a connection on SQLState
 * class 08 and on a short list that includes 0A000 ("feature not supported"). On PostgreSQL and MariaDB 0A000
 * is a statement's error: PostgreSQL raises it as "cached plan must not change result type" after DDL changed a
 * table under a prepared statement, which Junction retries (outside a transaction). Evicting for it would cost
 * a physical connection, and its server-side statements, every time a table changes.
 */
final class StatementLevelErrors implements SQLExceptionOverride {
    private static final String FEATURE_NOT_SUPPORTED = "0A000";

    @java.lang.Override
    public SQLExceptionOverride.Override adjudicate(SQLException e) {
        for (SQLException link = e; link != null; link = link.getNextException()) {
            String state = link.getSQLState();
            if (state != null && state.startsWith("08")) {
                // A connection exception anywhere in the chain: the connection is gone whatever else happened.
                return SQLExceptionOverride.Override.CONTINUE_EVICT;
            }
        }
        return FEATURE_NOT_SUPPORTED.equals(e.getSQLState())
                ? SQLExceptionOverride.Override.DO_NOT_EVICT : SQLExceptionOverride.Override.CONTINUE_EVICT;
    }
}
