package io.junction.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SqlParametersTest {
    @Test
    void count_placeholders() {
        assertThat(SqlParameters.count(PointSelectLoad.DEFAULT_SQL)).isEqualTo(1);
        assertThat(SqlParameters.count("SELECT 1")).isZero();
        assertThat(SqlParameters.count("SELECT * FROM t WHERE a = ? OR b = ?")).isEqualTo(2);
    }

    @Test
    void count_questionMarksInLiteralsAndQuotedNames_areNotPlaceholders() {
        assertThat(SqlParameters.count("SELECT 'why?', \"odd?col\" FROM t WHERE id = ?")).isEqualTo(1);
        assertThat(SqlParameters.count("SELECT 'it''s ?' WHERE x = ?")).isEqualTo(1);
    }
}
