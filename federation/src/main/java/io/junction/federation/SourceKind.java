package io.junction.federation;

import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.dialect.H2SqlDialect;

/**
 * The database families federation speaks to, and what each one means for planning. Our own
 * dialect factory (FIELD-NOTES §4): Calcite's keys on the product name and gives MariaDB the
 * generic ANSI dialect, which writes FETCH NEXT and skips MySQL's rewrites.
 */
public enum SourceKind {
    POSTGRESQL(PostgresDialect.INSTANCE, '"', false, true),
    /** MariaDB and MySQL speak MySQL's dialect; their databases are JDBC catalogs, shown as schemas. */
    MARIADB(MariaDbDialect.INSTANCE, '`', true, false),
    H2(H2SqlDialect.DEFAULT, '"', false, true);

    private final SqlDialect dialect;
    private final char quote;
    private final boolean databasesAreSchemas;
    private final boolean exactTextComparison;

    SourceKind(SqlDialect dialect, char quote, boolean databasesAreSchemas, boolean exactTextComparison) {
        this.dialect = dialect;
        this.quote = quote;
        this.databasesAreSchemas = databasesAreSchemas;
        this.exactTextComparison = exactTextComparison;
    }

    public SqlDialect dialect() {
        return dialect;
    }

    /** Whether the source's schemas are what JDBC calls catalogs (MySQL's databases). */
    public boolean databasesAreSchemas() {
        return databasesAreSchemas;
    }

    /**
     * Whether text comparisons in the source agree with federation's semantics (exact,
     * code-point order). PostgreSQL under a C collation and H2 do; MariaDB's default collations
     * ignore case and trailing spaces, so {@code k = 'A'} matches {@code 'a '} there.
     */
    public boolean comparesTextExactly() {
        return exactTextComparison;
    }

    /** The identifier as the source reads it, quoted so its case is kept. */
    public String quote(String identifier) {
        String q = String.valueOf(quote);
        return q + identifier.replace(q, q + q) + q;
    }

    /** The family of a JDBC URL, or an exception naming the URL's prefix. */
    public static SourceKind fromJdbcUrl(String url) {
        String lower = url.toLowerCase(java.util.Locale.ROOT);
        if (lower.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        if (lower.startsWith("jdbc:mariadb:") || lower.startsWith("jdbc:mysql:")) {
            return MARIADB;
        }
        if (lower.startsWith("jdbc:h2:")) {
            return H2;
        }
        int colon = url.indexOf(':', 5);
        throw new IllegalArgumentException("Federation supports PostgreSQL, MariaDB/MySQL and H2 sources, not "
                + (colon > 0 ? url.substring(0, colon) : "this URL"));
    }
}
