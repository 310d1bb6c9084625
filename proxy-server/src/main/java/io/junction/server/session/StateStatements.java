package io.junction.server.session;

import io.junction.cache.SqlFlavor;
import io.junction.cache.SqlLexer;
import io.junction.cache.SqlToken;
import io.junction.server.upstream.Dialect;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Tells from a statement's text whether it creates session state, and whether Junction can track
 * it (a whitelisted parameter, read back and replayed on every lease) or must pin the session
 * (FIELD-NOTES section 2). Reads {@link SqlLexer} tokens, not a parse tree: anything it recognises as
 * state-creating but cannot track pins; what it does not recognise creates no session state on these
 * databases.
 */
final class StateStatements {
    /** PostgreSQL parameters tracked by name, lower case as {@code current_setting} accepts them. */
    static final Set<String> POSTGRES_TRACKED = Set.of("timezone", "search_path", "statement_timeout",
            "lock_timeout", "application_name", "datestyle", "intervalstyle", "extra_float_digits",
            "standard_conforming_strings", "client_min_messages", "default_transaction_isolation",
            "default_transaction_read_only", "default_transaction_deferrable");
    /** MariaDB session variables tracked by name ({@code autocommit} is handled as JDBC state). */
    static final Set<String> MARIADB_TRACKED = Set.of("time_zone", "sql_mode", "character_set_client",
            "character_set_connection", "character_set_results", "collation_connection", "max_statement_time",
            "tx_isolation", "tx_read_only", "transaction_isolation", "transaction_read_only");

    private static final Set<String> CHARACTERISTICS = Set.of("default_transaction_isolation",
            "default_transaction_read_only", "default_transaction_deferrable");
    /** PostgreSQL's parameters for the open transaction's own characteristics ({@code SET TRANSACTION}). */
    private static final Set<String> TRANSACTION_CHARACTERISTICS = Set.of("transaction_isolation",
            "transaction_read_only", "transaction_deferrable");
    /** MariaDB's two names for each transaction characteristic: a change through one makes the other's stale. */
    private static final Map<String, String> MARIADB_ALIASES = Map.of("tx_isolation", "transaction_isolation",
            "transaction_isolation", "tx_isolation", "tx_read_only", "transaction_read_only",
            "transaction_read_only", "tx_read_only");
    private static final Set<String> MARIADB_NAMES = Set.of("character_set_client", "character_set_connection",
            "character_set_results", "collation_connection");
    private static final Set<String> ADVISORY_LOCKS = Set.of("PG_ADVISORY_LOCK", "PG_ADVISORY_LOCK_SHARED",
            "PG_TRY_ADVISORY_LOCK", "PG_TRY_ADVISORY_LOCK_SHARED");

    private StateStatements() {
    }

    static StateEffect classify(String sql, Dialect dialect) {
        boolean mysql = dialect == Dialect.MARIADB || dialect == Dialect.MYSQL;
        if (dialect != Dialect.POSTGRESQL && !mysql) {
            return StateEffect.NONE;
        }
        StateEffect effect = StateEffect.NONE;
        SqlLexer.Lexed lexed = SqlLexer.lex(sql, mysql ? SqlFlavor.MYSQL : SqlFlavor.POSTGRESQL);
        if (mysql && !lexed.complete()) {
            // An executable comment (or a quote left open, which the server refuses anyway): its state is unknown.
            return StateEffect.pin(PinReason.EXECUTABLE_COMMENT, "a /*! ... */ comment");
        }
        for (List<SqlToken> statement : lexed.statements()) {
            effect = effect.and(mysql ? mariadb(statement) : postgres(statement));
        }
        return effect;
    }

    // ---- PostgreSQL ----------------------------------------------------------------------------

