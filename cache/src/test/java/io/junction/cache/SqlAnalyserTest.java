package io.junction.cache;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class SqlAnalyserTest {
    private final SqlAnalyser pg = new SqlAnalyser(SqlFlavor.POSTGRESQL, Set.of("pg_sleep"));
    private final SqlAnalyser maria = new SqlAnalyser(SqlFlavor.MYSQL, Set.of());

    private static Set<String> names(Set<TableName> tables) {
        return tables.stream().map(TableName::toString).collect(Collectors.toSet());
    }

    @Test
    void select_readsEveryTable_includingSubqueriesJoinsAndOrderBy() {
        SqlAnalysis a = pg.analyse("SELECT o.id, (SELECT max(x) FROM s.items i WHERE i.o = o.id) FROM orders o "
                + "JOIN public.customers c ON c.id = o.cid LEFT JOIN \"Regions\" r USING (rid), extra e "
                + "WHERE o.id IN (SELECT id FROM hot) ORDER BY (SELECT count(*) FROM ranking)");

        assertThat(a.cacheable()).isTrue();
        assertThat(names(a.reads())).containsExactlyInAnyOrder("s.items", "orders", "public.customers",
                "\"Regions\"", "extra", "hot", "ranking");
    }

    @Test
    void normalizedSql_foldsWhitespaceAndComments_keepsLiterals() {
        SqlAnalysis a = pg.analyse("SELECT  *\n FROM t -- trace id 123\n WHERE x = 'a  b' /* c */");
        SqlAnalysis b = pg.analyse("select * from t where x='a  b'");
        SqlAnalysis c = pg.analyse("SELECT * FROM t WHERE x = 'a b'");

        assertThat(a.normalizedSql()).isEqualTo("select * from t where x = 'a  b'");
        assertThat(b.normalizedSql()).isEqualTo(a.normalizedSql());
        assertThat(c.normalizedSql()).isNotEqualTo(a.normalizedSql());
        assertThat(pg.analyse("SELECT * FROM \"T\"").normalizedSql()).isNotEqualTo(pg.analyse("SELECT * FROM t")
                .normalizedSql());
        assertThat(maria.analyse("SELECT * FROM Orders").normalizedSql())
                .isNotEqualTo(maria.analyse("SELECT * FROM orders").normalizedSql());
        assertThat(pg.analyse("SELECT a <= b FROM t").normalizedSql())
                .isNotEqualTo(pg.analyse("SELECT a < = b FROM t").normalizedSql());
    }

    @Test
    void ttlHint_isRead() {
        assertThat(pg.analyse("/*+ junction.cache(ttl=30s) */ SELECT * FROM t").ttlHint())
                .contains(Duration.ofSeconds(30));
        assertThat(pg.analyse("SELECT /*+ junction.cache(ttl=2m) */ * FROM t").ttlHint())
                .contains(Duration.ofMinutes(2));
    }

    @Test
    void with_select_readsCteBodies_notCteNames() {
        SqlAnalysis a = pg.analyse("WITH recent AS (SELECT * FROM orders WHERE d > '2024-01-01'), "
                + "top(c) AS MATERIALIZED (SELECT cid FROM recent GROUP BY cid) SELECT * FROM top JOIN customers ON true");

        assertThat(a.cacheable()).isTrue();
        assertThat(names(a.reads())).containsExactlyInAnyOrder("orders", "customers");
    }

    @Test
    void writingCte_isAWriteOfItsTarget() {
        SqlAnalysis a = pg.analyse("WITH gone AS (DELETE FROM orders WHERE id < 10 RETURNING *) "
                + "INSERT INTO archive SELECT * FROM gone");

        assertThat(a.kind()).isEqualTo(StatementKind.WRITE);
        assertThat(names(a.writes())).containsExactlyInAnyOrder("orders", "archive");
        assertThat(pg.analyse("WITH d AS (UPDATE t SET x = 1 RETURNING *) SELECT * FROM d").kind())
                .isEqualTo(StatementKind.WRITE);
    }

    @Test
    void truncate_listsEveryTable() {
        SqlAnalysis a = pg.analyse("TRUNCATE t1, public.t2 RESTART IDENTITY");

        assertThat(a.kind()).isEqualTo(StatementKind.WRITE);
        assertThat(names(a.writes())).containsExactlyInAnyOrder("t1", "public.t2");
        assertThat(pg.analyse("TRUNCATE TABLE t1, t2 CASCADE").kind()).isEqualTo(StatementKind.SOURCE_WRITE);
    }

    @Test
    void dml_targets() {
        assertThat(names(pg.analyse("INSERT INTO s.t (a, b) SELECT a, b FROM src").writes())).containsExactly("s.t");
        assertThat(names(pg.analyse("UPDATE ONLY t SET x = y.x FROM y WHERE t.id = y.id").writes()))
                .containsExactly("t");
        assertThat(names(pg.analyse("DELETE FROM t USING u WHERE t.id = u.id").writes())).containsExactly("t");
        assertThat(names(pg.analyse("MERGE INTO t USING s ON t.id = s.id WHEN MATCHED THEN DELETE").writes()))
                .containsExactly("t");
        assertThat(names(pg.analyse("COPY t (a) FROM STDIN").writes())).containsExactly("t");
        assertThat(names(maria.analyse("UPDATE t1 JOIN t2 ON t1.id = t2.id SET t2.x = 1").writes()))
                .containsExactlyInAnyOrder("t1", "t2");
        assertThat(names(maria.analyse("DELETE t1, t2 FROM t1 JOIN t2 ON t1.id = t2.id").writes()))
                .contains("t1", "t2");
        assertThat(names(maria.analyse("REPLACE INTO `Db`.`T` VALUES (1)").writes())).containsExactly("\"Db\".\"T\"");
    }

    @Test
    void nonDeterministicFunctions_bypass() {
        for (String sql : new String[] {"SELECT now()", "SELECT * FROM t WHERE d < CURRENT_TIMESTAMP",
                "SELECT random()", "SELECT nextval('s')", "SELECT gen_random_uuid()", "SELECT current_date",
                "SELECT * FROM t TABLESAMPLE SYSTEM (10)"}) {
            assertThat(pg.analyse(sql).bypass()).as(sql).contains(BypassReason.NON_DETERMINISTIC);
            assertThat(pg.analyse(sql).kind()).as(sql).isEqualTo(StatementKind.QUERY);
        }
        assertThat(maria.analyse("SELECT UUID(), RAND() FROM t").bypass()).contains(BypassReason.NON_DETERMINISTIC);
    }

    @Test
    void userDefinedFunction_mayWrite_soItInvalidatesTheSource() {
        SqlAnalysis a = pg.analyse("SELECT my_func(id) FROM t");

        assertThat(a.kind()).isEqualTo(StatementKind.SOURCE_WRITE);
        assertThat(a.cacheable()).isFalse();
        assertThat(a.sessionEffect()).isEqualTo(SqlAnalysis.SessionEffect.UNTRACKED);
        assertThat(pg.analyse("SELECT pg_sleep(1), x FROM t").cacheable()).isTrue(); // configured deterministic
    }

    @Test
    void deterministicBuiltins_andSyntaxThatLooksLikeCalls_areCacheable() {
        assertThat(pg.analyse("SELECT extract(year FROM d), substring(s FROM 2 FOR 3), count(*) FILTER (WHERE x > 1),"
                + " cast(a AS numeric(10,2)), coalesce(b, 0) FROM t WHERE x IN (1, 2) AND EXISTS (SELECT 1 FROM u)"
                + " GROUP BY ROLLUP (a)").cacheable()).isTrue();
        assertThat(names(pg.analyse("SELECT extract(year FROM d) FROM t").reads())).containsExactly("t");
        assertThat(pg.analyse("SELECT * FROM generate_series(1, 10) g").cacheable()).isTrue();
    }

    @Test
    void lockingReads_bypass() {
        assertThat(pg.analyse("SELECT * FROM t WHERE id = 1 FOR UPDATE").bypass()).contains(BypassReason.LOCKING_READ);
        assertThat(pg.analyse("SELECT * FROM t FOR NO KEY UPDATE SKIP LOCKED").bypass())
                .contains(BypassReason.LOCKING_READ);
        assertThat(pg.analyse("SELECT * FROM t FOR SHARE").bypass()).contains(BypassReason.LOCKING_READ);
        assertThat(maria.analyse("SELECT * FROM t LOCK IN SHARE MODE").bypass()).contains(BypassReason.LOCKING_READ);
    }

    @Test
    void multipleStatements_bypass_andWritesAreUnited() {
        SqlAnalysis a = pg.analyse("SELECT 1; DELETE FROM a; UPDATE b SET x = 1;");

        assertThat(a.bypass()).contains(BypassReason.MULTIPLE_STATEMENTS);
        assertThat(a.kind()).isEqualTo(StatementKind.WRITE);
        assertThat(names(a.writes())).containsExactlyInAnyOrder("a", "b");
        assertThat(pg.analyse("SELECT 1; SELECT 2").cacheable()).isFalse();
    }

    @Test
    void callDoDdlAndUnknown_invalidateTheSource() {
        assertThat(pg.analyse("CALL refresh_all()").kind()).isEqualTo(StatementKind.SOURCE_WRITE);
        assertThat(pg.analyse("DO $$ BEGIN DELETE FROM t; END $$").kind()).isEqualTo(StatementKind.SOURCE_WRITE);
        assertThat(pg.analyse("ALTER TABLE t ADD COLUMN c int").ddl()).isTrue();
        assertThat(pg.analyse("FROBNICATE t").kind()).isEqualTo(StatementKind.SOURCE_WRITE);
        assertThat(pg.analyse("SELECT 'unterminated").kind()).isEqualTo(StatementKind.SOURCE_WRITE);
        assertThat(maria.analyse("SELECT /*! SQL_NO_CACHE */ * FROM t").cacheable()).isFalse();
        assertThat(pg.analyse("SELECT * INTO newtable FROM t").kind()).isEqualTo(StatementKind.SOURCE_WRITE);
    }

    @Test
    void sessionStatements() {
        assertThat(pg.analyse("SET search_path = s2, public").sessionEffect())
                .isEqualTo(SqlAnalysis.SessionEffect.TRACKED);
        assertThat(maria.analyse("USE other").kind()).isEqualTo(StatementKind.SESSION_STATE);
        assertThat(maria.analyse("SET @x = NOW()").sessionEffect()).isEqualTo(SqlAnalysis.SessionEffect.UNTRACKED);
        assertThat(pg.analyse("SELECT set_config('search_path', 's2', false)").sessionEffect())
                .isEqualTo(SqlAnalysis.SessionEffect.UNTRACKED);
        assertThat(pg.analyse("BEGIN").kind()).isEqualTo(StatementKind.TRANSACTION_CONTROL);
        assertThat(pg.analyse("EXPLAIN SELECT * FROM t").kind()).isEqualTo(StatementKind.OTHER_READ);
        assertThat(pg.analyse("EXPLAIN ANALYZE DELETE FROM t").kind()).isEqualTo(StatementKind.WRITE);
    }

    @Test
    void mariadbQuoting_andVariables() {
        SqlAnalysis a = maria.analyse("SELECT * FROM `test`.`Orders` o USE INDEX (i1) WHERE o.s = \"x\" # note");

        assertThat(a.cacheable()).isTrue();
        assertThat(names(a.reads())).containsExactly("\"test\".\"Orders\"");
        assertThat(maria.analyse("SELECT @x FROM t").bypass()).contains(BypassReason.NOT_UNDERSTOOD);
    }

    @Test
    void quotedName_keepsItsCase() {
        TableName name = pg.analyse("SELECT * FROM public.\"Orders\"").reads().iterator().next();

        assertThat(name.table()).isEqualTo(new TableName.Identifier("Orders", true));
        assertThat(name.qualifier()).isEqualTo(new TableName.Identifier("public", false));
        assertThat(name.toSql(SqlFlavor.POSTGRESQL)).isEqualTo("public.\"Orders\"");
    }
}
