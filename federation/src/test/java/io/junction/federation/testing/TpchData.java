package io.junction.federation.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * A small TPC-H-shaped dataset, generated once per JVM: region, nation, customer and orders (plus
 * accounts, keyed by text) in PostgreSQL schema {@code j6_tpch}; lineitem, part, supplier,
 * partsupp (plus account_notes) in MariaDB database {@code j6_tpch}; brand_owners in an H2
 * database; and all of them in PostgreSQL schema {@code j6_ref}, where the same queries run in one
 * database to give the expected answers. Values are derived from row numbers, so every run has the
 * same data. The {@code j6} prefix of those names can be changed with the system property
 * {@code junction.tpch.prefix} (the benchmark loads its own, larger copy beside the tests').
 */
public final class TpchData {
    /** Prefix of every schema, database and H2 name this dataset creates. */
    public static final String PREFIX = System.getProperty("junction.tpch.prefix", "j6");
    /** Where the federated tables live: a PostgreSQL schema and a MariaDB database of this name. */
    public static final String TPCH = PREFIX + "_tpch";
    /** The PostgreSQL schema holding every table, for reference answers. */
    public static final String REF = PREFIX + "_ref";
    public static final String PG_URL = "jdbc:postgresql://127.0.0.1:5432/test";
    public static final String MARIADB_URL = "jdbc:mariadb://127.0.0.1:3306/test";
    public static final String H2_URL = "jdbc:h2:mem:" + PREFIX + "_shop;DB_CLOSE_DELAY=-1";
    /** Rows per unit of scale; scale 1 is about TPC-H SF 0.01, scale 10 about SF 0.1. */
    private static final int CUSTOMERS = 1_500;
    private static final int ORDERS = 15_000;
    private static final int PARTS = 2_000;
    private static final int SUPPLIERS = 100;

    private static final List<String> PG_TABLES = List.of("region", "nation", "customer", "orders", "accounts");
    private static final List<String> MARIADB_TABLES = List.of("lineitem", "part", "supplier", "partsupp",
            "account_notes");
    private static int loadedScale;

    private TpchData() {
    }

    public static Connection postgres() throws SQLException {
        return DriverManager.getConnection(PG_URL, "postgres", "");
    }

    public static Connection mariadb() throws SQLException {
        return DriverManager.getConnection(MARIADB_URL, "root", "");
    }

    public static Connection h2() throws SQLException {
        return DriverManager.getConnection(H2_URL, "sa", "");
    }

    /** Creates and fills every table at the tests' scale, once per JVM. */
    public static void load() throws SQLException {
        load(1);
    }

    /** Creates and fills every table at {@code scale} (see {@link #CUSTOMERS}), once per JVM and scale. */
    public static synchronized void load(int scale) throws SQLException {
        if (loadedScale == scale) {
            return;
        }
        try (Connection pg = postgres(); Connection maria = mariadb(); Connection h2 = h2()) {
            createReference(pg, scale);
            copyWithin(pg);
            copyToMariaDb(pg, maria);
            copyToH2(pg, h2);
        }
        loadedScale = scale;
    }

    private static void createReference(Connection pg, int scale) throws SQLException {
        int customers = CUSTOMERS * scale;
        int parts = PARTS * scale;
        int suppliers = SUPPLIERS * scale;
        try (Statement s = pg.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + REF + " CASCADE");
            s.execute("CREATE SCHEMA " + REF);
            s.execute("CREATE TABLE " + REF + ".region (r_regionkey int PRIMARY KEY, r_name varchar(25) NOT NULL)");
            s.execute("INSERT INTO " + REF + ".region VALUES (0,'AFRICA'),(1,'AMERICA'),(2,'ASIA'),(3,'EUROPE'),"
                    + "(4,'MIDDLE EAST')");
            s.execute("CREATE TABLE " + REF + ".nation (n_nationkey int PRIMARY KEY, n_name varchar(25) NOT NULL,"
                    + " n_regionkey int NOT NULL)");
            s.execute("INSERT INTO " + REF + ".nation SELECT i, 'NATION ' || chr(65 + i), i % 5"
                    + " FROM generate_series(0, 24) i");
            s.execute("CREATE TABLE " + REF + ".customer (c_custkey int PRIMARY KEY, c_name varchar(25) NOT NULL,"
                    + " c_nationkey int NOT NULL, c_acctbal numeric(12,2) NOT NULL, c_mktsegment varchar(10) NOT NULL)");
            s.execute("INSERT INTO " + REF + ".customer SELECT i, 'Customer#' || lpad(i::text, 9, '0'), i % 25,"
                    + " ((i * 7919) % 1000000) / 100.0 - 999.99,"
                    + " (ARRAY['BUILDING','AUTOMOBILE','MACHINERY','HOUSEHOLD','FURNITURE'])[1 + i % 5]"
                    + " FROM generate_series(1, " + customers + ") i");
            s.execute("CREATE TABLE " + REF + ".orders (o_orderkey int PRIMARY KEY, o_custkey int NOT NULL,"
                    + " o_orderstatus varchar(1) NOT NULL, o_totalprice numeric(12,2) NOT NULL,"
                    + " o_orderdate date NOT NULL, o_orderpriority varchar(15) NOT NULL)");
            s.execute("INSERT INTO " + REF + ".orders SELECT i, 1 + (i * 31) % " + customers + ","
                    + " (ARRAY['F','O','P'])[1 + i % 3], ((i::bigint * 104729) % 50000000) / 100.0,"
                    + " DATE '1992-01-01' + (i * 17) % 2400, (ARRAY['1-URGENT','2-HIGH','3-MEDIUM'])[1 + i % 3]"
                    + " FROM generate_series(1, " + ORDERS * scale + ") i");
            s.execute("CREATE TABLE " + REF + ".part (p_partkey int PRIMARY KEY, p_name varchar(55) NOT NULL,"
                    + " p_brand varchar(10) NOT NULL, p_size int NOT NULL, p_retailprice numeric(12,2) NOT NULL)");
            s.execute("INSERT INTO " + REF + ".part SELECT i, 'part ' || i, 'Brand#' || (1 + i % 5) || (1 + i % 4),"
                    + " 1 + i % 50, 900 + (i % 1000) / 10.0 FROM generate_series(1, " + parts + ") i");
            s.execute("CREATE TABLE " + REF + ".supplier (s_suppkey int PRIMARY KEY, s_name varchar(25) NOT NULL,"
                    + " s_nationkey int NOT NULL, s_acctbal numeric(12,2) NOT NULL)");
            s.execute("INSERT INTO " + REF + ".supplier SELECT i, 'Supplier#' || lpad(i::text, 9, '0'), (i * 7) % 25,"
                    + " ((i * 3571) % 1000000) / 100.0 FROM generate_series(1, " + suppliers + ") i");
            s.execute("CREATE TABLE " + REF + ".partsupp (ps_partkey int NOT NULL, ps_suppkey int NOT NULL,"
                    + " ps_availqty int NOT NULL, ps_supplycost numeric(12,2) NOT NULL,"
                    + " PRIMARY KEY (ps_partkey, ps_suppkey))");
            s.execute("INSERT INTO " + REF + ".partsupp SELECT p, 1 + (p + k * 25) % " + suppliers + ", (p * k * 13) % 9999,"
                    + " ((p * 7 + k) % 100000) / 100.0 FROM generate_series(1, " + parts + ") p,"
                    + " generate_series(0, 3) k");
            s.execute("CREATE TABLE " + REF + ".lineitem (l_orderkey int NOT NULL, l_linenumber int NOT NULL,"
                    + " l_partkey int NOT NULL, l_suppkey int NOT NULL, l_quantity numeric(12,2) NOT NULL,"
                    + " l_extendedprice numeric(12,2) NOT NULL, l_discount numeric(12,2) NOT NULL,"
                    + " l_shipdate date NOT NULL, l_returnflag varchar(1) NOT NULL,"
                    + " PRIMARY KEY (l_orderkey, l_linenumber))");
            s.execute("INSERT INTO " + REF + ".lineitem SELECT o.o_orderkey, n, 1 + (o.o_orderkey * 7 + n * 13) % " + parts + ","
                    + " 1 + (o.o_orderkey + n * 25) % " + suppliers + ", 1 + (o.o_orderkey + n) % 50,"
                    + " ((o.o_orderkey * 37 + n * 101) % 100000) / 10.0, ((o.o_orderkey + n) % 11) / 100.0,"
                    + " o.o_orderdate + 1 + (o.o_orderkey + n) % 120, (ARRAY['A','N','R'])[1 + (o.o_orderkey + n) % 3]"
                    + " FROM " + REF + ".orders o, generate_series(1, 4) n WHERE n <= 1 + o.o_orderkey % 4");
            // Text keys that differ only in case or trailing spaces: exact comparison tells them apart.
            s.execute("CREATE TABLE " + REF + ".accounts (code varchar(20) NOT NULL, owner varchar(20) NOT NULL)");
            s.execute("INSERT INTO " + REF + ".accounts VALUES ('abc','lower'),('ABC','upper'),('abc ','trailing'),"
                    + "('Abc','mixed'),('x-1','plain'),('zz','unmatched')");
            s.execute("CREATE TABLE " + REF + ".account_notes (code varchar(20) NOT NULL, note varchar(20) NOT NULL)");
            s.execute("INSERT INTO " + REF + ".account_notes VALUES ('abc','n-lower'),('ABC','n-upper'),"
                    + "('abc ','n-trailing'),('aBC','n-other'),('x-1','n-plain'),('x-1 ','n-plain-space')");
            s.execute("CREATE TABLE " + REF + ".brand_owners (p_brand varchar(10) NOT NULL, owner varchar(20) NOT NULL)");
            s.execute("INSERT INTO " + REF + ".brand_owners SELECT DISTINCT p_brand, 'owner of ' || p_brand"
                    + " FROM " + REF + ".part WHERE p_brand LIKE 'Brand#1%' OR p_brand LIKE 'Brand#2%'");
            for (String table : List.of("region", "nation", "customer", "orders", "part", "supplier", "partsupp",
                    "lineitem", "accounts", "account_notes", "brand_owners")) {
                s.execute("ANALYZE " + REF + "." + table);
            }
        }
    }

    private static void copyWithin(Connection pg) throws SQLException {
        try (Statement s = pg.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + TPCH + " CASCADE");
            s.execute("CREATE SCHEMA " + TPCH);
            for (String table : PG_TABLES) {
                s.execute("CREATE TABLE " + TPCH + "." + table + " (LIKE " + REF + "." + table + " INCLUDING ALL)");
                s.execute("INSERT INTO " + TPCH + "." + table + " SELECT * FROM " + REF + "." + table);
                s.execute("ANALYZE " + TPCH + "." + table);
            }
            // Shows the statement the current session is running: what PostgreSQL received.
            s.execute("CREATE VIEW " + TPCH + ".current_query AS SELECT query AS received FROM pg_stat_activity"
                    + " WHERE pid = pg_backend_pid()");
        }
    }

    private static void copyToMariaDb(Connection pg, Connection maria) throws SQLException {
        try (Statement s = maria.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + TPCH);
            s.execute("CREATE DATABASE " + TPCH);
            s.execute("CREATE TABLE " + TPCH + ".part (p_partkey int PRIMARY KEY, p_name varchar(55) NOT NULL,"
                    + " p_brand varchar(10) NOT NULL, p_size int NOT NULL, p_retailprice decimal(12,2) NOT NULL)");
            s.execute("CREATE TABLE " + TPCH + ".supplier (s_suppkey int PRIMARY KEY, s_name varchar(25) NOT NULL,"
                    + " s_nationkey int NOT NULL, s_acctbal decimal(12,2) NOT NULL)");
            s.execute("CREATE TABLE " + TPCH + ".partsupp (ps_partkey int NOT NULL, ps_suppkey int NOT NULL,"
                    + " ps_availqty int NOT NULL, ps_supplycost decimal(12,2) NOT NULL,"
                    + " PRIMARY KEY (ps_partkey, ps_suppkey))");
            s.execute("CREATE TABLE " + TPCH + ".lineitem (l_orderkey int NOT NULL, l_linenumber int NOT NULL,"
                    + " l_partkey int NOT NULL, l_suppkey int NOT NULL, l_quantity decimal(12,2) NOT NULL,"
                    + " l_extendedprice decimal(12,2) NOT NULL, l_discount decimal(12,2) NOT NULL,"
                    + " l_shipdate date NOT NULL, l_returnflag varchar(1) NOT NULL,"
                    + " PRIMARY KEY (l_orderkey, l_linenumber))");
            // MariaDB's default collation ignores case and trailing spaces: federation must not rely on it.
            s.execute("CREATE VIEW " + TPCH + ".current_query AS SELECT INFO AS received"
                    + " FROM information_schema.PROCESSLIST WHERE ID = CONNECTION_ID()");
            s.execute("CREATE TABLE " + TPCH + ".account_notes (code varchar(20) NOT NULL, note varchar(20) NOT NULL)"
                    + " COLLATE utf8mb4_general_ci");
        }
        for (String table : MARIADB_TABLES) {
            copy(pg, REF + "." + table, maria, TPCH + "." + table);
        }
        try (Statement s = maria.createStatement()) {
            for (String table : MARIADB_TABLES) {
                s.execute("ANALYZE TABLE " + TPCH + "." + table);
            }
        }
    }

    private static void copyToH2(Connection pg, Connection h2) throws SQLException {
        try (Statement s = h2.createStatement()) {
            s.execute("DROP TABLE IF EXISTS PUBLIC.BRAND_OWNERS");
            s.execute("CREATE TABLE PUBLIC.BRAND_OWNERS (P_BRAND VARCHAR(10) NOT NULL, OWNER VARCHAR(20) NOT NULL)");
        }
        copy(pg, REF + ".brand_owners", h2, "PUBLIC.BRAND_OWNERS");
    }

    /** Copies rows in multi-row INSERTs of up to 1,000 rows. */
    private static void copy(Connection from, String source, Connection to, String target) throws SQLException {
        try (Statement read = from.createStatement(); ResultSet rs = read.executeQuery("SELECT * FROM " + source)) {
            ResultSetMetaData md = rs.getMetaData();
            int columns = md.getColumnCount();
            String row = "(" + "?,".repeat(columns - 1) + "?)";
            int batch = 1_000;
            String full = "INSERT INTO " + target + " VALUES " + (row + ",").repeat(batch - 1) + row;
            List<Object[]> rows = new java.util.ArrayList<>();
            while (rs.next()) {
                Object[] values = new Object[columns];
                for (int c = 0; c < columns; c++) {
                    values[c] = rs.getObject(c + 1);
                }
                rows.add(values);
                if (rows.size() == batch) {
                    insert(to, full, rows);
                    rows.clear();
                }
            }
            if (!rows.isEmpty()) {
                insert(to, "INSERT INTO " + target + " VALUES " + (row + ",").repeat(rows.size() - 1) + row, rows);
            }
        }
    }

    private static void insert(Connection to, String sql, List<Object[]> rows) throws SQLException {
        try (PreparedStatement insert = to.prepareStatement(sql)) {
            int p = 1;
            for (Object[] values : rows) {
                for (Object value : values) {
                    insert.setObject(p++, value);
                }
            }
            insert.executeUpdate();
        }
    }
}