    private static StateEffect postgres(List<SqlToken> t) {
        String first = word(t, 0);
        switch (first) {
            case "SET":
                return postgresSet(t);
            case "RESET":
                if (word(t, 1).equals("ALL")) {
                    return StateEffect.reset(POSTGRES_TRACKED);
                }
                if (word(t, 1).equals("TIME") && word(t, 2).equals("ZONE")) {
                    return StateEffect.reset(Set.of("timezone"));
                }
                String reset = dottedName(t, 1);
                return POSTGRES_TRACKED.contains(reset) ? StateEffect.reset(Set.of(reset)) : StateEffect.NONE;
            case "DISCARD":
                // DISCARD ALL includes RESET ALL; the other forms leave parameters alone. Whatever else it drops
                // (temporary tables, prepared statements, locks) may have pinned the session: the pin stays.
                return word(t, 1).equals("ALL") ? StateEffect.reset(POSTGRES_TRACKED) : StateEffect.NONE;
            case "LISTEN":
                return StateEffect.pin(PinReason.LISTEN, "LISTEN");
            case "PREPARE":
                if (word(t, 1).equals("TRANSACTION")) {
                    return StateEffect.transaction(StateEffect.Transaction.END);
                }
                return StateEffect.pin(PinReason.SQL_PREPARE, "PREPARE");
            case "EXECUTE":
            case "DEALLOCATE":
                return StateEffect.pin(PinReason.SQL_PREPARE, first);
            case "DECLARE":
                return containsPair(t, "WITH", "HOLD")
                        ? StateEffect.pin(PinReason.WITH_HOLD_CURSOR, "DECLARE ... WITH HOLD") : StateEffect.NONE;
            case "CREATE":
                if (createsTemporary(t) && !containsPair(t, "COMMIT", "DROP")) {
                    return StateEffect.pin(PinReason.TEMP_TABLE, "CREATE TEMPORARY");
                }
                return StateEffect.NONE;
            case "BEGIN":
            case "START":
                StateEffect begin = StateEffect.transaction(StateEffect.Transaction.BEGIN);
                return containsWord(t, "ISOLATION") ? begin.and(StateEffect.transactionIsolationSet()) : begin;
            case "COMMIT":
            case "END":
            case "ABORT":
                return StateEffect.transaction(StateEffect.Transaction.END);
            case "ROLLBACK":
                return word(t, 1).equals("TO") || word(t, 2).equals("TO") ? StateEffect.savepointRolledBack()
                        : StateEffect.transaction(StateEffect.Transaction.END);
            default:
                return postgresFunctions(t);
        }
    }

    private static StateEffect postgresSet(List<SqlToken> t) {
        if (word(t, 1).equals("LOCAL")) {
            return untilTransactionEnds(postgresAssignment(t, 2));
        }
        if (word(t, 1).equals("SESSION")) {
            if (word(t, 2).equals("AUTHORIZATION")) {
                return StateEffect.pin(PinReason.SET_ROLE, "SET SESSION AUTHORIZATION");
            }
            if (word(t, 2).equals("CHARACTERISTICS")) {
                return StateEffect.track(CHARACTERISTICS);
            }
            return postgresAssignment(t, 2);
        }
        return postgresAssignment(t, 1);
    }

