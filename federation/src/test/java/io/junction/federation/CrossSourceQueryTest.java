package io.junction.federation;

import io.junction.federation.testing.ComparableValues;
import io.junction.federation.testing.TpchData;
import io.junction.federation.testing.TpchQueries;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Each TPC-H-like query across sources returns exactly what the same query returns inside one PostgreSQL schema. */
class CrossSourceQueryTest {
    private static FederationFixture fixture;

    @BeforeAll
    static void setUp() throws Exception {
        fixture = new FederationFixture(FederationSettings.defaults());
    }

    static Stream<Arguments> queries() {
        return TpchQueries.ALL.entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("queries")
    void federatedResultEqualsSingleDatabaseResult(String name, String query) throws Exception {
        List<List<Object>> expected;
        try (Connection pg = TpchData.postgres(); Statement s = pg.createStatement();
             ResultSet rs = s.executeQuery(TpchQueries.reference(query))) {
            expected = ComparableValues.rows(rs);
        }

        FederatedPlan plan = fixture.federation.plan(FederationFixture.ALL_SOURCES, TpchQueries.federated(query));

        assertThat(plan).isInstanceOf(FederatedPlan.CrossSource.class);
        assertThat(rows(((FederatedPlan.CrossSource) plan).query())).containsExactlyElementsOf(expected);
        assertThat(expected).isNotEmpty();
    }

    static List<List<Object>> rows(CompiledQuery query) throws Exception {
        List<List<Object>> rows = new ArrayList<>();
        try (FederatedRows result = fixture.federation.execute(query)) {
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
