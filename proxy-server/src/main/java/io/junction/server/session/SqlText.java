package io.junction.server.session;

import io.junction.cache.SqlFlavor;
import io.junction.cache.SqlLexer;
import io.junction.cache.SqlToken;

import java.util.Set;

/**
 * The little Junction needs to know about a statement's text without parsing it: how many
 * {@code ?} parameters it has, and whether it starts like a query. Read through {@link SqlLexer},
 * so a {@code ?} in a string, a quoted name or a comment is not counted.
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
     * @param mysqlSyntax whether the text is MariaDB/MySQL's rather than PostgreSQL's
     */
    static int countParameters(String sql, boolean mysqlSyntax) {
        SqlLexer lexer = new SqlLexer(sql, mysqlSyntax ? SqlFlavor.MYSQL : SqlFlavor.POSTGRESQL);
        int count = 0;
        for (SqlToken token = lexer.next(); token != null; token = lexer.next()) {
            // The lexer leaves a ? touching an operator inside it (PostgreSQL's ?|), but the drivers
            // send every ? but pgjdbc's ?? as a placeholder.
            if (token.type() == SqlToken.Type.PARAMETER || token.type() == SqlToken.Type.SYMBOL) {
                count += (int) token.text().replace("??", "").chars().filter(c -> c == '?').count();
            }
        }
        return count;
    }

    /**
     * The first keyword, upper case, after comments and opening parentheses ("" if none). Lexed as
     * PostgreSQL: only the comments before it matter, and they are written alike (a MariaDB
     * {@code #} comment there is not skipped).
     */
    static String firstKeyword(String sql) {
        SqlLexer lexer = new SqlLexer(sql, SqlFlavor.POSTGRESQL);
        SqlToken token = lexer.next();
        while (token != null && token.isSymbol("(")) {
            token = lexer.next();
        }
        return token != null && token.type() == SqlToken.Type.WORD ? token.upper() : "";
    }

    /** Whether the statement starts like one that returns rows. */
    static boolean looksLikeQuery(String sql) {
        return QUERY_KEYWORDS.contains(firstKeyword(sql));
    }
}