    /** What {@code SET [SESSION]} does, the parameter's name at {@code i}. */
    private static StateEffect postgresAssignment(List<SqlToken> t, int i) {
        switch (word(t, i)) {
            case "ROLE":
                return StateEffect.pin(PinReason.SET_ROLE, "SET ROLE");
            case "TIME":
                // SET TIME ZONE DEFAULT | LOCAL: the connection's default.
                return word(t, i + 2).equals("DEFAULT") || word(t, i + 2).equals("LOCAL")
                        ? StateEffect.reset(Set.of("timezone")) : StateEffect.track(Set.of("timezone"));
            case "SCHEMA":
                return StateEffect.track(Set.of("search_path"));
            case "TRANSACTION":
                // Scoped to the current transaction (outside one, PostgreSQL ignores it), but its isolation is
                // what getTransactionIsolation() answers until the transaction ends.
                return containsWord(t, "ISOLATION") ? StateEffect.transactionIsolationSet() : StateEffect.NONE;
            case "CONSTRAINTS":
                return StateEffect.NONE;
            default:
                String name = dottedName(t, i);
                if (TRANSACTION_CHARACTERISTICS.contains(name)) {
                    // SET transaction_isolation = ... is SET TRANSACTION ISOLATION LEVEL ... by another name.
                    return name.equals("transaction_isolation") ? StateEffect.transactionIsolationSet()
                            : StateEffect.NONE;
                }
                if (toDefault(t, i)) {
                    // Back to the connection's default, which every pooled connection has after its reset.
                    return POSTGRES_TRACKED.contains(name) ? StateEffect.reset(Set.of(name)) : StateEffect.NONE;
                }
                if (POSTGRES_TRACKED.contains(name)) {
                    return StateEffect.track(Set.of(name));
                }
                return StateEffect.pin(PinReason.UNTRACKED_SET, name);
        }
    }

    /**
     * {@code SET LOCAL}: what the same SET would change, but only until the transaction ends, so nothing to pin
     * for. A tracked parameter is still followed while the transaction lasts (getSchema() answers a SET LOCAL
     * search_path), and read again when it ends.
     */
    private static StateEffect untilTransactionEnds(StateEffect session) {
        if (session.transactionIsolation()) {
            return session;
        }
        Set<String> names = new java.util.LinkedHashSet<>(session.tracked());
        names.addAll(session.resets());
        return names.isEmpty() ? StateEffect.NONE : StateEffect.local(names);
    }

    /** {@code SET name TO DEFAULT} or {@code SET name = DEFAULT}, the name (perhaps dotted) starting at {@code i}. */
    private static boolean toDefault(List<SqlToken> t, int i) {
        int value = i + 1;
        while (value + 1 < t.size() && t.get(value).isSymbol(".")) {
            value += 2;
        }
        boolean assignment = value < t.size() && (t.get(value).isWord("TO") || t.get(value).isSymbol("="));
        return assignment && value + 2 == t.size() && t.get(value + 1).isWord("DEFAULT");
    }

    private static StateEffect postgresFunctions(List<SqlToken> t) {
        StateEffect effect = StateEffect.NONE;
        if (containsPair(t, "INTO", "TEMP") || containsPair(t, "INTO", "TEMPORARY")) {
            effect = StateEffect.pin(PinReason.TEMP_TABLE, "SELECT INTO TEMP");
        }
        for (int i = 0; i + 1 < t.size(); i++) {
            SqlToken token = t.get(i);
            if (token.type() != SqlToken.Type.WORD || !t.get(i + 1).isSymbol("(")) {
                continue;
            }
            if (ADVISORY_LOCKS.contains(token.upper())) {
                effect = effect.and(StateEffect.pin(PinReason.ADVISORY_LOCK, token.text().toLowerCase(Locale.ROOT)));
            } else if (token.isWord("SET_CONFIG")) {
                effect = effect.and(setConfig(arguments(t, i + 1)));
            }
        }
        return effect;
    }

    /** {@code set_config(name, value, is_local)}: only a literal name with is_local false can be tracked. */
    private static StateEffect setConfig(List<List<SqlToken>> args) {
        boolean literalName = !args.isEmpty() && args.get(0).size() == 1
                && args.get(0).get(0).type() == SqlToken.Type.STRING;
        String name = literalName ? name(args.get(0).get(0)) : "set_config(<expression>)";
        if (args.size() == 3 && args.get(2).size() == 1 && args.get(2).get(0).isWord("TRUE")) {
            // Local to the transaction: like SET LOCAL.
            return literalName && POSTGRES_TRACKED.contains(name) ? StateEffect.local(Set.of(name)) : StateEffect.NONE;
        }
        boolean session = args.size() == 3 && args.get(2).size() == 1 && args.get(2).get(0).isWord("FALSE");
        if (literalName && session && POSTGRES_TRACKED.contains(name)) {
            return StateEffect.track(Set.of(name));
        }
        return StateEffect.pin(PinReason.UNTRACKED_SET, name);
    }

