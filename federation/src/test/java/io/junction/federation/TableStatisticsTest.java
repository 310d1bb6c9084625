package io.junction.federation;

import io.junction.federation.testing.TpchData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Table profiles read from PostgreSQL's and MariaDB's own catalogs for the TPC-H-like fixture. */
class TableStatisticsTest {
    private static TableStatistics statistics;

    @BeforeAll
    static void setUp() throws Exception {
        TpchData.load();
        statistics = new TableStatistics(Duration.ofMinutes(1), List.of(
                new FederatedSource("pg", SourceKind.POSTGRESQL, FederationFixture.dataSource(TpchData.PG_URL, "postgres")),
                new FederatedSource("maria", SourceKind.MARIADB,
                        FederationFixture.dataSource(TpchData.MARIADB_URL, "root"))));
    }

    @Test
    void postgresql_rowsDistinctValuesKeysIndexesAndRanges() {
        TableProfile orders = statistics.profile("pg", "j6_tpch", "orders");

        assertThat(orders.rows()).isEqualTo(15_000);
        assertThat(orders.uniqueKeys()).containsExactly(List.of("o_orderkey"));
        assertThat(orders.canSeek(Set.of("o_orderkey"))).isTrue();
        assertThat(orders.canSeek(Set.of("o_custkey"))).isFalse();
        // 15,000 orders over 1,500 customers; pg_stats samples, so about.
        assertThat(orders.distinct("o_custkey").getAsDouble()).isCloseTo(1_500, within(150.0));
        assertThat(orders.distinct("o_orderkey").getAsDouble()).isEqualTo(15_000);
        assertThat(orders.ranges().get("o_orderdate").low()).isEqualTo(LocalDate.parse("1992-01-01").toEpochDay());
    }

    @Test
    void mariadb_rowsKeysIndexesAndTheLeadingColumnsDistinctValues() {
        TableProfile lineitem = statistics.profile("maria", "j6_tpch", "lineitem");

        assertThat(lineitem.rowCount()).isPresent();
        assertThat(lineitem.uniqueKeys()).containsExactly(List.of("l_orderkey", "l_linenumber"));
        assertThat(lineitem.isUnique(Set.of("l_orderkey"))).isFalse();
        assertThat(lineitem.canSeek(Set.of("l_orderkey"))).isTrue();
        assertThat(lineitem.canSeek(Set.of("l_partkey"))).isFalse();
        // InnoDB samples index pages: 15,000 orders have line items, give or take.
        assertThat(lineitem.distinct("l_orderkey").getAsDouble()).isBetween(7_500.0, 30_000.0);
    }

    @Test
    void tableTheSourceDoesNotKnow_isUnknownRatherThanAFailure() {
        TableProfile missing = statistics.profile("pg", "j6_tpch", "no_such_table");

        assertThat(missing.rowCount()).isEmpty();
        assertThat(missing.uniqueKeys()).isEmpty();
        assertThat(missing.distinct("anything")).isEmpty();
    }
}
