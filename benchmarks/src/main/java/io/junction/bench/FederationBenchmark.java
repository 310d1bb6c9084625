package io.junction.bench;

import io.junction.federation.ConnectionOnlyDataSource;
import io.junction.federation.FederatedPlan;
import io.junction.federation.FederatedRows;
import io.junction.federation.FederatedSource;
import io.junction.federation.Federation;
import io.junction.federation.FederationSettings;
import io.junction.federation.SourceKind;
import io.junction.federation.testing.TpchData;
import io.junction.federation.testing.TpchQueries;
import org.apache.calcite.adapter.jdbc.JdbcConvention;
import org.apache.calcite.adapter.jdbc.JdbcSchema;
import org.apache.calcite.schema.Schemas;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.SqlDialectFactoryImpl;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.impl.AbstractSchema;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * The federation queries at TPC-H SF 0.1 (scale 10 of the test dataset), side by side in one
 * invocation: Junction's federation (planning, cold, reported apart from execution with the plan
 * cached), the physical limit (the minimal inputs of the ideal plan fetched with the same drivers,
 * joins in memory being negligible beside them), and stock Calcite's JDBC adapter with its default
 * rules ({@code jdbc:calcite:}). Times are medians of {@link #RUNS} runs after one warm-up.
 *
 * <p>Run: {@code mvn -o -q -pl benchmarks -am package -DskipTests && java -Djunction.tpch.prefix=bench
 * -cp benchmarks/target/junction-benchmarks.jar io.junction.bench.FederationBenchmark [scale [query-filter]]}
 * with the local PostgreSQL and MariaDB up. The prefix keeps the benchmark's data apart from the tests'
 * {@code j6_} fixture; a filter runs only the queries whose name contains it.
 */
public final class FederationBenchmark {
    private static final int RUNS = 3;

    private FederationBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int scale = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        long loadStart = System.nanoTime();
        TpchData.load(scale);
        System.out.printf("loaded scale %d in %.1f s%n", scale, (System.nanoTime() - loadStart) / 1e9);
        Federation federation = new Federation(List.of(
                new FederatedSource("pg", SourceKind.POSTGRESQL, dataSource(TpchData.PG_URL, "postgres")),
                new FederatedSource("maria", SourceKind.MARIADB, dataSource(TpchData.MARIADB_URL, "root")),
                new FederatedSource("shop", SourceKind.H2, dataSource(TpchData.H2_URL, "sa"))),
                FederationSettings.defaults().withQueryMemoryBytes(2L * 1024 * 1024 * 1024), nanos -> { });
        Set<String> all = Set.of("pg", "maria", "shop");
        System.out.printf("%-46s %9s %9s %9s %9s %8s %8s%n", "query", "plan ms", "junction", "limit", "calcite",
                "j/limit", "j/calc");
        try (Connection calcite = stockCalcite()) {
            for (Map.Entry<String, String> query : TpchQueries.ALL.entrySet()) {
                if (args.length > 1 && !query.getKey().contains(args[1])) {
                    continue;
                }
                String sql = TpchQueries.federated(query.getValue());
                long planStart = System.nanoTime();
                federation.plan(all, sql);
                double planMs = (System.nanoTime() - planStart) / 1e6;
                double junction = median(() -> runJunction(federation, all, sql));
                double limit = median(() -> IdealPlans.run(query.getKey()));
                double stock = median(() -> drain(calcite, sql));
                System.out.printf("%-46s %9.1f %9.1f %9.1f %9.1f %8.2f %8.2f%n", query.getKey(), planMs, junction,
                        limit, stock, junction / limit, junction / stock);
            }
        }
    }

    @FunctionalInterface
    private interface Run {
        void run() throws Exception;
    }

    private static double median(Run run) throws Exception {
        run.run();
        double[] times = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long start = System.nanoTime();
            run.run();
            times[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(times);
        return times[RUNS / 2];
    }

    private static void runJunction(Federation federation, Set<String> all, String sql) throws SQLException {
        FederatedPlan plan = federation.plan(all, sql);
        try (FederatedRows rows = federation.execute(((FederatedPlan.CrossSource) plan).query())) {
            while (rows.next()) {
                rows.value(0);
            }
        }
    }

    private static void drain(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            while (rs.next()) {
                rs.getObject(1);
            }
        }
    }

    /** Stock Calcite: its JDBC adapter over the same three databases, default rules and dialect factory. */
    private static Connection stockCalcite() throws SQLException {
        Properties info = new Properties();
        info.setProperty("lex", "JAVA");
        info.setProperty("caseSensitive", "false");
        Connection connection = DriverManager.getConnection("jdbc:calcite:", info);
        SchemaPlus root = connection.unwrap(CalciteConnection.class).getRootSchema();
        add(root, "pg", TpchData.TPCH, dataSource(TpchData.PG_URL, "postgres"), null, TpchData.TPCH);
        add(root, "maria", TpchData.TPCH, dataSource(TpchData.MARIADB_URL, "root"), TpchData.TPCH, null);
        add(root, "shop", "PUBLIC", dataSource(TpchData.H2_URL, "sa"), null, "PUBLIC");
        return connection;
    }

    /**
     * {@code source.schema} as a stock JdbcSchema: Calcite's own dialect factory and rules; only the
     * convention is named by source, as Calcite needs unique rule names per convention.
     */
    private static void add(SchemaPlus root, String source, String schema, DataSource dataSource, String jdbcCatalog,
                            String jdbcSchema) {
        SchemaPlus parent = root.add(source, new AbstractSchema());
        SqlDialect dialect = JdbcSchema.createDialect(SqlDialectFactoryImpl.INSTANCE, dataSource);
        JdbcConvention convention = JdbcConvention.of(dialect,
                Schemas.subSchemaExpression(parent, schema, JdbcSchema.class), source);
        parent.add(schema, new JdbcSchema(dataSource, dialect, convention, jdbcCatalog, jdbcSchema));
    }

    static DataSource dataSource(String url, String user) {
        return ConnectionOnlyDataSource.opening(() -> DriverManager.getConnection(url, user, ""));
    }

    /**
     * The physical limit of each query: what its ideal plan must read from each source, fetched
     * with the same drivers (PostgreSQL streaming with a fetch size inside a transaction), keys
     * shipped where the ideal plan ships them, aggregates pushed where they can be.
     */
    static final class IdealPlans {
        private static final String T = TpchData.TPCH;
        private static final Map<String, Run> PLANS = new LinkedHashMap<>();

        static {
            PLANS.put("revenue by brand for one month", () -> {
                List<Long> keys = pgKeys("SELECT o_orderkey FROM " + T + ".orders WHERE o_orderdate >= DATE '1995-03-01'"
                        + " AND o_orderdate < DATE '1995-04-01'");
                mariaIn("SELECT p.p_brand, SUM(l.l_extendedprice * (1 - l.l_discount)) FROM " + T + ".lineitem l"
                        + " JOIN " + T + ".part p ON p.p_partkey = l.l_partkey WHERE l.l_orderkey IN (%s) GROUP BY p.p_brand",
                        keys);
            });
            PLANS.put("one customer's line items", () -> mariaIn("SELECT l_orderkey, l_linenumber, l_quantity,"
                    + " l_extendedprice, l_shipdate FROM " + T + ".lineitem WHERE l_orderkey IN (%s)",
                    pgKeys("SELECT o_orderkey FROM " + T + ".orders WHERE o_custkey = 42")));
            PLANS.put("cross-source top 10", () -> {
                fetch(TpchData.PG_URL, "postgres", "SELECT o.o_orderkey, c.c_custkey, c.c_name FROM " + T + ".orders o"
                        + " JOIN " + T + ".customer c ON c.c_custkey = o.o_custkey");
                fetch(TpchData.MARIADB_URL, "root", "SELECT l_orderkey, SUM(l_extendedprice) FROM " + T + ".lineitem"
                        + " GROUP BY l_orderkey");
            });
            PLANS.put("Q5-like five-way join", () -> mariaIn("SELECT l.l_orderkey, s.s_nationkey,"
                    + " l.l_extendedprice * (1 - l.l_discount) FROM " + T + ".lineitem l JOIN " + T + ".supplier s"
                    + " ON s.s_suppkey = l.l_suppkey WHERE l.l_orderkey IN (%s)",
                    pgKeys("SELECT o.o_orderkey FROM " + T + ".customer c JOIN " + T + ".orders o ON c.c_custkey = o.o_custkey"
                            + " JOIN " + T + ".nation n ON n.n_nationkey = c.c_nationkey JOIN " + T + ".region r"
                            + " ON r.r_regionkey = n.n_regionkey WHERE r.r_name = 'AFRICA'"
                            + " AND o.o_orderdate >= DATE '1994-01-01' AND o.o_orderdate < DATE '1995-01-01'")));
            PLANS.put("Q3-like filtered on both sides", () -> mariaIn("SELECT l_orderkey, SUM(l_extendedprice *"
                    + " (1 - l_discount)) FROM " + T + ".lineitem WHERE l_shipdate > DATE '1995-03-15' AND l_orderkey IN (%s)"
                    + " GROUP BY l_orderkey",
                    pgKeys("SELECT o.o_orderkey FROM " + T + ".customer c JOIN " + T + ".orders o ON c.c_custkey = o.o_custkey"
                            + " WHERE c.c_mktsegment = 'BUILDING' AND o.o_orderdate < DATE '1995-03-15'")));
            PLANS.put("text key with mixed case and trailing spaces", () -> {
                fetch(TpchData.PG_URL, "postgres", "SELECT code, owner FROM " + T + ".accounts");
                fetch(TpchData.MARIADB_URL, "root", "SELECT code, note FROM " + T + ".account_notes");
            });
            PLANS.put("brands owned, from H2", () -> {
                fetch(TpchData.H2_URL, "sa", "SELECT P_BRAND, OWNER FROM PUBLIC.BRAND_OWNERS");
                fetch(TpchData.MARIADB_URL, "root", "SELECT p_brand, COUNT(*), SUM(p_retailprice) FROM " + T + ".part"
                        + " WHERE p_size < 20 GROUP BY p_brand");
            });
        }

        static void run(String query) throws Exception {
            PLANS.get(query).run();
        }

        private static List<Long> pgKeys(String sql) throws SQLException {
            List<Long> keys = new ArrayList<>();
            try (Connection c = DriverManager.getConnection(TpchData.PG_URL, "postgres", "")) {
                c.setAutoCommit(false);
                try (Statement s = c.createStatement()) {
                    s.setFetchSize(1_000);
                    try (ResultSet rs = s.executeQuery(sql)) {
                        while (rs.next()) {
                            keys.add(rs.getLong(1));
                        }
                    }
                }
                c.rollback();
            }
            return keys;
        }

        private static void mariaIn(String template, List<Long> keys) throws SQLException {
            try (Connection c = DriverManager.getConnection(TpchData.MARIADB_URL, "root", "")) {
                for (int from = 0; from < keys.size(); from += 1_000) {
                    List<Long> batch = keys.subList(from, Math.min(keys.size(), from + 1_000));
                    String sql = String.format(template, "?,".repeat(batch.size() - 1) + "?");
                    try (PreparedStatement s = c.prepareStatement(sql)) {
                        for (int i = 0; i < batch.size(); i++) {
                            s.setLong(i + 1, batch.get(i));
                        }
                        try (ResultSet rs = s.executeQuery()) {
                            while (rs.next()) {
                                rs.getObject(1);
                            }
                        }
                    }
                }
            }
        }

        private static void fetch(String url, String user, String sql) throws SQLException {
            try (Connection c = DriverManager.getConnection(url, user, "")) {
                c.setAutoCommit(false);
                try (Statement s = c.createStatement()) {
                    s.setFetchSize(1_000);
                    try (ResultSet rs = s.executeQuery(sql)) {
                        while (rs.next()) {
                            rs.getObject(1);
                        }
                    }
                }
                c.rollback();
            }
        }
    }
}
