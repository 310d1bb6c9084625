package io.junction.cache;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a statement into {@link Token}s, dropping white space and comments, and collects the
 * {@code /*+ junction.cache(ttl=30s) *}{@code /} hint on the way. An unterminated quote or comment
 * makes the text {@linkplain Lexed#complete() incomplete}: the analyser then says "unknown".
 */
final class SqlTokenizer {
    private static final Pattern TTL_HINT =
            Pattern.compile("junction\\.cache\\s*\\(\\s*ttl\\s*=\\s*(\\d+)\\s*(ms|s|m|h)?\\s*\\)");
    /** Characters that form operators; runs of them are one token so {@code <=} differs from {@code < =}. */
    private static final String OPERATOR_CHARS = "+-*/<>=~!@#%^&|`?:";

    private final String sql;
    private final SqlFlavor flavor;
    private final List<Token> tokens = new ArrayList<>();
    private Long ttlHintMillis;
    private boolean complete = true;
    private int i;

    private SqlTokenizer(String sql, SqlFlavor flavor) {
        this.sql = sql;
        this.flavor = flavor;
    }

    /** The tokens of a statement, and what the comments said. */
    record Lexed(List<Token> tokens, Optional<Long> ttlHintMillis, boolean complete) {
    }

    static Lexed tokenize(String sql, SqlFlavor flavor) {
        SqlTokenizer tokenizer = new SqlTokenizer(sql, flavor);
        tokenizer.run();
        return new Lexed(List.copyOf(tokenizer.tokens), Optional.ofNullable(tokenizer.ttlHintMillis),
                tokenizer.complete);
    }

    private void run() {
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (sql.startsWith("--", i) || (c == '#' && flavor == SqlFlavor.MYSQL)) {
                int end = sql.indexOf('\n', i);
                i = end < 0 ? n : end + 1;
            } else if (sql.startsWith("/*", i)) {
                blockComment();
            } else if (c == '\'') {
                boolean backslash = flavor == SqlFlavor.MYSQL || escapePrefixed();
                quoted('\'', Token.Type.STRING, backslash);
            } else if (c == '"') {
                quoted('"', flavor == SqlFlavor.MYSQL ? Token.Type.STRING : Token.Type.QUOTED_NAME,
                        flavor == SqlFlavor.MYSQL);
            } else if (c == '`' && flavor == SqlFlavor.MYSQL) {
                quoted('`', Token.Type.QUOTED_NAME, false);
            } else if (c == '$' && flavor == SqlFlavor.POSTGRESQL && dollarQuote()) {
                // consumed
            } else if (Character.isDigit(c) || (c == '.' && i + 1 < n && Character.isDigit(sql.charAt(i + 1)))) {
                number();
            } else if (Character.isLetter(c) || c == '_' || c == '$') {
                word();
            } else if (c == '?' && !(i + 1 < n && OPERATOR_CHARS.indexOf(sql.charAt(i + 1)) >= 0)
                    && !(i > 0 && OPERATOR_CHARS.indexOf(sql.charAt(i - 1)) >= 0)) {
                tokens.add(new Token(Token.Type.PARAMETER, "?"));
                i++;
            } else if (OPERATOR_CHARS.indexOf(c) >= 0) {
                int start = i;
                while (i < n && OPERATOR_CHARS.indexOf(sql.charAt(i)) >= 0 && !sql.startsWith("--", i)
                        && !sql.startsWith("/*", i)) {
                    i++;
                }
                tokens.add(new Token(Token.Type.SYMBOL, sql.substring(start, i)));
            } else {
                tokens.add(new Token(Token.Type.SYMBOL, String.valueOf(c)));
                i++;
            }
        }
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
                    hint(sql.substring(start, i));
                    return;
                }
            } else {
                i++;
            }
        }
        complete = false;
    }

    private void hint(String comment) {
        if (comment.startsWith("/*+")) {
            Matcher m = TTL_HINT.matcher(comment);
            if (m.find()) {
                long value = Long.parseLong(m.group(1));
                String unit = m.group(2) == null ? "s" : m.group(2);
                ttlHintMillis = switch (unit) {
                    case "ms" -> value;
                    case "m" -> value * 60_000L;
                    case "h" -> value * 3_600_000L;
                    default -> value * 1_000L;
                };
            }
        } else if (comment.startsWith("/*!") && flavor == SqlFlavor.MYSQL) {
            // MySQL runs the text of an executable comment: it is code we cannot see into.
            complete = false;
        }
    }

    private boolean escapePrefixed() {
        return i > 0 && (sql.charAt(i - 1) == 'E' || sql.charAt(i - 1) == 'e')
                && !tokens.isEmpty() && tokens.get(tokens.size() - 1).text().equalsIgnoreCase("E");
    }

    private void quoted(char quote, Token.Type type, boolean backslash) {
        int start = i;
        int n = sql.length();
        int j = i + 1;
        while (j < n) {
            char c = sql.charAt(j);
            if (backslash && c == '\\') {
                j += 2;
            } else if (c == quote) {
                if (j + 1 < n && sql.charAt(j + 1) == quote) {
                    j += 2;
                } else {
                    i = j + 1;
                    tokens.add(new Token(type, sql.substring(start, i)));
                    return;
                }
            } else {
                j++;
            }
        }
        complete = false;
        i = n;
    }

    private boolean dollarQuote() {
        int n = sql.length();
        int j = i + 1;
        while (j < n && (Character.isLetterOrDigit(sql.charAt(j)) || sql.charAt(j) == '_')) {
            j++;
        }
        if (j >= n || sql.charAt(j) != '$' || (j > i + 1 && Character.isDigit(sql.charAt(i + 1)))) {
            return false;
        }
        String tag = sql.substring(i, j + 1);
        int end = sql.indexOf(tag, j + 1);
        if (end < 0) {
            complete = false;
            i = n;
            return true;
        }
        tokens.add(new Token(Token.Type.STRING, sql.substring(i, end + tag.length())));
        i = end + tag.length();
        return true;
    }

    private void number() {
        int start = i;
        int n = sql.length();
        while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '.'
                || ((sql.charAt(i) == '+' || sql.charAt(i) == '-')
                && (sql.charAt(i - 1) == 'e' || sql.charAt(i - 1) == 'E')))) {
            i++;
        }
        tokens.add(new Token(Token.Type.NUMBER, sql.substring(start, i)));
    }

    private void word() {
        int start = i;
        int n = sql.length();
        while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_' || sql.charAt(i) == '$')) {
            i++;
        }
        tokens.add(new Token(Token.Type.WORD, sql.substring(start, i)));
    }
}
