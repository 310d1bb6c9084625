package io.junction.federation;

import io.junction.federation.testing.ComparableValues;
import io.junction.federation.testing.TpchData;
import io.junction.federation.testing.TpchQueries;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What each source receives: whole single-source queries, shipped keys, pushed aggregates, and no collation-dependent text work. */
class PushdownTest {
    private static FederationFixture fixture;

    @BeforeAll
    static void setUp() throws Exception {
        fixture = new FederationFixture(FederationSettings.defaults());
    }

    @BeforeEach
    void forget() {
        fixture.received.clear();
    }

    @Test
    void singleSourceQuery_isRewrittenToTheSourcesOwnNamesAndNothingElse() throws Exception {
        FederatedPlan plan = fixture.federation.plan(FederationFixture.ALL_SOURCES,
                "select o.o_orderkey from Pg.J6_TPCH.Orders o join pg.j6_tpch.customer c on c.c_custkey = o.o_custkey"
                        + " where c.c_name like 'Customer#0000000_2' limit 3;");

        assertThat(plan).isInstanceOfSatisfying(FederatedPlan.SingleSource.class, single -> {
            assertThat(single.source().name()).isEqualTo("pg");
            assertThat(single.sql()).isEqualTo("select o.o_orderkey from \"j6_tpch\".\"orders\" o join"
                    + " \"j6_tpch\".\"customer\" c on c.c_custkey = o.o_custkey"
                    + " where c.c_name like 'Customer#0000000_2' limit 3");
        });
        assertThat(plan.tables()).extracting(ResolvedTable::qualifiedName).containsExactly(
                List.of("pg", "j6_tpch", "orders"), List.of("pg", "j6_tpch", "customer"));
    }

    @Test
    void quotedNames_matchExactly() {
        assertThatThrownBy(() -> fixture.federation.plan(FederationFixture.ALL_SOURCES,
                "SELECT * FROM pg.\"J6_TPCH\".orders"))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42P01"))
                .hasMessageContaining("no such schema in source 'pg'");
    }

    @Test
    void smallSide_shipsItsKeysInsteadOfStreamingTheOtherTable() throws Exception {
        String query = TpchQueries.ALL.get("one customer's line items");

        assertThat(run(TpchQueries.federated(query))).containsExactlyElementsOf(reference(query));

        List<String> maria = fixture.receivedBy("maria").stream().filter(sql -> sql.contains("`j6_tpch`")).toList();
        assertThat(maria).isNotEmpty().allSatisfy(sql -> assertThat(sql)
                .startsWith("SELECT * FROM (SELECT").contains("`j6_tpch`.`lineitem`")
                .contains("WHERE `k`.`l_orderkey` IN (?"));
    }

    @Test
    void aggregateOfOneSource_isPushedToIt() throws Exception {
        String query = "SELECT o.o_orderdate, x.qty FROM {pg}.orders o JOIN (SELECT l_orderkey, SUM(l_quantity) AS qty"
                + " FROM {maria}.lineitem GROUP BY l_orderkey) x ON x.l_orderkey = o.o_orderkey"
                + " WHERE o.o_orderkey < 50 ORDER BY o.o_orderkey";

        assertThat(run(TpchQueries.federated(query))).containsExactlyElementsOf(reference(query));

        assertThat(fixture.receivedBy("maria")).anySatisfy(sql -> assertThat(sql)
                .contains("SUM(`l_quantity`)").contains("GROUP BY `l_orderkey`"));
        assertThat(fixture.receivedBy("pg")).anySatisfy(sql -> assertThat(sql).contains("\"o_orderkey\" < 50"));
    }

    @Test
    void sameSourceJoin_insideACrossSourceQuery_isOneStatementOfThatSource() throws Exception {
        String query = TpchQueries.ALL.get("cross-source top 10");

        assertThat(run(TpchQueries.federated(query))).containsExactlyElementsOf(reference(query));

        assertThat(statements("pg", "\"j6_tpch\".")).hasSize(1).allSatisfy(sql -> assertThat(sql)
                .contains("\"j6_tpch\".\"customer\"").contains("INNER JOIN").contains("\"j6_tpch\".\"orders\"")
                .doesNotContain("IN (?"));
    }