    private static boolean createsTemporary(List<SqlToken> t) {
        for (int i = 1; i < t.size() && i < 4; i++) {
            if (t.get(i).isWord("TEMP") || t.get(i).isWord("TEMPORARY")) {
                return true;
            }
        }
        return false;
    }

    // ---- MariaDB / MySQL -----------------------------------------------------------------------

    private static StateEffect mariadb(List<SqlToken> t) {
        for (int i = 0; i < t.size(); i++) {
            SqlToken token = t.get(i);
            if (token.type() == SqlToken.Type.USER_VARIABLE) {
                return StateEffect.pin(PinReason.USER_VARIABLE, name(token));
            }
            if (token.isWord("GET_LOCK") && i + 1 < t.size() && t.get(i + 1).isSymbol("(")) {
                return StateEffect.pin(PinReason.NAMED_LOCK, "GET_LOCK");
            }
        }
        String first = word(t, 0);
        switch (first) {
            case "SET":
                return mariadbSet(t);
            case "USE":
                return StateEffect.databaseSwitch();
            case "LOCK":
                return StateEffect.pin(PinReason.LOCK_TABLES, "LOCK TABLES");
            case "PREPARE":
            case "EXECUTE":
            case "DEALLOCATE":
                return StateEffect.pin(PinReason.SQL_PREPARE, first);
            case "CREATE":
                return createsTemporary(t) ? StateEffect.pin(PinReason.TEMP_TABLE, "CREATE TEMPORARY TABLE")
                        : StateEffect.NONE;
            case "BEGIN":
            case "START":
                return StateEffect.transaction(StateEffect.Transaction.BEGIN);
            case "COMMIT":
                return StateEffect.transaction(StateEffect.Transaction.END);
            case "ROLLBACK":
                return word(t, 1).equals("TO") || word(t, 2).equals("TO") ? StateEffect.NONE
                        : StateEffect.transaction(StateEffect.Transaction.END);
            default:
                return StateEffect.NONE;
        }
    }

    private static StateEffect mariadbSet(List<SqlToken> t) {
        String second = word(t, 1);
        switch (second) {
            case "STATEMENT":
            case "PASSWORD":
                // SET STATEMENT ... FOR lasts one statement; a password is not session state.
                return StateEffect.NONE;
            case "ROLE":
            case "DEFAULT":
                return StateEffect.pin(PinReason.SET_ROLE, "SET ROLE");
            case "TRANSACTION":
                return StateEffect.pin(PinReason.NEXT_TRANSACTION, "SET TRANSACTION");
            case "NAMES":
            case "CHARSET":
            case "CHARACTER":
                return StateEffect.track(MARIADB_NAMES);
            case "SESSION":
            case "LOCAL":
                if (word(t, 2).equals("TRANSACTION")) {
                    return StateEffect.track(Set.of("tx_isolation", "tx_read_only"))
                            .and(StateEffect.reset(Set.of("transaction_isolation", "transaction_read_only")));
                }
                break;
            case "GLOBAL":
                if (word(t, 2).equals("TRANSACTION")) {
                    return StateEffect.NONE;
                }
                break;
            default:
                break;
        }
        StateEffect effect = StateEffect.NONE;
        for (List<SqlToken> assignment : split(t.subList(1, t.size()))) {
            effect = effect.and(mariadbAssignment(assignment));
        }
        return effect;
    }

