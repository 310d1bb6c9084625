package io.junction.server.session;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SqlTextTest {

    @Test
    void countParameters_plainPlaceholders() {
        assertThat(SqlText.countParameters("select * from t where a = ? and b in (?, ?)", false)).isEqualTo(3);
    }

    @Test
    void countParameters_ignoresQuotesIdentifiersAndComments() {
        String sql = "select '?', \"?col\", $$ ? $$, $tag$ ? $tag$ /* ? /* nested ? */ */ -- ?\n from t where x = ?";
        assertThat(SqlText.countParameters(sql, false)).isEqualTo(1);
    }

    @Test
    void countParameters_doubledQuestionMarkIsPgjdbcEscape() {
        assertThat(SqlText.countParameters("select '{\"a\":1}'::jsonb ?? 'a', ?", false)).isEqualTo(1);
    }

    @Test
    void countParameters_mysqlBackslashEscapesAndHashComments() {
        String sql = "select 'it\\'s ?', `?` from t # ?\n where a = ?";
        assertThat(SqlText.countParameters(sql, true)).isEqualTo(1);
        // In PostgreSQL only E'...' strings take backslash escapes.
        assertThat(SqlText.countParameters("select E'\\' ?', ?", false)).isEqualTo(1);
    }

    @Test
    void countParameters_dollarNumberIsNotAQuote() {
        assertThat(SqlText.countParameters("select $1, ?", false)).isEqualTo(1);
    }

    @Test
    void firstKeyword_skipsCommentsAndParentheses() {
        assertThat(SqlText.firstKeyword("  /* hint */ -- x\n ((select 1))")).isEqualTo("SELECT");
        assertThat(SqlText.firstKeyword("with q as (select 1) select * from q")).isEqualTo("WITH");
        assertThat(SqlText.firstKeyword("")).isEmpty();
    }

    @Test
    void looksLikeQuery_onlyForRowReturningStatements() {
        assertThat(SqlText.looksLikeQuery("SELECT 1")).isTrue();
        assertThat(SqlText.looksLikeQuery("values (1)")).isTrue();
        assertThat(SqlText.looksLikeQuery("insert into t values (1)")).isFalse();
        assertThat(SqlText.looksLikeQuery("update t set a = 1")).isFalse();
    }
}
