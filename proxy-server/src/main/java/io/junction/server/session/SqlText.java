package io.junction.server.session;

import java.util.Locale;
import java.util.Set;

/**
 * The little Junction needs to know about a statement's text without parsing it: how many
 * {@code ?} parameters it has, and whether it starts like a query. Quotes, identifiers, comments
 * and PostgreSQL dollar quoting are skipped so a {@code ?} inside them is not counted.
 */
final class SqlText {
    private static final Set<String> QUERY_KEYWORDS =
            Set.of("SELECT", "WITH", "VALUES", "TABLE", "SHOW", "EXPLAIN", "DESC", "DESCRIBE");

    private SqlText() {
    }

    /**
     * Number of JDBC {@code ?} placeholders; {@code ??} is pgjdbc's escape for a literal {@code ?}
     * operator.
     *
     * @param mysqlSyntax whether the text is MariaDB/MySQL's: every string literal treats a
     *     backslash as an escape (PostgreSQL only in {@code E'...'}) and {@code #} starts a comment
     */
    static int countParameters(String sql, boolean mysqlSyntax) {
        int count = 0;
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            int skipped = skipQuotedOrComment(sql, i, mysqlSyntax);
            if (skipped > i) {
                i = skipped;
            } else if (c == '?') {
                if (i + 1 < n && sql.charAt(i + 1) == '?') {
                    i += 2;
                } else {
                    count++;
                    i++;
                }
            } else {
                i++;
            }
        }
        return count;
    }

    /** The first keyword, upper case, after comments, white space and opening parentheses ("" if none). */
    static String firstKeyword(String sql) {
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c) || c == '(') {
                i++;
                continue;
            }
            int skipped = skipComment(sql, i);
            if (skipped > i) {
                i = skipped;
                continue;
            }
            int start = i;
            while (i < n && Character.isLetter(sql.charAt(i))) {
                i++;
            }
            return sql.substring(start, i).toUpperCase(Locale.ROOT);
        }
        return "";
    }

    /** Whether the statement starts like one that returns rows. */
    static boolean looksLikeQuery(String sql) {
        return QUERY_KEYWORDS.contains(firstKeyword(sql));
    }

    private static int skipQuotedOrComment(String sql, int i, boolean mysqlSyntax) {
        char c = sql.charAt(i);
        switch (c) {
            case '\'':
                return skipString(sql, i, mysqlSyntax || isEscapeStringPrefix(sql, i));
            case '#':
                return mysqlSyntax ? lineEnd(sql, i) : i;
            case '"':
            case '`':
                return skipDelimited(sql, i, c);
            case '$':
                return skipDollarQuote(sql, i);
            default:
                return skipComment(sql, i);
        }
    }

    private static int skipComment(String sql, int i) {
        int n = sql.length();
        if (sql.startsWith("--", i)) {
            return lineEnd(sql, i);
        }
        if (sql.startsWith("/*", i)) {
            // PostgreSQL nests block comments; MariaDB does not, but never writes "/*" inside one.
            int depth = 0;
            int j = i;
            while (j < n) {
                if (sql.startsWith("/*", j)) {
                    depth++;
                    j += 2;
                } else if (sql.startsWith("*/", j)) {
                    depth--;
                    j += 2;
                    if (depth == 0) {
                        return j;
                    }
                } else {
                    j++;
                }
            }
            return n;
        }
        return i;
    }

    private static int lineEnd(String sql, int i) {
        int end = sql.indexOf('\n', i);
        return end < 0 ? sql.length() : end + 1;
    }

    /** PostgreSQL's E'...' strings treat a backslash as an escape. */
    private static boolean isEscapeStringPrefix(String sql, int quote) {
        return quote > 0 && (sql.charAt(quote - 1) == 'E' || sql.charAt(quote - 1) == 'e');
    }

    private static int skipString(String sql, int i, boolean backslash) {
        int n = sql.length();
        int j = i + 1;
        while (j < n) {
            char c = sql.charAt(j);
            if (backslash && c == '\\') {
                j += 2;
            } else if (c == '\'') {
                if (j + 1 < n && sql.charAt(j + 1) == '\'') {
                    j += 2;
                } else {
                    return j + 1;
                }
            } else {
                j++;
            }
        }
        return n;
    }

    private static int skipDelimited(String sql, int i, char quote) {
        int end = sql.indexOf(quote, i + 1);
        while (end >= 0 && end + 1 < sql.length() && sql.charAt(end + 1) == quote) {
            end = sql.indexOf(quote, end + 2);
        }
        return end < 0 ? sql.length() : end + 1;
    }

    private static int skipDollarQuote(String sql, int i) {
        int n = sql.length();
        int j = i + 1;
        while (j < n && (Character.isLetterOrDigit(sql.charAt(j)) || sql.charAt(j) == '_')) {
            j++;
        }
        if (j >= n || sql.charAt(j) != '$' || (j > i + 1 && Character.isDigit(sql.charAt(i + 1)))) {
            return i; // "$1" or a lone '$' is not a dollar quote
        }
        String tag = sql.substring(i, j + 1);
        int end = sql.indexOf(tag, j + 1);
        return end < 0 ? n : end + tag.length();
    }
}
