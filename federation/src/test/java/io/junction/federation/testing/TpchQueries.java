package io.junction.federation.testing;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The queries the federation tests and benchmark run, written once with {@code {pg}}, {@code {maria}}
 * and {@code {h2}} standing for where each table lives: the federated catalog's
 * {@code pg.j6_tpch}, {@code maria.j6_tpch} and {@code shop.PUBLIC}, or the reference schema
 * {@code j6_ref} where all tables sit in one PostgreSQL database ({@link TpchData#PREFIX} names them).
 */
public final class TpchQueries {
    public static final Map<String, String> ALL = new LinkedHashMap<>();

    static {
        ALL.put("revenue by brand for one month",
                "SELECT p.p_brand, SUM(l.l_extendedprice * (1 - l.l_discount)) AS revenue"
                        + " FROM {pg}.orders o JOIN {maria}.lineitem l ON l.l_orderkey = o.o_orderkey"
                        + " JOIN {maria}.part p ON p.p_partkey = l.l_partkey"
                        + " WHERE o.o_orderdate >= DATE '1995-03-01' AND o.o_orderdate < DATE '1995-04-01'"
                        + " GROUP BY p.p_brand ORDER BY p.p_brand");
        ALL.put("one customer's line items",
                "SELECT l.l_orderkey, l.l_linenumber, l.l_quantity, l.l_extendedprice, l.l_shipdate"
                        + " FROM {pg}.orders o JOIN {maria}.lineitem l ON l.l_orderkey = o.o_orderkey"
                        + " WHERE o.o_custkey = 42 ORDER BY l.l_orderkey, l.l_linenumber");
        ALL.put("cross-source top 10",
                "SELECT c.c_custkey, c.c_name, SUM(l.l_extendedprice) AS spent"
                        + " FROM {pg}.customer c JOIN {pg}.orders o ON o.o_custkey = c.c_custkey"
                        + " JOIN {maria}.lineitem l ON l.l_orderkey = o.o_orderkey"
                        + " GROUP BY c.c_custkey, c.c_name ORDER BY spent DESC, c.c_custkey LIMIT 10");
        ALL.put("Q5-like five-way join",
                "SELECT n.n_name, SUM(l.l_extendedprice * (1 - l.l_discount)) AS revenue"
                        + " FROM {pg}.customer c JOIN {pg}.orders o ON c.c_custkey = o.o_custkey"
                        + " JOIN {maria}.lineitem l ON l.l_orderkey = o.o_orderkey"
                        + " JOIN {maria}.supplier s ON l.l_suppkey = s.s_suppkey AND c.c_nationkey = s.s_nationkey"
                        + " JOIN {pg}.nation n ON s.s_nationkey = n.n_nationkey"
                        + " JOIN {pg}.region r ON n.n_regionkey = r.r_regionkey"
                        + " WHERE r.r_name = 'AFRICA' AND o.o_orderdate >= DATE '1994-01-01'"
                        + " AND o.o_orderdate < DATE '1995-01-01'"
                        + " GROUP BY n.n_name ORDER BY revenue DESC, n.n_name");
        ALL.put("Q3-like filtered on both sides",
                "SELECT l.l_orderkey, SUM(l.l_extendedprice * (1 - l.l_discount)) AS revenue, o.o_orderdate"
                        + " FROM {pg}.customer c JOIN {pg}.orders o ON c.c_custkey = o.o_custkey"
                        + " JOIN {maria}.lineitem l ON l.l_orderkey = o.o_orderkey"
                        + " WHERE c.c_mktsegment = 'BUILDING' AND o.o_orderdate < DATE '1995-03-15'"
                        + " AND l.l_shipdate > DATE '1995-03-15'"
                        + " GROUP BY l.l_orderkey, o.o_orderdate"
                        + " ORDER BY revenue DESC, o.o_orderdate, l.l_orderkey LIMIT 10");
        ALL.put("text key with mixed case and trailing spaces",
                "SELECT a.code, a.owner, n.note FROM {pg}.accounts a JOIN {maria}.account_notes n ON a.code = n.code"
                        + " ORDER BY a.owner, n.note");
        ALL.put("brands owned, from H2",
                "SELECT b.owner, COUNT(*) AS parts, SUM(p.p_retailprice) AS total_value"
                        + " FROM {maria}.part p JOIN {h2}.brand_owners b ON b.p_brand = p.p_brand"
                        + " WHERE p.p_size < 20 GROUP BY b.owner ORDER BY b.owner");
    }

    private TpchQueries() {
    }

    /** The query over the federated catalog. */
    public static String federated(String query) {
        return query.replace("{pg}", "pg." + TpchData.TPCH).replace("{maria}", "maria." + TpchData.TPCH).replace("{h2}", "shop.PUBLIC");
    }

    /** The same query over the reference schema in PostgreSQL. */
    public static String reference(String query) {
        return query.replace("{pg}", TpchData.REF).replace("{maria}", TpchData.REF).replace("{h2}", TpchData.REF);
    }
}
