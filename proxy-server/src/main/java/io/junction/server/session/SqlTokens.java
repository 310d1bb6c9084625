package io.junction.server.session;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A statement's text as the few tokens {@link StateStatements} looks at: words (upper-cased),
 * string literals (their content), MariaDB {@code @user} and {@code @@system} variables, and single
 * punctuation characters. Comments and white space are dropped; quoted identifiers become words.
 * Not a parser: it only has to find where session state is created.
 */
final class SqlTokens {
    enum Kind { WORD, STRING, USER_VARIABLE, SYSTEM_VARIABLE, SYMBOL, NUMBER }

    record Token(Kind kind, String text) {
        boolean is(String word) {
            return kind == Kind.WORD && text.equals(word);
        }

        boolean isSymbol(char symbol) {
            return kind == Kind.SYMBOL && text.length() == 1 && text.charAt(0) == symbol;
        }
    }

    private SqlTokens() {
    }

    /** The statements of the text (split at top-level semicolons), each as its tokens; empty ones dropped. */
    static List<List<Token>> statements(String sql, boolean mysqlSyntax) {
        List<List<Token>> statements = new ArrayList<>();
        List<Token> current = new ArrayList<>();
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (sql.startsWith("--", i) || (mysqlSyntax && c == '#')) {
                int end = sql.indexOf('\n', i);
                i = end < 0 ? n : end + 1;
            } else if (sql.startsWith("/*", i)) {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else if (c == '\'') {
                int end = stringEnd(sql, i, mysqlSyntax || (i > 0 && (sql.charAt(i - 1) == 'E'
                        || sql.charAt(i - 1) == 'e')));
                current.add(new Token(Kind.STRING, unquote(sql.substring(i + 1, Math.max(i + 1, end - 1)))));
                i = end;
            } else if (c == '"' || c == '`') {
                int end = sql.indexOf(c, i + 1);
                end = end < 0 ? n : end;
                current.add(new Token(Kind.WORD, sql.substring(i + 1, end).toUpperCase(Locale.ROOT)));
                i = Math.min(n, end + 1);
            } else if (c == '$' && dollarQuoteEnd(sql, i) > i) {
                i = dollarQuoteEnd(sql, i);
                current.add(new Token(Kind.STRING, ""));
            } else if (c == '@' && mysqlSyntax) {
                boolean system = i + 1 < n && sql.charAt(i + 1) == '@';
                int start = i + (system ? 2 : 1);
                int end = start;
                while (end < n && (isWordChar(sql.charAt(end)) || sql.charAt(end) == '.')) {
                    end++;
                }
                current.add(new Token(system ? Kind.SYSTEM_VARIABLE : Kind.USER_VARIABLE,
                        sql.substring(start, end).toLowerCase(Locale.ROOT)));
                i = Math.max(end, i + 1);
            } else if (Character.isLetter(c) || c == '_') {
                int end = i;
                while (end < n && isWordChar(sql.charAt(end))) {
                    end++;
                }
                current.add(new Token(Kind.WORD, sql.substring(i, end).toUpperCase(Locale.ROOT)));
                i = end;
            } else if (Character.isDigit(c)) {
                int end = i;
                while (end < n && (Character.isLetterOrDigit(sql.charAt(end)) || sql.charAt(end) == '.')) {
                    end++;
                }
                current.add(new Token(Kind.NUMBER, sql.substring(i, end)));
                i = end;
            } else if (c == ';') {
                if (!current.isEmpty()) {
                    statements.add(current);
                    current = new ArrayList<>();
                }
                i++;
            } else {
                current.add(new Token(Kind.SYMBOL, String.valueOf(c)));
                i++;
            }
        }
        if (!current.isEmpty()) {
            statements.add(current);
        }
        return statements;
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }

    private static int stringEnd(String sql, int quote, boolean backslash) {
        int n = sql.length();
        int j = quote + 1;
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

    private static String unquote(String content) {
        return content.replace("''", "'");
    }

    private static int dollarQuoteEnd(String sql, int i) {
        int n = sql.length();
        int j = i + 1;
        while (j < n && (Character.isLetterOrDigit(sql.charAt(j)) || sql.charAt(j) == '_')) {
            j++;
        }
        if (j >= n || sql.charAt(j) != '$' || (j > i + 1 && Character.isDigit(sql.charAt(i + 1)))) {
            return i;
        }
        String tag = sql.substring(i, j + 1);
        int end = sql.indexOf(tag, j + 1);
        return end < 0 ? n : end + tag.length();
    }
}