    private static StateEffect mariadbAssignment(List<SqlToken> a) {
        if (a.isEmpty()) {
            return StateEffect.NONE;
        }
        int i = 0;
        String name;
        if (a.get(0).type() == SqlToken.Type.SYSTEM_VARIABLE) {
            name = name(a.get(0)).substring(2);
            if (name.startsWith("global.")) {
                return StateEffect.NONE;
            }
            name = name.startsWith("session.") ? name.substring(8) : name.startsWith("local.") ? name.substring(6) : name;
        } else {
            if (a.get(0).isWord("GLOBAL")) {
                return StateEffect.NONE;
            }
            if (a.get(0).isWord("SESSION") || a.get(0).isWord("LOCAL")) {
                i++;
            }
            name = i < a.size() ? name(a.get(i)) : "";
        }
        if (name.equals("autocommit")) {
            return StateEffect.autoCommitSwitch();
        }
        if (MARIADB_TRACKED.contains(name)) {
            // SET x = DEFAULT: the global value, which a connection has after COM_RESET_CONNECTION.
            boolean toDefault = a.size() == i + 3 && a.get(i + 1).isSymbol("=") && a.get(i + 2).isWord("DEFAULT");
            StateEffect effect = toDefault ? StateEffect.reset(Set.of(name)) : StateEffect.track(Set.of(name));
            String alias = MARIADB_ALIASES.get(name);
            // The other name holds the same value: tracking both would replay a stale one over the new.
            return alias == null ? effect : effect.and(StateEffect.reset(Set.of(alias)));
        }
        return StateEffect.pin(PinReason.UNTRACKED_SET, name);
    }

    // ---- token helpers -------------------------------------------------------------------------

    private static String word(List<SqlToken> t, int i) {
        return i < t.size() && t.get(i).type() == SqlToken.Type.WORD ? t.get(i).upper() : "";
    }

    /** A name, a string's content or a variable, lower case (parameter and variable names ignore case). */
    private static String name(SqlToken token) {
        return token.unquoted().toLowerCase(Locale.ROOT);
    }

    /** A parameter name, perhaps qualified ({@code myapp.tenant}), lower case. */
    private static String dottedName(List<SqlToken> t, int i) {
        StringBuilder name = new StringBuilder(i < t.size() ? name(t.get(i)) : "");
        while (i + 2 < t.size() && t.get(i + 1).isSymbol(".")) {
            name.append('.').append(name(t.get(i + 2)));
            i += 2;
        }
        return name.toString();
    }

    private static boolean containsWord(List<SqlToken> t, String word) {
        for (SqlToken token : t) {
            if (token.isWord(word)) {
                return true;
            }
        }
        return false;
    }

    private static boolean containsPair(List<SqlToken> t, String first, String second) {
        for (int i = 0; i + 1 < t.size(); i++) {
            if (t.get(i).isWord(first) && t.get(i + 1).isWord(second)) {
                return true;
            }
        }
        return false;
    }

    /** The comma-separated arguments of the call whose '(' is at {@code open}. */
    private static List<List<SqlToken>> arguments(List<SqlToken> t, int open) {
        int close = open + 1;
        for (int depth = 0; close < t.size(); close++) {
            if (t.get(close).isSymbol("(")) {
                depth++;
            } else if (t.get(close).isSymbol(")") && depth-- == 0) {
                break;
            }
        }
        return split(t.subList(open + 1, close));
    }

    /** Top-level comma-separated parts. */
    private static List<List<SqlToken>> split(List<SqlToken> t) {
        List<List<SqlToken>> parts = new ArrayList<>();
        List<SqlToken> current = new ArrayList<>();
        int depth = 0;
        for (SqlToken token : t) {
            if (token.isSymbol("(")) {
                depth++;
            } else if (token.isSymbol(")")) {
                depth--;
            } else if (token.isSymbol(",") && depth == 0) {
                parts.add(current);
                current = new ArrayList<>();
                continue;
            }
            current.add(token);
        }
        parts.add(current);
        return parts;
    }
}
