package io.junction.cache;

import java.util.Locale;

/**
 * One lexical unit of a statement. Comments and white space are not tokens, so two texts that
 * differ only in them have the same tokens.
 *
 * @param type what kind of unit
 * @param text exactly as written (a quoted identifier or string keeps its quotes)
 */
record Token(Type type, String text) {
    enum Type { WORD, QUOTED_NAME, STRING, NUMBER, PARAMETER, SYMBOL }

    boolean isWord(String upper) {
        return type == Type.WORD && text.equalsIgnoreCase(upper);
    }

    boolean isSymbol(String symbol) {
        return type == Type.SYMBOL && text.equals(symbol);
    }

    boolean isName() {
        return type == Type.WORD || type == Type.QUOTED_NAME;
    }

    String upper() {
        return text.toUpperCase(Locale.ROOT);
    }
}
