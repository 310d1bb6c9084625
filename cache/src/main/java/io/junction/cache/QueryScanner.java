package io.junction.cache;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Walks the tokens of a query (or of the non-target parts of a write) and records the tables it
 * reads, the functions it calls, locking clauses, and anything it does not understand. It follows
 * FROM lists and JOINs at every nesting level, so tables in subqueries, in ORDER BY subqueries and
 * in CTE bodies are all found; a construct it cannot place makes the result "not understood"
 * rather than dropping a table.
 */
final class QueryScanner {
    /** Words after which "(" opens a query or a list, never a function call. */
    private static final Set<String> NON_FUNCTION_WORDS = Set.of(
            "IN", "EXISTS", "ANY", "SOME", "ALL", "AS", "FROM", "JOIN", "ON", "USING", "AND", "OR", "NOT", "WHERE",
            "SELECT", "VALUES", "OVER", "FILTER", "WITHIN", "BY", "HAVING", "WHEN", "THEN", "ELSE", "IS", "LIKE",
            "ILIKE", "BETWEEN", "LATERAL", "UNION", "INTERSECT", "EXCEPT", "ROW", "ARRAY", "INTO", "SET",
            "RETURNING", "CASE", "DISTINCT", "RECURSIVE", "MATERIALIZED", "TABLE", "LIMIT", "OFFSET", "WITH",
            "ONLY", "CUBE", "ROLLUP", "SETS", "INDEX", "KEY", "DO", "CONFLICT", "PARTITION", "RETURN", "ESCAPE",
            "GROUP", "ORDER", "WINDOW", "UPDATE", "NULLS", "SIMILAR", "OVERLAPS", "END");
    /** Words that end a FROM list at their nesting level. */
    private static final Set<String> FROM_ENDERS = Set.of(
            "WHERE", "GROUP", "HAVING", "ORDER", "LIMIT", "OFFSET", "FETCH", "UNION", "INTERSECT", "EXCEPT",
            "WINDOW", "FOR", "LOCK", "SET", "RETURNING", "QUALIFY", "INTO", "VALUES", "SELECT", "WHEN", "DO");
    /** Words that cannot be a table alias. */
    private static final Set<String> NOT_ALIASES = Set.of(
            "WHERE", "GROUP", "HAVING", "ORDER", "LIMIT", "OFFSET", "FETCH", "UNION", "INTERSECT", "EXCEPT",
            "WINDOW", "FOR", "LOCK", "JOIN", "INNER", "LEFT", "RIGHT", "FULL", "OUTER", "CROSS", "NATURAL", "ON",
            "USING", "SET", "RETURNING", "VALUES", "SELECT", "INTO", "STRAIGHT_JOIN", "TABLESAMPLE", "USE",
            "FORCE", "IGNORE", "PARTITION", "WHEN", "THEN", "AND", "OR", "LATERAL", "DO", "QUALIFY", "AS",
            "NOT", "MATCHED", "DEFAULT", "OVERRIDING", "ONLY");

    private final SqlFlavor flavor;
    private final FunctionCatalog functions;
    private final Set<String> cteNames;
    final Set<TableName> reads = new LinkedHashSet<>();
    final List<String> volatileCalls = new ArrayList<>();
    final List<String> sessionChangingCalls = new ArrayList<>();
    final List<String> unknownCalls = new ArrayList<>();
    boolean locking;
    boolean selectInto;
    String notUnderstood;

    QueryScanner(SqlFlavor flavor, FunctionCatalog functions, Set<String> cteNames) {
        this.flavor = flavor;
        this.functions = functions;
        this.cteNames = cteNames;
    }

    /** Scans {@code tokens[from, to)}; {@code fromLike} words (e.g. UPDATE) open a table list like FROM. */
    void scan(List<SqlToken> tokens, int from, int to, Set<String> fromLike) {
        // One entry per open parenthesis: whether it is a function's argument list.
        Deque<Boolean> functionParens = new ArrayDeque<>();
        Deque<Boolean> fromLists = new ArrayDeque<>();
        boolean inFromList = false;
        for (int i = from; i < to; i++) {
            SqlToken t = tokens.get(i);
            SqlToken previous = i > from ? tokens.get(i - 1) : null;
            boolean inFunction = !functionParens.isEmpty() && functionParens.peek();
            if (t.isSymbol("(")) {
                boolean call = previous != null && previous.isName() && !isNonFunctionWord(previous)
                        && !(i >= from + 2 && tokens.get(i - 2).isSymbol("."));
                functionParens.push(call);
                fromLists.push(inFromList);
                inFromList = false;
                continue;
            }
            if (t.isSymbol(")")) {
                if (functionParens.isEmpty()) {
                    notUnderstood = "unbalanced parentheses";
                    return;
                }
                functionParens.pop();
                inFromList = fromLists.pop();
                continue;
            }
            if (t.isSymbol(",") && inFromList) {
                i = tableReference(tokens, i + 1, to) - 1;
                continue;
            }
            if (t.type() == SqlToken.Type.USER_VARIABLE || t.type() == SqlToken.Type.SYSTEM_VARIABLE) {
                notUnderstood = "MariaDB/MySQL variables (@x, @@x)";
                continue;
            }
            if (t.type() == SqlToken.Type.SYMBOL && t.text().contains(":=")) {
                notUnderstood = "variable assignment (:=)";
                continue;
            }
            if (t.type() != SqlToken.Type.WORD) {
                continue;
            }
            String word = t.upper();
            boolean qualified = previous != null && previous.isSymbol(".");
            SqlToken next = i + 1 < to ? tokens.get(i + 1) : null;
            if (next != null && next.isSymbol("(") && !qualified && !isNonFunctionWord(t)) {
                call(t.text());
                continue;
            }
            if (next != null && next.isSymbol("(") && qualified && !isNonFunctionWord(t)) {
                // schema.function(...): never a built-in we know
                call(tokens.get(i - 2).text() + "." + t.text());
                continue;
            }
            if (qualified || inFunction && (word.equals("FROM") || word.equals("FOR"))) {
                // EXTRACT(x FROM d), SUBSTRING(s FROM 1 FOR 2), TRIM(BOTH FROM s)
                continue;
            }
            if (FunctionCatalog.isVolatileKeyword(word) || (word.equals("USER") && flavor == SqlFlavor.POSTGRESQL)) {
                volatileCalls.add(t.text());
                continue;
            }
            if (word.equals("FROM") || fromLike.contains(word)) {
                inFromList = true;
                i = tableReference(tokens, i + 1, to) - 1;
            } else if (word.equals("JOIN") || word.equals("STRAIGHT_JOIN")) {
                i = tableReference(tokens, i + 1, to) - 1;
            } else if (word.equals("FOR") && next != null
                    && (next.isWord("UPDATE") || next.isWord("SHARE") || next.isWord("NO") || next.isWord("KEY"))) {
                locking = true;
                inFromList = false;
            } else if (word.equals("LOCK") && next != null && next.isWord("IN")) {
                locking = true;
                inFromList = false;
            } else if (word.equals("INTO")) {
                selectInto = true;
                inFromList = false;
            } else if (word.equals("TABLESAMPLE")) {
                volatileCalls.add("TABLESAMPLE");
                i++; // the sampling method looks like a call but is part of the clause
            } else if (FROM_ENDERS.contains(word)) {
                inFromList = false;
            }
        }
        if (!functionParens.isEmpty()) {
            notUnderstood = "unbalanced parentheses";
        }
    }

