package io.junction.cache;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.IntPredicate;

/**
 * Junction's one SQL lexer: reads a statement's text as {@link SqlToken}s, dropping white space and
 * comments. The cache's analyser, the server's session-state tracking and its parameter count all
 * read SQL through it, so they agree on where a string, a name or a comment ends. Not a parser.
 *
 * <p>By {@link SqlFlavor}:
 * <ul>
 *   <li>PostgreSQL: {@code "names"}; {@code 'strings'} take backslash escapes only as {@code E'...'};
 *       {@code $tag$...$tag$} strings; block comments nest.</li>
 *   <li>MariaDB/MySQL: {@code `names`}; {@code 'strings'} and {@code "strings"} take backslash escapes;
 *       {@code #} comments, and {@code --} ones only before white space; block comments do not nest, and
 *       an executable {@code /*! ... *}{@code /} or {@code /*M! ... *}{@code /} one hides code the server
 *       runs, so the text is {@linkplain Lexed#complete() incomplete}; {@code @user} and {@code @@system}
 *       variables are one token each.</li>
 *   <li>ANSI (federated SQL): as PostgreSQL without dollar quoting.</li>
 * </ul>
 * A {@code ?} touching another operator character stays in the operator, so PostgreSQL's {@code ?|},
 * {@code ?&} and {@code @?} are not {@linkplain SqlToken.Type#PARAMETER parameters}. Optimizer-hint
 * comments ({@code /*+ ... *}{@code /}) are kept as {@linkplain Lexed#hints() hints}: the cache reads its
 * {@code junction.cache(ttl=...)} there.
 *
 * <p>Read it all with {@link #lex}, or token by token with {@link #next()} to stop early.
 */
public final class SqlLexer {
    private static final String OPERATOR_CHARS = "+-*/<>=~!@#%^&|`?:";
    /** MariaDB/MySQL start a variable, a comment and a name with these, never an operator. */
    private static final String MYSQL_NON_OPERATOR_CHARS = "@#`";

    private final String sql;
    private final SqlFlavor flavor;
    private final List<String> hints = new ArrayList<>();
    private boolean complete = true;
    private SqlToken previous;
    private int i;

    public SqlLexer(String sql, SqlFlavor flavor) {
        this.sql = Objects.requireNonNull(sql, "sql is null");
        this.flavor = Objects.requireNonNull(flavor, "flavor is null");
    }

    /** A whole text's tokens, and what its comments said. */
    public record Lexed(List<SqlToken> tokens, List<String> hints, boolean complete) {
        /** The statements, split at semicolons outside parentheses; empty ones dropped. */
        public List<List<SqlToken>> statements() {
            List<List<SqlToken>> statements = new ArrayList<>();
            int depth = 0;
            int start = 0;
            for (int k = 0; k <= tokens.size(); k++) {
                boolean end = k == tokens.size();
                if (!end) {
                    SqlToken t = tokens.get(k);
                    if (t.isSymbol("(")) {
                        depth++;
                    } else if (t.isSymbol(")")) {
                        depth--;
                    }
                    end = t.isSymbol(";") && depth <= 0;
                }
                if (end) {
                    if (k > start) {
                        statements.add(tokens.subList(start, k));
                    }
                    start = k + 1;
                }
            }
            return statements;
        }
    }

    public static Lexed lex(String sql, SqlFlavor flavor) {
        SqlLexer lexer = new SqlLexer(sql, flavor);
        List<SqlToken> tokens = new ArrayList<>();
        for (SqlToken token = lexer.next(); token != null; token = lexer.next()) {
            tokens.add(token);
        }
        return new Lexed(List.copyOf(tokens), List.copyOf(lexer.hints), lexer.complete);
    }

    /** The next token, or null at the end of the text (or at an unterminated quote). */
    public SqlToken next() {
        skipSpaceAndComments();
        if (i >= sql.length()) {
            return null;
        }
        previous = token();
        return previous;
    }

