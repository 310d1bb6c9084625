package io.junction.server.session;

import io.junction.server.upstream.Dialect;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The whitelisted session parameters a client set through SQL, by name, with the value the
 * upstream reported right after: replayed on every connection the session leases. A parameter
 * restored to its default ({@code RESET}, {@code SET x TO DEFAULT}) is no longer tracked: every
 * pooled connection has the default already. On PostgreSQL a SET or RESET inside a transaction is
 * undone by its rollback (and by a rollback to a savepoint set before it), and a SET LOCAL ends with the
 * transaction: changes made there stay pending, and when the transaction ends or rolls back to a savepoint
 * the parameters it touched are read again from the upstream ({@link #reconcile}) rather than worked out
 * here. That keeps every case PostgreSQL's: a COMMIT of a failed transaction, which rolls back; a SET then a
 * SET LOCAL of one parameter, where the SET's value comes back at the commit; nested savepoints.
 */
final class TrackedParameters {
    private static final Pattern NUMBER = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");

    private final Map<String, String> committed = new TreeMap<>();
    /** Changes of the open PostgreSQL transaction; a null value is a reset to the default. */
    private final Map<String, String> pending = new TreeMap<>();
    /** Parameters SQL changed in the open PostgreSQL transaction: read again when it ends. */
    private final Set<String> touched = new TreeSet<>();

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
                touched.add(name);
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
        if (transactional) {
            touched.addAll(names);
        }
    }

    /** Whether SQL changed parameters in the open transaction, which its end must read again. */
    boolean changedInTransaction() {
        return !touched.isEmpty();
    }

    /**
     * Reads what the PostgreSQL session holds now of the parameters its transaction touched: after the
     * transaction ended they are the session's values, after a rollback to a savepoint the transaction's.
     * A parameter at the value {@code RESET} would give it (pg_settings' {@code reset_val}, which every pooled
     * connection of the source starts from) is no longer tracked.
     */
    void reconcile(Connection connection, boolean transactionEnded) throws SQLException {
        if (touched.isEmpty()) {
            return;
        }
        StringBuilder sql = new StringBuilder("SELECT lower(name), current_setting(name),"
                + " setting IS NOT DISTINCT FROM reset_val FROM pg_settings WHERE lower(name) IN (");
        boolean first = true;
        for (String name : touched) {
            sql.append(first ? "" : ", ").append(quote(name, false));
            first = false;
        }
        sql.append(')');
        Map<String, String> read = new TreeMap<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql.toString())) {
            while (rows.next()) {
                read.put(rows.getString(1), rows.getBoolean(3) ? null : rows.getString(2));
            }
        }
        for (String name : touched) {
            String value = read.get(name);
            if (!transactionEnded) {
                pending.put(name, value);
            } else if (value == null) {
                committed.remove(name);
            } else {
                committed.put(name, value);
            }
        }
        if (transactionEnded) {
            pending.clear();
            touched.clear();
        }
    }

    /**
     * The transaction ended without its changes being read back (MariaDB, whose SETs no rollback undoes, so
     * none is pending; a PostgreSQL connection that could not be asked): they are kept if it committed, dropped
     * if not.
     */
    void endWithoutReading(boolean committedTransaction) {
        if (committedTransaction) {
            applyPending(committed);
        }
        pending.clear();
        touched.clear();
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