    @Test
    void impliedJoinKey_letsOneSourceJoinAndFilterBeforeAnythingCrosses() throws Exception {
        String query = TpchQueries.ALL.get("Q5-like five-way join");

        assertThat(run(TpchQueries.federated(query))).containsExactlyElementsOf(reference(query)).isNotEmpty();

        // The query joins customer to nation only through MariaDB's supplier; c_nationkey = n_nationkey is
        // implied, so PostgreSQL filters orders by the region itself and only that region's orders are shipped.
        assertThat(statements("pg", "\"j6_tpch\".")).hasSize(1).allSatisfy(sql -> assertThat(sql)
                .contains("\"j6_tpch\".\"orders\"").contains("\"j6_tpch\".\"customer\"")
                .contains("\"j6_tpch\".\"nation\"").contains("\"r_name\" = 'AFRICA'"));
        assertThat(statements("maria", "`j6_tpch`.`lineitem`")).isNotEmpty()
                .allSatisfy(sql -> assertThat(sql).contains("WHERE `k`.`l_orderkey` IN (?"));
    }

    @Test
    void partialAggregate_runsInTheSourceBelowTheCrossSourceJoin_withoutANeedlessCount() throws Exception {
        String query = TpchQueries.ALL.get("cross-source top 10");

        assertThat(run(TpchQueries.federated(query))).containsExactlyElementsOf(reference(query));

        // Each order joins one customer (both keys are unique), so line items need no COUNT to weigh their sums.
        assertThat(statements("maria", "`j6_tpch`.")).hasSize(1).allSatisfy(sql -> assertThat(sql)
                .isEqualToNormalizingWhitespace("SELECT `l_orderkey`, SUM(`l_extendedprice`) AS `spent`"
                        + " FROM `j6_tpch`.`lineitem` GROUP BY `l_orderkey`"));
    }

    @Test
    void keys_areNotShippedIntoAColumnWithoutIndex() throws Exception {
        String query = "SELECT s.s_name, c.c_name FROM {maria}.supplier s JOIN {pg}.customer c"
                + " ON c.c_nationkey = s.s_nationkey WHERE s.s_suppkey = 7 ORDER BY c.c_name";

        assertThat(run(TpchQueries.federated(query))).containsExactlyElementsOf(reference(query)).isNotEmpty();

        // One supplier's nation key sent as IN (?) would make PostgreSQL scan customer once per batch.
        assertThat(statements("pg", "\"j6_tpch\".")).isNotEmpty()
                .noneSatisfy(sql -> assertThat(sql).contains("IN (?"));
    }

    @Test
    void explain_showsEachOperatorsEstimatedRowsFromTheSourcesStatistics() throws Exception {
        FederatedPlan explain = fixture.federation.plan(FederationFixture.ALL_SOURCES, "EXPLAIN "
                + TpchQueries.federated(TpchQueries.ALL.get("one customer's line items")));

        // 15,000 orders over 1,500 customers: one customer has about 10, as pg_stats' distinct count says.
        assertThat(((FederatedPlan.Explain) explain).lines())
                .anyMatch(line -> line.contains("JdbcTableScan(table=[[pg, j6_tpch, orders]]): rows ≈ 15000"))
                .anyMatch(line -> line.matches(" *JdbcFilter\\(condition=\\[=\\(\\$1, 42\\)]\\): rows ≈ (9|10|11)"));
    }

    @Test
    void textComparisons_areNotPushedWhereTheCollationWouldChangeTheAnswer() throws Exception {
        String query = "SELECT a.owner, n.note FROM {pg}.accounts a JOIN {maria}.account_notes n ON a.code = n.code"
                + " WHERE n.code = 'abc' OR n.code > 'x' ORDER BY a.owner, n.note";

        List<List<Object>> rows = run(TpchQueries.federated(query));

        assertThat(rows).containsExactlyElementsOf(reference(query))
                .containsExactly(List.of("lower", "n-lower"), List.of("plain", "n-plain"));
        assertThat(fixture.receivedBy("maria")).isNotEmpty()
                .noneSatisfy(sql -> assertThat(sql).contains("'abc'"))
                .noneSatisfy(sql -> assertThat(sql).contains("ORDER BY"));
    }

