package io.junction.cache;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Where strings, names, comments and parameters begin and end, by flavor; tokens shown as TYPE:text. */
class SqlLexerTest {
    private static List<String> pg(String sql) {
        return shown(sql, SqlFlavor.POSTGRESQL);
    }

    private static List<String> maria(String sql) {
        return shown(sql, SqlFlavor.MYSQL);
    }

    private static List<String> shown(String sql, SqlFlavor flavor) {
        return SqlLexer.lex(sql, flavor).tokens().stream().map(t -> t.type() + ":" + t.text()).toList();
    }

    @Test
    void comments_nestInPostgresOnly_hashOnlyInMariadb() {
        assertThat(pg("a /* x /* y */ b */ c -- d\n e")).containsExactly("WORD:a", "WORD:c", "WORD:e");
        assertThat(maria("a /* x /* y */ b # c */\n d")).containsExactly("WORD:a", "WORD:b", "WORD:d");
        assertThat(pg("a # b")).containsExactly("WORD:a", "SYMBOL:#", "WORD:b");
        assertThat(maria("a=#c\n b")).containsExactly("WORD:a", "SYMBOL:=", "WORD:b");
    }

    @Test
    void doubleDash_inMariadb_commentsOnlyBeforeWhiteSpace() {
        // 5--1 is 6 on MariaDB: read as "5" it would share a cache key with SELECT 5.
        assertThat(maria("SELECT 5--1")).containsExactly("WORD:SELECT", "NUMBER:5", "SYMBOL:--", "NUMBER:1");
        assertThat(maria("SELECT 5 --\tc\n, 6 --")).containsExactly("WORD:SELECT", "NUMBER:5", "SYMBOL:,",
                "NUMBER:6");
        assertThat(pg("SELECT 5--1")).containsExactly("WORD:SELECT", "NUMBER:5");
    }

    @Test
    void strings_takeBackslashEscapes_inMariadbAndPostgresEStringsOnly() {
        assertThat(pg("'it''s' 'c:\\' x")).containsExactly("STRING:'it''s'", "STRING:'c:\\'", "WORD:x");
        assertThat(pg("E'a\\'b' e'\\''")).containsExactly("WORD:E", "STRING:'a\\'b'", "WORD:e", "STRING:'\\''");
        // The E must be a word of its own: ELSE'x' is not an escape string.
        assertThat(pg("ELSE'x\\' y")).containsExactly("WORD:ELSE", "STRING:'x\\'", "WORD:y");
        assertThat(maria("'a\\'b' \"c\\\"d\"")).containsExactly("STRING:'a\\'b'", "STRING:\"c\\\"d\"");
        assertThat(SqlLexer.lex("'it''s'", SqlFlavor.POSTGRESQL).tokens().get(0).unquoted()).isEqualTo("it's");
    }

    @Test
    void quotedNames_doubleQuotesInPostgres_backquotesInMariadb() {
        SqlToken name = SqlLexer.lex("\"A\"\"b\"", SqlFlavor.POSTGRESQL).tokens().get(0);
        assertThat(name.type()).isEqualTo(SqlToken.Type.QUOTED_NAME);
        assertThat(name.unquoted()).isEqualTo("A\"b");
        assertThat(maria("`?` \"?\"")).containsExactly("QUOTED_NAME:`?`", "STRING:\"?\"");
        assertThat(pg("a `?` b")).containsExactly("WORD:a", "SYMBOL:`?`", "WORD:b");
    }

    @Test
    void dollarQuotes_onlyInPostgres() {
        assertThat(pg("$$ ? $$ $t$ it's $t$ $1 a$b$")).containsExactly(
                "STRING:$$ ? $$", "STRING:$t$ it's $t$", "WORD:$1", "WORD:a$b$");
        assertThat(SqlLexer.lex("$t$ x $t$", SqlFlavor.POSTGRESQL).tokens().get(0).unquoted()).isEqualTo(" x ");
        assertThat(maria("$$ ? $$")).containsExactly("WORD:$$", "PARAMETER:?", "WORD:$$");
        assertThat(shown("$$ ? $$", SqlFlavor.ANSI)).containsExactly("WORD:$$", "PARAMETER:?", "WORD:$$");
    }

