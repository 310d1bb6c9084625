package io.junction.cache;

import java.util.Locale;

/**
 * One token of a statement, as {@link SqlLexer} reads it. Comments and white space are not tokens,
 * so two texts that differ only in them have the same tokens.
 *
 * @param type what kind of token
 * @param text exactly as written (a quoted name or string keeps its quotes, a variable its {@code @})
 */
public record SqlToken(Type type, String text) {
    public enum Type {
        WORD,
        QUOTED_NAME,
        STRING,
        NUMBER,
        /** A JDBC {@code ?} placeholder that touches no other operator character. */
        PARAMETER,
        /** Punctuation, or a run of operator characters: {@code <=} is one token, {@code < =} two. */
        SYMBOL,
        /** MariaDB/MySQL {@code @name}. */
        USER_VARIABLE,
        /** MariaDB/MySQL {@code @@name}, {@code @@session.name}. */
        SYSTEM_VARIABLE
    }

    /** Whether this is the unquoted word {@code word}, in any case (a quoted name is never a keyword). */
    public boolean isWord(String word) {
        return type == Type.WORD && text.equalsIgnoreCase(word);
    }

    public boolean isSymbol(String symbol) {
        return type == Type.SYMBOL && text.equals(symbol);
    }

    public boolean isName() {
        return type == Type.WORD || type == Type.QUOTED_NAME;
    }

    public String upper() {
        return text.toUpperCase(Locale.ROOT);
    }

    /**
     * A quoted name's or a string's content: the quotes (or {@code $tag$}s) taken off and doubled
     * quotes made single. Backslash escapes stay as written. Any other token's text as it is.
     */
    public String unquoted() {
        if (type == Type.STRING && text.startsWith("$")) {
            int tag = text.indexOf('$', 1) + 1;
            return text.substring(tag, text.length() - tag);
        }
        if (type != Type.STRING && type != Type.QUOTED_NAME) {
            return text;
        }
        String quote = text.substring(0, 1);
        return text.substring(1, text.length() - 1).replace(quote + quote, quote);
    }
}
