package io.junction.server.session;

import io.junction.server.upstream.Dialect;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The whitelisted session parameters a client set through SQL, by name, with the value the
 * upstream reported right after: replayed on every connection the session leases. A parameter
 * restored to its default ({@code RESET}, {@code SET x TO DEFAULT}) is no longer tracked: every
 * pooled connection has the default already. On PostgreSQL a SET or RESET inside a transaction is
 * undone by its rollback, so changes made there stay pending until the commit.
 */
final class TrackedParameters {
    private static final Pattern NUMBER = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");

    private final Map<String, String> committed = new TreeMap<>();
    /** Changes of the open PostgreSQL transaction; a null value is a reset to the default. */
    private final Map<String, String> pending = new TreeMap<>();

    /** What a connection must carry for this session right now (pending changes included). */
    Map<String, String> current() {
        if (pending.isEmpty()) {
            return committed;
        }
        Map<String, String> all = new TreeMap<>(committed);
        applyPending(all);
        return all;
    }

    /**
     * The parameters went back to the connection's defaults: they are no longer replayed.
     *
     * @param transactional whether a rollback would undo it (PostgreSQL, inside a transaction)
     */
    void reset(Set<String> names, boolean transactional) {
        for (String name : names) {
            if (transactional) {
                pending.put(name, null);
            } else {
                committed.remove(name);
                pending.remove(name);
            }
        }
    }

    Map<String, String> committed() {
        return committed;
    }

    /** Reads the parameters' values from the connection the changing statement ran on. */
    void readBack(Connection connection, Dialect dialect, Set<String> names, boolean inTransaction)
            throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT ");
        String[] ordered = names.toArray(new String[0]);
        for (int i = 0; i < ordered.length; i++) {
            sql.append(i == 0 ? "" : ", ").append(dialect == Dialect.POSTGRESQL
                    ? "current_setting('" + ordered[i] + "')" : "@@SESSION." + ordered[i]);
        }
        boolean transactional = dialect == Dialect.POSTGRESQL && inTransaction;
        try (Statement statement = connection.createStatement(); ResultSet values = statement.executeQuery(sql.toString())) {
            values.next();
            for (int i = 0; i < ordered.length; i++) {
                String value = values.getString(i + 1);
                (transactional ? pending : committed).put(ordered[i], value == null ? "" : value);
            }
        }
    }

    void commit() {
        applyPending(committed);
        pending.clear();
    }

    private void applyPending(Map<String, String> values) {
        pending.forEach((name, value) -> {
            if (value == null) {
                values.remove(name);
            } else {
                values.put(name, value);
            }
        });
    }

    void rollback() {
        pending.clear();
    }

    /** Sets the values on a connection, in one statement. */
    static void apply(Connection connection, Dialect dialect, Map<String, String> values) throws SQLException {
        if (values.isEmpty()) {
            return;
        }
        StringBuilder sql = new StringBuilder(dialect == Dialect.POSTGRESQL ? "SELECT " : "SET SESSION ");
        boolean first = true;
        for (Map.Entry<String, String> entry : values.entrySet()) {
            sql.append(first ? "" : ", ");
            first = false;
            if (dialect == Dialect.POSTGRESQL) {
                // set_config takes the value as the config file would: lists such as search_path
                // survive, where SET would read a quoted list as one name.
                sql.append("set_config(").append(quote(entry.getKey(), false)).append(", ")
                        .append(quote(entry.getValue(), false)).append(", false)");
            } else {
                String value = entry.getValue();
                sql.append(entry.getKey()).append(" = ").append(NUMBER.matcher(value).matches() ? value : quote(value, true));
            }
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql.toString());
        }
    }

    private static String quote(String value, boolean backslashes) {
        String escaped = value.replace("'", "''");
        return "'" + (backslashes ? escaped.replace("\\", "\\\\") : escaped) + "'";
    }
}
