package io.junction.server.federated;

import io.junction.federation.testing.ComparableValues;
import io.junction.federation.testing.TpchData;
import io.junction.federation.testing.TpchQueries;
import io.junction.server.testing.TestGateway;
import io.junction.server.testing.Upstream;
import io.junction.server.testing.Upstreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The federated catalog end to end: the real driver at {@code jdbc:junction://host:port/} (no
 * source), the real server, PostgreSQL ("pg"), MariaDB ("maria") and H2 ("shop"). User
 * {@link TestGateway#OUTSIDER} was granted only "pg".
 */
class FederatedCatalogTest {
    private static TestGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        Upstream pg = Upstreams.postgres();
        Upstream maria = Upstreams.mariadb();
        TpchData.load();
        Map<String, Upstream> sources = new LinkedHashMap<>();
        sources.put("pg", pg);
        sources.put("maria", maria);
        sources.put("shop", new Upstream("H2", TpchData.H2_URL, "sa", ""));
        gateway = TestGateway.start(sources);
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void metadata_showsEachSourceAsCatalogWithItsSchemasTablesAndColumns() throws Exception {
        try (Connection connection = gateway.connect("")) {
            DatabaseMetaData md = connection.getMetaData();

            assertThat(column(md.getCatalogs(), "TABLE_CAT")).containsExactly("pg", "maria", "shop");
            assertThat(rows(md.getSchemas(null, "j6_tpch"), "TABLE_CATALOG", "TABLE_SCHEM"))
                    .containsExactly(List.of("pg", "j6_tpch"), List.of("maria", "j6_tpch"));
            assertThat(column(md.getSchemas("shop", null), "TABLE_SCHEM")).contains("PUBLIC");
            assertThat(column(md.getTables("maria", "j6_tpch", "%", new String[] {"TABLE"}), "TABLE_NAME"))
                    .containsExactlyInAnyOrder("account_notes", "lineitem", "part", "partsupp", "supplier");
            assertThat(rows(md.getTables("shop", "PUBLIC", "BRAND%", null), "TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME"))
                    .containsExactly(List.of("shop", "PUBLIC", "BRAND_OWNERS"));
            assertThat(column(md.getColumns("pg", "j6_tpch", "orders", "%"), "COLUMN_NAME")).containsExactly(
                    "o_orderkey", "o_custkey", "o_orderstatus", "o_totalprice", "o_orderdate", "o_orderpriority");
        }
    }

    @Test
    void singleSourceQuery_isSentToTheSourceWholeWithItsOwnNames() throws Exception {
        try (Connection connection = gateway.connect(""); Statement statement = connection.createStatement()) {
            try (ResultSet rs = statement.executeQuery(
                    "SELECT received FROM PG.J6_TPCH.current_query /* fast path */")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1))
                        .isEqualTo("SELECT received FROM \"j6_tpch\".\"current_query\" /* fast path */");
            }
            try (ResultSet rs = statement.executeQuery(
                    "select received from maria.j6_tpch.CURRENT_QUERY where 1 = 1")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("select received from `j6_tpch`.`current_query` where 1 = 1");
            }
        }
    }

    @Test
    void singleSourcePreparedQuery_bindsParametersInTheSource() throws Exception {
        try (Connection connection = gateway.connect("");
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT c_name FROM pg.j6_tpch.customer WHERE c_custkey = ?")) {
            statement.setInt(1, 42);
            try (ResultSet rs = statement.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("Customer#000000042");
            }
        }
    }

    @Test
    void crossSourceQueries_returnWhatOneDatabaseReturns() throws Exception {
        for (String name : List.of("cross-source top 10", "text key with mixed case and trailing spaces",
                "brands owned, from H2")) {
            String query = TpchQueries.ALL.get(name);
            List<List<Object>> expected;
            try (Connection pg = TpchData.postgres(); Statement s = pg.createStatement();
                 ResultSet rs = s.executeQuery(TpchQueries.reference(query))) {
                expected = ComparableValues.rows(rs);
            }
            try (Connection connection = gateway.connect(""); Statement statement = connection.createStatement();
                 ResultSet rs = statement.executeQuery(TpchQueries.federated(query))) {
                assertThat(ComparableValues.rows(rs)).as(name).containsExactlyElementsOf(expected);
            }
        }
    }

    @Test
    void explain_showsThePlanAndTheSqlEachSourceReceives() throws Exception {
        String query = TpchQueries.federated(TpchQueries.ALL.get("one customer's line items"));
        try (Connection connection = gateway.connect(""); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("EXPLAIN " + query)) {
            List<String> lines = new ArrayList<>();
            while (rs.next()) {
                lines.add(rs.getString(1));
            }
            assertThat(lines).anyMatch(l -> l.startsWith("-- JDBC.pg: SELECT") && l.contains("\"j6_tpch\".\"orders\""));
            assertThat(lines).anyMatch(l -> l.startsWith("-- JDBC.maria: SELECT") && l.contains("`j6_tpch`.`lineitem`"));
        }
    }

    @Test
    void ungrantedSource_isNotACatalogAndQueriesFailAsIfItDidNotExist() throws Exception {
        try (Connection connection = gateway.connect("", TestGateway.OUTSIDER, TestGateway.OUTSIDER_PASSWORD);
             Statement statement = connection.createStatement()) {
            assertThat(column(connection.getMetaData().getCatalogs(), "TABLE_CAT")).containsExactly("pg");
            assertThat(column(connection.getMetaData().getTables("maria", null, "%", null), "TABLE_NAME")).isEmpty();

            SQLException ungranted = catchSql(() -> statement.executeQuery("SELECT * FROM maria.j6_tpch.part"));
            SQLException missing = catchSql(() -> statement.executeQuery("SELECT * FROM nosuch.j6_tpch.part"));

            assertThat(ungranted.getSQLState()).isEqualTo("42P01").isEqualTo(missing.getSQLState());
            assertThat(ungranted.getMessage()).contains("no such source")
                    .isEqualTo(missing.getMessage().replace("nosuch", "maria"));
            assertThatThrownBy(() -> statement.executeQuery(
                    "SELECT o.o_orderkey FROM pg.j6_tpch.orders o JOIN maria.j6_tpch.lineitem l"
                            + " ON l.l_orderkey = o.o_orderkey"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("no such source");
        }
    }

    private interface SqlCall {
        void run() throws SQLException;
    }

    private static SQLException catchSql(SqlCall call) {
        try {
            call.run();
        } catch (SQLException e) {
            return e;
        }
        throw new AssertionError("expected an SQLException");
    }

    private static List<String> column(ResultSet rs, String label) throws SQLException {
        List<String> values = new ArrayList<>();
        try (rs) {
            while (rs.next()) {
                values.add(rs.getString(label));
            }
        }
        return values;
    }

    private static List<List<String>> rows(ResultSet rs, String... labels) throws SQLException {
        List<List<String>> rows = new ArrayList<>();
        try (rs) {
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (String label : labels) {
                    row.add(rs.getString(label));
                }
                rows.add(row);
            }
        }
        return rows;
    }
}