    @Test
    void textSortAndGrouping_stayInFederationForMariaDb() throws Exception {
        String query = "SELECT b.owner, x.parts FROM {h2}.brand_owners b JOIN (SELECT p_brand, COUNT(*) AS parts"
                + " FROM {maria}.part GROUP BY p_brand) x ON x.p_brand = b.p_brand ORDER BY b.owner";

        assertThat(run(TpchQueries.federated(query))).containsExactlyElementsOf(reference(query));
        assertThat(fixture.receivedBy("maria")).isNotEmpty().noneSatisfy(sql -> assertThat(sql).contains("GROUP BY"));
    }

    @Test
    void queryOverItsMemoryBound_failsWith53200() throws Exception {
        FederationFixture small = new FederationFixture(FederationSettings.defaults().withQueryMemoryBytes(256 * 1024));
        FederatedPlan plan = small.federation.plan(FederationFixture.ALL_SOURCES,
                TpchQueries.federated(TpchQueries.ALL.get("cross-source top 10")));

        assertThatThrownBy(() -> {
            try (FederatedRows rows = small.federation.execute(((FederatedPlan.CrossSource) plan).query())) {
                while (rows.next()) {
                    rows.value(0);
                }
            }
        }).isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("53200"))
                .hasMessageContaining("memory bound of 256 KB").hasMessageContaining("from source '");
    }

    @Test
    void samePlan_isCompiledOnceAndExplainShowsEachSourcesSql() throws Exception {
        FederationFixture fresh = new FederationFixture(FederationSettings.defaults());
        String query = TpchQueries.federated(TpchQueries.ALL.get("revenue by brand for one month"));

        FederatedPlan first = fresh.federation.plan(FederationFixture.ALL_SOURCES, query);
        FederatedPlan second = fresh.federation.plan(FederationFixture.ALL_SOURCES, query);
        FederatedPlan explain = fresh.federation.plan(FederationFixture.ALL_SOURCES, "explain plan for " + query);

        assertThat(((FederatedPlan.CrossSource) second).query()).isSameAs(((FederatedPlan.CrossSource) first).query());
        assertThat(fresh.planningNanos).hasSize(1);
        assertThat(((FederatedPlan.Explain) explain).lines())
                .anyMatch(line -> line.startsWith("-- JDBC.pg: SELECT") && line.contains("\"o_orderdate\" >= "))
                .anyMatch(line -> line.startsWith("-- JDBC.maria: SELECT"))
                .anyMatch(line -> line.contains("KeyShippingJoin"));
    }

    /** What a source received that reads the fixture's tables (not catalog or statistics look-ups). */
    private static List<String> statements(String source, String schema) {
        return fixture.receivedBy(source).stream().filter(sql -> sql.contains(schema)).toList();
    }

    private static List<List<Object>> reference(String query) throws SQLException {
        try (Connection pg = TpchData.postgres(); Statement s = pg.createStatement();
             ResultSet rs = s.executeQuery(TpchQueries.reference(query))) {
            return ComparableValues.rows(rs);
        }
    }

    private static List<List<Object>> run(String sql) throws Exception {
        FederatedPlan plan = fixture.federation.plan(FederationFixture.ALL_SOURCES, sql);
        List<List<Object>> rows = new ArrayList<>();
        try (FederatedRows result = fixture.federation.execute(((FederatedPlan.CrossSource) plan).query())) {
            while (result.next()) {
                Object[] row = new Object[result.columns().size()];
                for (int c = 0; c < row.length; c++) {
                    row[c] = ComparableValues.of(result.value(c));
                }
                rows.add(Arrays.asList(row));
            }
        }
        return rows;
    }
}