    private void skipSpaceAndComments() {
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (isLineComment(i)) {
                int end = sql.indexOf('\n', i);
                i = end < 0 ? n : end + 1;
            } else if (sql.startsWith("/*", i)) {
                blockComment();
            } else {
                return;
            }
        }
    }

    private SqlToken token() {
        char c = sql.charAt(i);
        boolean mysql = flavor == SqlFlavor.MYSQL;
        int tagEnd = c == '$' && flavor == SqlFlavor.POSTGRESQL ? dollarTagEnd() : i;
        if (c == '\'') {
            return quoted('\'', SqlToken.Type.STRING, mysql || escapePrefixed());
        } else if (c == '"') {
            return quoted('"', mysql ? SqlToken.Type.STRING : SqlToken.Type.QUOTED_NAME, mysql);
        } else if (c == '`' && mysql) {
            return quoted('`', SqlToken.Type.QUOTED_NAME, false);
        } else if (tagEnd > i) {
            return dollarQuoted(tagEnd);
        } else if (c == '@' && mysql) {
            boolean system = sql.startsWith("@@", i);
            return take(system ? SqlToken.Type.SYSTEM_VARIABLE : SqlToken.Type.USER_VARIABLE,
                    scan(i + (system ? 2 : 1), j -> isWordChar(sql.charAt(j)) || sql.charAt(j) == '.'));
        } else if (Character.isDigit(c) || (c == '.' && i + 1 < sql.length() && Character.isDigit(sql.charAt(i + 1)))) {
            return take(SqlToken.Type.NUMBER, scan(i, j -> Character.isLetterOrDigit(sql.charAt(j))
                    || sql.charAt(j) == '.' || isExponentSign(j)));
        } else if (Character.isLetter(c) || c == '_' || c == '$') {
            return take(SqlToken.Type.WORD, scan(i, j -> isWordChar(sql.charAt(j))));
        } else if (c == '?' && !isOperatorChar(i + 1) && !isOperatorChar(i - 1)) {
            return take(SqlToken.Type.PARAMETER, i + 1);
        } else if (isOperatorChar(i)) {
            return take(SqlToken.Type.SYMBOL,
                    scan(i, j -> isOperatorChar(j) && !isLineComment(j) && !sql.startsWith("/*", j)));
        }
        return take(SqlToken.Type.SYMBOL, i + 1);
    }

    /** The first position from {@code from} on where {@code partAt} no longer holds. */
    private int scan(int from, IntPredicate partAt) {
        int j = from;
        while (j < sql.length() && partAt.test(j)) {
            j++;
        }
        return j;
    }

    private SqlToken take(SqlToken.Type type, int end) {
        SqlToken token = new SqlToken(type, sql.substring(i, end));
        i = end;
        return token;
    }

    private boolean isOperatorChar(int at) {
        if (at < 0 || at >= sql.length()) {
            return false;
        }
        char c = sql.charAt(at);
        return OPERATOR_CHARS.indexOf(c) >= 0
                && !(flavor == SqlFlavor.MYSQL && MYSQL_NON_OPERATOR_CHARS.indexOf(c) >= 0);
    }

    /**
     * MariaDB/MySQL start a {@code --} comment only before white space or a control character:
     * {@code 5--1} is five minus minus one there, and must not lex like {@code 5}.
     */
    private boolean isLineComment(int at) {
        if (flavor != SqlFlavor.MYSQL) {
            return sql.startsWith("--", at);
        }
        return sql.charAt(at) == '#'
                || (sql.startsWith("--", at) && (at + 2 == sql.length() || sql.charAt(at + 2) <= ' '));
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }

    /** The sign of an exponent, as in {@code 1e-5}. */
    private boolean isExponentSign(int at) {
        char c = sql.charAt(at);
        return (c == '+' || c == '-') && (sql.charAt(at - 1) == 'e' || sql.charAt(at - 1) == 'E');
    }

    private void blockComment() {
        int start = i;
        int depth = 0;
        int n = sql.length();
        while (i < n) {
            if (sql.startsWith("/*", i)) {
                depth++;
                i += 2;
            } else if (sql.startsWith("*/", i)) {
                depth--;
                i += 2;
                if (depth == 0 || flavor == SqlFlavor.MYSQL) {
                    String comment = sql.substring(start, i);
                    if (comment.startsWith("/*+")) {
                        hints.add(comment);
                    } else if ((comment.startsWith("/*!") || comment.startsWith("/*M!")) && flavor == SqlFlavor.MYSQL) {
                        complete = false;
                    }
                    return;
                }
            } else {
                i++;
            }
        }
        complete = false;
    }

    /** PostgreSQL's E'...' strings take backslash escapes: the E is the word just before the quote. */
    private boolean escapePrefixed() {
        return i > 0 && (sql.charAt(i - 1) == 'E' || sql.charAt(i - 1) == 'e')
                && previous != null && previous.text().equalsIgnoreCase("E");
    }

    /** Doubled quotes stand for one; with {@code backslash}, a backslash escapes the next character. */
    private SqlToken quoted(char quote, SqlToken.Type type, boolean backslash) {
        int n = sql.length();
        int j = i + 1;
        while (j < n) {
            char c = sql.charAt(j);
            if (backslash && c == '\\') {
                j += 2;
            } else if (c == quote && j + 1 < n && sql.charAt(j + 1) == quote) {
                j += 2;
            } else if (c == quote) {
                return take(type, j + 1);
            } else {
                j++;
            }
        }
        return unterminated();
    }

    /** The end of a {@code $tag$} opening at {@code i}, or {@code i}: {@code $1} and a lone {@code $} open none. */
    private int dollarTagEnd() {
        int j = scan(i + 1, k -> Character.isLetterOrDigit(sql.charAt(k)) || sql.charAt(k) == '_');
        if (j >= sql.length() || sql.charAt(j) != '$' || (j > i + 1 && Character.isDigit(sql.charAt(i + 1)))) {
            return i;
        }
        return j + 1;
    }

    private SqlToken dollarQuoted(int tagEnd) {
        String tag = sql.substring(i, tagEnd);
        int end = sql.indexOf(tag, tagEnd);
        return end < 0 ? unterminated() : take(SqlToken.Type.STRING, end + tag.length());
    }

    private SqlToken unterminated() {
        complete = false;
        i = sql.length();
        return null;
    }
}
