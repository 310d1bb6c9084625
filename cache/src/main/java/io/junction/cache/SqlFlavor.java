package io.junction.cache;

/**
 * The lexical family of an upstream's SQL: how it quotes identifiers and strings and which
 * comments it knows. MariaDB and MySQL share one.
 */
public enum SqlFlavor {
    /** Double-quoted identifiers, {@code E'..'} and dollar-quoted strings, nested block comments. */
    POSTGRESQL,
    /** Back-quoted identifiers, double-quoted strings, backslash escapes, {@code #} comments. */
    MYSQL,
    /** Anything else: the analyser only understands the ANSI subset (double-quoted identifiers). */
    ANSI
}
