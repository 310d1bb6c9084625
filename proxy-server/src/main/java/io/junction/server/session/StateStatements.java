package io.junction.server.session;

import io.junction.server.session.SqlTokens.Kind;
import io.junction.server.session.SqlTokens.Token;
import io.junction.server.upstream.Dialect;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Tells from a statement's text whether it creates session state, and whether Junction can track
 * it (a whitelisted parameter, read back and replayed on every lease) or must pin the session
 * (FIELD-NOTES section 2). A lexer, not a parser: anything it recognises as state-creating but
 * cannot track pins; what it does not recognise creates no session state on these databases.
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
        for (List<Token> statement : SqlTokens.statements(sql, mysql)) {
            effect = effect.and(mysql ? mariadb(statement) : postgres(statement));
        }
        return effect;
    }

    // ---- PostgreSQL ----------------------------------------------------------------------------

    private static StateEffect postgres(List<Token> t) {
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
                return StateEffect.transaction(StateEffect.Transaction.BEGIN);
            case "COMMIT":
            case "END":
            case "ABORT":
                return StateEffect.transaction(StateEffect.Transaction.END);
            case "ROLLBACK":
                return word(t, 1).equals("TO") || word(t, 2).equals("TO") ? StateEffect.NONE
                        : StateEffect.transaction(StateEffect.Transaction.END);
            default:
                return postgresFunctions(t);
        }
    }

    private static StateEffect postgresSet(List<Token> t) {
        int i = 1;
        if (word(t, i).equals("LOCAL")) {
            return StateEffect.NONE;
        }
        if (word(t, i).equals("SESSION")) {
            if (word(t, i + 1).equals("AUTHORIZATION")) {
                return StateEffect.pin(PinReason.SET_ROLE, "SET SESSION AUTHORIZATION");
            }
            if (word(t, i + 1).equals("CHARACTERISTICS")) {
                return StateEffect.track(CHARACTERISTICS);
            }
            i++;
        }
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
            case "CONSTRAINTS":
                // Scoped to the current transaction (outside one, PostgreSQL ignores them).
                return StateEffect.NONE;
            default:
                String name = dottedName(t, i);
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

    /** {@code SET name TO DEFAULT} or {@code SET name = DEFAULT}, the name (perhaps dotted) starting at {@code i}. */
    private static boolean toDefault(List<Token> t, int i) {
        int value = i + 1;
        while (value + 1 < t.size() && t.get(value).isSymbol('.')) {
            value += 2;
        }
        boolean assignment = value < t.size() && (t.get(value).is("TO") || t.get(value).isSymbol('='));
        return assignment && value + 2 == t.size() && t.get(value + 1).is("DEFAULT");
    }

    private static StateEffect postgresFunctions(List<Token> t) {
        StateEffect effect = StateEffect.NONE;
        if (containsPair(t, "INTO", "TEMP") || containsPair(t, "INTO", "TEMPORARY")) {
            effect = StateEffect.pin(PinReason.TEMP_TABLE, "SELECT INTO TEMP");
        }
        for (int i = 0; i + 1 < t.size(); i++) {
            Token token = t.get(i);
            if (token.kind() != Kind.WORD || !t.get(i + 1).isSymbol('(')) {
                continue;
            }
            if (ADVISORY_LOCKS.contains(token.text())) {
                effect = effect.and(StateEffect.pin(PinReason.ADVISORY_LOCK, token.text().toLowerCase(Locale.ROOT)));
            } else if (token.is("SET_CONFIG")) {
                effect = effect.and(setConfig(arguments(t, i + 1)));
            }
        }
        return effect;
    }

    /** {@code set_config(name, value, is_local)}: only a literal name with is_local false can be tracked. */
    private static StateEffect setConfig(List<List<Token>> args) {
        if (args.size() == 3 && args.get(2).size() == 1 && args.get(2).get(0).is("TRUE")) {
            return StateEffect.NONE;
        }
        boolean literalName = !args.isEmpty() && args.get(0).size() == 1 && args.get(0).get(0).kind() == Kind.STRING;
        String name = literalName ? args.get(0).get(0).text().toLowerCase(Locale.ROOT) : "set_config(<expression>)";
        boolean session = args.size() == 3 && args.get(2).size() == 1 && args.get(2).get(0).is("FALSE");
        if (literalName && session && POSTGRES_TRACKED.contains(name)) {
            return StateEffect.track(Set.of(name));
        }
        return StateEffect.pin(PinReason.UNTRACKED_SET, name);
    }

    private static boolean createsTemporary(List<Token> t) {
        for (int i = 1; i < t.size() && i < 4; i++) {
            if (t.get(i).is("TEMP") || t.get(i).is("TEMPORARY")) {
                return true;
            }
        }
        return false;
    }

    // ---- MariaDB / MySQL -----------------------------------------------------------------------

    private static StateEffect mariadb(List<Token> t) {
        for (int i = 0; i < t.size(); i++) {
            Token token = t.get(i);
            if (token.kind() == Kind.USER_VARIABLE) {
                return StateEffect.pin(PinReason.USER_VARIABLE, "@" + token.text());
            }
            if (token.is("GET_LOCK") && i + 1 < t.size() && t.get(i + 1).isSymbol('(')) {
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

    private static StateEffect mariadbSet(List<Token> t) {
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
                    return StateEffect.track(Set.of("tx_isolation", "tx_read_only"));
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
        for (List<Token> assignment : split(t.subList(1, t.size()))) {
            effect = effect.and(mariadbAssignment(assignment));
        }
        return effect;
    }

    private static StateEffect mariadbAssignment(List<Token> a) {
        if (a.isEmpty()) {
            return StateEffect.NONE;
        }
        int i = 0;
        String name;
        if (a.get(0).kind() == Kind.SYSTEM_VARIABLE) {
            name = a.get(0).text();
            if (name.startsWith("global.")) {
                return StateEffect.NONE;
            }
            name = name.startsWith("session.") ? name.substring(8) : name.startsWith("local.") ? name.substring(6) : name;
        } else {
            if (a.get(0).is("GLOBAL")) {
                return StateEffect.NONE;
            }
            if (a.get(0).is("SESSION") || a.get(0).is("LOCAL")) {
                i++;
            }
            name = i < a.size() ? a.get(i).text().toLowerCase(Locale.ROOT) : "";
        }
        if (name.equals("autocommit")) {
            return StateEffect.autoCommitSwitch();
        }
        if (MARIADB_TRACKED.contains(name)) {
            // SET x = DEFAULT: the global value, which a connection has after COM_RESET_CONNECTION.
            boolean toDefault = a.size() == i + 3 && a.get(i + 1).isSymbol('=') && a.get(i + 2).is("DEFAULT");
            return toDefault ? StateEffect.reset(Set.of(name)) : StateEffect.track(Set.of(name));
        }
        return StateEffect.pin(PinReason.UNTRACKED_SET, name);
    }

    // ---- token helpers -------------------------------------------------------------------------

    private static String word(List<Token> t, int i) {
        return i < t.size() && t.get(i).kind() == Kind.WORD ? t.get(i).text() : "";
    }

    /** A parameter name, perhaps qualified ({@code myapp.tenant}), lower case. */
    private static String dottedName(List<Token> t, int i) {
        StringBuilder name = new StringBuilder(i < t.size() ? t.get(i).text() : "");
        while (i + 2 < t.size() && t.get(i + 1).isSymbol('.')) {
            name.append('.').append(t.get(i + 2).text());
            i += 2;
        }
        return name.toString().toLowerCase(Locale.ROOT);
    }

    private static boolean containsPair(List<Token> t, String first, String second) {
        for (int i = 0; i + 1 < t.size(); i++) {
            if (t.get(i).is(first) && t.get(i + 1).is(second)) {
                return true;
            }
        }
        return false;
    }

    /** The comma-separated arguments of the call whose '(' is at {@code open}. */
    private static List<List<Token>> arguments(List<Token> t, int open) {
        List<List<Token>> args = new ArrayList<>();
        List<Token> current = new ArrayList<>();
        int depth = 0;
        for (int i = open + 1; i < t.size(); i++) {
            Token token = t.get(i);
            if (token.isSymbol('(')) {
                depth++;
            } else if (token.isSymbol(')')) {
                if (depth == 0) {
                    break;
                }
                depth--;
            } else if (token.isSymbol(',') && depth == 0) {
                args.add(current);
                current = new ArrayList<>();
                continue;
            }
            current.add(token);
        }
        args.add(current);
        return args;
    }

    /** Top-level comma-separated parts. */
    private static List<List<Token>> split(List<Token> t) {
        List<List<Token>> parts = new ArrayList<>();
        List<Token> current = new ArrayList<>();
        int depth = 0;
        for (Token token : t) {
            if (token.isSymbol('(')) {
                depth++;
            } else if (token.isSymbol(')')) {
                depth--;
            } else if (token.isSymbol(',') && depth == 0) {
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