    private void call(String name) {
        switch (functions.behaviourOf(name)) {
            case DETERMINISTIC -> { }
            case VOLATILE -> volatileCalls.add(name + "()");
            case SESSION_CHANGING -> sessionChangingCalls.add(name + "()");
            default -> unknownCalls.add(name + "()");
        }
    }

    /**
     * Reads one table reference starting at {@code i}: a name (recorded), a table function (its call
     * recorded), or a parenthesised subquery/join (left to the main loop). Returns the index of the
     * first token after the reference and its alias.
     */
    private int tableReference(List<SqlToken> tokens, int i, int to) {
        while (i < to && (tokens.get(i).isWord("ONLY") || tokens.get(i).isWord("LATERAL"))) {
            i++;
        }
        if (i >= to) {
            notUnderstood = "a FROM without a table";
            return i;
        }
        SqlToken first = tokens.get(i);
        if (first.isSymbol("(")) {
            return i;
        }
        if (!first.isName()) {
            notUnderstood = "'" + first.text() + "' where a table name was expected";
            return i + 1;
        }
        List<TableName.Identifier> parts = new ArrayList<>();
        parts.add(identifier(first));
        int j = i + 1;
        while (j + 1 < to && tokens.get(j).isSymbol(".") && tokens.get(j + 1).isName()) {
            parts.add(identifier(tokens.get(j + 1)));
            j += 2;
        }
        if (j < to && tokens.get(j).isSymbol("(")) {
            // A table function: the main loop records the call and scans its arguments.
            return i;
        }
        if (parts.size() > 3) {
            notUnderstood = "a table name with more than three parts";
            return j;
        }
        TableName name = new TableName(parts);
        if (!(parts.size() == 1 && cteNames.contains(normalizedCteName(parts.get(0))))) {
            reads.add(name);
        }
        if (j < to && tokens.get(j).isSymbol("*")) {
            j++; // PostgreSQL's "t *": t and its inheritance children, which belong to t
        }
        return skipAlias(tokens, j, to);
    }

    private int skipAlias(List<SqlToken> tokens, int j, int to) {
        if (j < to && tokens.get(j).isWord("AS")) {
            j++;
        }
        if (j < to && tokens.get(j).isName() && !NOT_ALIASES.contains(tokens.get(j).upper())) {
            j++;
            if (j < to && tokens.get(j).isSymbol("(")) {
                j = skipParens(tokens, j, to);
            }
        }
        // MariaDB/MySQL index hints: USE|FORCE|IGNORE INDEX|KEY [FOR ...] (names)
        while (j + 1 < to && (tokens.get(j).isWord("USE") || tokens.get(j).isWord("FORCE")
                || tokens.get(j).isWord("IGNORE"))
                && (tokens.get(j + 1).isWord("INDEX") || tokens.get(j + 1).isWord("KEY"))) {
            j += 2;
            while (j < to && !tokens.get(j).isSymbol("(")) {
                j++;
            }
            j = skipParens(tokens, j, to);
        }
        return j;
    }

    private static int skipParens(List<SqlToken> tokens, int open, int to) {
        int depth = 0;
        for (int k = open; k < to; k++) {
            if (tokens.get(k).isSymbol("(")) {
                depth++;
            } else if (tokens.get(k).isSymbol(")") && --depth == 0) {
                return k + 1;
            }
        }
        return to;
    }

    private TableName.Identifier identifier(SqlToken token) {
        return new TableName.Identifier(token.unquoted(), token.type() == SqlToken.Type.QUOTED_NAME);
    }

    private String normalizedCteName(TableName.Identifier identifier) {
        return identifier.quoted() ? identifier.value() : identifier.value().toLowerCase(java.util.Locale.ROOT);
    }

    private static boolean isNonFunctionWord(SqlToken token) {
        return token.type() == SqlToken.Type.WORD && NON_FUNCTION_WORDS.contains(token.upper());
    }
}