    @Test
    void questionMark_touchingAnOperator_staysInIt() {
        assertThat(pg("a ?| b, c @? d, x = ?, y=? ?? (?)")).containsExactly("WORD:a", "SYMBOL:?|", "WORD:b",
                "SYMBOL:,", "WORD:c", "SYMBOL:@?", "WORD:d", "SYMBOL:,", "WORD:x", "SYMBOL:=", "PARAMETER:?",
                "SYMBOL:,", "WORD:y", "SYMBOL:=?", "SYMBOL:??", "SYMBOL:(", "PARAMETER:?", "SYMBOL:)");
        assertThat(pg("a <= b < = c")).containsExactly("WORD:a", "SYMBOL:<=", "WORD:b", "SYMBOL:<", "SYMBOL:=",
                "WORD:c");
    }

    @Test
    void variables_areOneToken_inMariadbOnly() {
        assertThat(maria("SET @x:=@@session.time_zone")).containsExactly(
                "WORD:SET", "USER_VARIABLE:@x", "SYMBOL::=", "SYSTEM_VARIABLE:@@session.time_zone");
        assertThat(pg("j @> k")).containsExactly("WORD:j", "SYMBOL:@>", "WORD:k");
    }

    @Test
    void numbers() {
        assertThat(pg("1e-5 .5 0x1F 2")).containsExactly("NUMBER:1e-5", "NUMBER:.5", "NUMBER:0x1F", "NUMBER:2");
    }

    @Test
    void hintsAndCompleteness() {
        SqlLexer.Lexed hinted = SqlLexer.lex("/*+ junction.cache(ttl=30s) */ SELECT /* no */ 1", SqlFlavor.POSTGRESQL);
        assertThat(hinted.hints()).containsExactly("/*+ junction.cache(ttl=30s) */");
        assertThat(hinted.complete()).isTrue();
        assertThat(SqlLexer.lex("SELECT 'x", SqlFlavor.POSTGRESQL).complete()).isFalse();
        assertThat(SqlLexer.lex("SELECT $a$ x", SqlFlavor.POSTGRESQL).complete()).isFalse();
        assertThat(SqlLexer.lex("SELECT /* /* */ 1", SqlFlavor.POSTGRESQL).complete()).isFalse();
        assertThat(SqlLexer.lex("SELECT /* /* */ 1", SqlFlavor.MYSQL).complete()).isTrue();
        // MariaDB runs the text of an executable comment: code the lexer cannot show.
        assertThat(SqlLexer.lex("SELECT /*! 1 */", SqlFlavor.MYSQL).complete()).isFalse();
        assertThat(SqlLexer.lex("SELECT 1 /*M! , NOW() */", SqlFlavor.MYSQL).complete()).isFalse();
        assertThat(SqlLexer.lex("SELECT /*! 1 */", SqlFlavor.POSTGRESQL).complete()).isTrue();
    }

    @Test
    void statements_splitAtSemicolonsOutsideParentheses() {
        List<List<SqlToken>> statements = SqlLexer.lex("SELECT 1; ; CREATE RULE r AS ON INSERT TO t DO (SELECT 1; "
                + "NOTIFY c); SELECT ';'", SqlFlavor.POSTGRESQL).statements();
        assertThat(statements.stream().map(s -> s.get(0).text())).containsExactly("SELECT", "CREATE", "SELECT");
    }

    @Test
    void next_readsOnlyAsFarAsAsked() {
        SqlLexer lexer = new SqlLexer("(SELECT 'unterminated", SqlFlavor.POSTGRESQL);
        assertThat(lexer.next()).isEqualTo(new SqlToken(SqlToken.Type.SYMBOL, "("));
        assertThat(lexer.next()).isEqualTo(new SqlToken(SqlToken.Type.WORD, "SELECT"));
        assertThat(lexer.next()).isNull();
    }
}
