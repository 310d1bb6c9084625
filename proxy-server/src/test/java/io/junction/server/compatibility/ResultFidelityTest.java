package io.junction.server.compatibility;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TimeZone;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a result looks like to a client, directly and through Junction, for a table with many column types on
 * PostgreSQL and MariaDB: {@code getObject} (its class and value), {@code getString}, {@code getObject(i, Class)},
 * arrays and ResultSetMetaData. Both must agree, with the client JVM outside UTC (surefire's TZ).
 */
class ResultFidelityTest {
    private static final String REFUSED = "refused";
    /**
     * Values Junction hands out differently, as the README's known limits say: pgjdbc's own classes for JSON,
     * intervals and XML (Junction: their text), money's text (Junction: the number, as getObject is).
     */
    private static final Set<String> DOCUMENTED = Set.of("pg.j getObject", "pg.jb getObject", "pg.iv getObject",
            "pg.x getObject", "pg.m getString");
    /** The column classes of vendor classes a client cannot hold without the vendor's jar, as Junction names them. */
    private static final Map<String, String> JUNCTION_CLASSES = Map.of(
            "org.postgresql.util.PGobject", "java.lang.String",
            "org.postgresql.util.PGInterval", "java.lang.String",
            "org.postgresql.util.PGmoney", "java.lang.Double",
            "java.sql.SQLXML", "java.lang.String");
    private static final String PG_COLUMNS = "id serial PRIMARY KEY, i2 smallint, i4 integer NOT NULL, i8 bigint,"
            + " r4 real, f8 double precision, n102 numeric(10,2), n numeric, b boolean, c3 char(3), v10 varchar(10),"
            + " t text, by bytea, d date, tm time(3), ts timestamp(6), tz timestamptz, u uuid, j json, jb jsonb,"
            + " iv interval, m money, x xml, ai integer[], at text[], ab boolean[], an numeric[], ad date[],"
            + " au uuid[], ai8 bigint[], af8 float8[], ai2 smallint[]";
    private static final String PG_ROW = "INSERT INTO jfr_types (i2, i4, i8, r4, f8, n102, n, b, c3, v10, t, by, d, tm,"
            + " ts, tz, u, j, jb, iv, m, x, ai, at, ab, an, ad, au, ai8, af8, ai2) VALUES (-7, 42, 9000000000, 1.5,"
            + " 2.25, 12345678.91, 3.14159265358979, true, 'ab', 'hello', 'long text', '\\x0102ff', '2024-02-29',"
            + " '13:14:15.123', '2024-02-29 23:59:58.123456', '2024-07-01 10:11:12.654321+02',"
            + " 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '{\"a\": 1}', '{\"b\": [1, 2]}', '1 day 02:03:04', 12.34,"
            + " '<a>x</a>', '{1,2,NULL,4}', '{\"x y\",b,NULL}', '{t,f}', '{1.5,2.25}', '{2024-01-02}',"
            + " '{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11}', '{9000000000}', '{1.5}', '{3,4}')";
    private static final String MARIA_COLUMNS = "id int AUTO_INCREMENT PRIMARY KEY, ti tinyint, tb tinyint(1),"
            + " tu tinyint unsigned, si smallint, su smallint unsigned, mi mediumint, i int NOT NULL, iu int unsigned,"
            + " bi bigint, bu bigint unsigned, fl float, db double, n102 decimal(10,2), bt1 bit(1), bt8 bit(8),"
            + " bo boolean, c3 char(3), v10 varchar(10), tx text, bl blob, vb varbinary(10), d date, tm time(3),"
            + " dt datetime(6), ts timestamp(6) NULL, y year, j json, e enum('red','green')";
    private static final String MARIA_ROW = "INSERT INTO jfr_types (ti, tb, tu, si, su, mi, i, iu, bi, bu, fl, db, n102,"
            + " bt1, bt8, bo, c3, v10, tx, bl, vb, d, tm, dt, ts, y, j, e) VALUES (-7, 1, 200, -300, 60000, 70000, 42,"
            + " 4000000000, 9000000000, 18000000000000000000, 1.5, 2.25, 12345678.91, b'1', b'10000001', true, 'ab',"
            + " 'hello', 'long text', x'0102ff', x'0a0b', '2024-02-29', '13:14:15.123', '2024-02-29 23:59:58.123456',"
            + " '2024-07-01 10:11:12.654321', 2024, '{\"a\": 1}', 'green')";

    @BeforeAll
    static void createTables() throws Exception {
        Databases.upstream(Databases.POSTGRESQL).execute("DROP TABLE IF EXISTS jfr_types",
                "CREATE TABLE jfr_types (" + PG_COLUMNS + ")", PG_ROW,
                "INSERT INTO jfr_types (i4) VALUES (0)");
        Databases.upstream(Databases.MARIADB).execute("DROP TABLE IF EXISTS jfr_types",
                "CREATE TABLE jfr_types (" + MARIA_COLUMNS + ")", MARIA_ROW,
                "INSERT INTO jfr_types (i) VALUES (0)");
        Databases.gateway();
    }

    @ParameterizedTest
    @ValueSource(strings = {Databases.POSTGRESQL, Databases.MARIADB})
    void getObjectAndGetStringAnswerAsTheUpstreamDriver(String kind) throws Exception {
        assertThat(TimeZone.getDefault().getRawOffset()).as("the client JVM runs outside UTC").isNotZero();
        assertSame(values(kind, false), values(kind, true));
    }

    @ParameterizedTest
    @ValueSource(strings = {Databases.POSTGRESQL, Databases.MARIADB})
    void resultSetMetaDataIsTheUpstreamDrivers(String kind) throws Exception {
        assertSame(metaData(kind, false), metaData(kind, true));
    }

    /** Equal line by line, except where the direct driver refuses a conversion that Junction's makes. */
    private static void assertSame(List<String> direct, List<String> junction) {
        assertThat(junction).hasSameSizeAs(direct);
        List<String> differences = new ArrayList<>();
        for (int i = 0; i < direct.size(); i++) {
            String d = direct.get(i);
            String j = junction.get(i);
            if (!d.equals(j) && !d.endsWith(" " + REFUSED)) {
                differences.add("direct   " + d + "\njunction " + j);
            }
        }
        assertThat(differences).as(String.join("\n", differences)).isEmpty();
    }

    private static List<String> values(String kind, boolean viaJunction) throws Exception {
        List<String> seen = new ArrayList<>();
        try (Connection connection = Databases.connect(kind, viaJunction);
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT * FROM jfr_types ORDER BY id")) {
            ResultSetMetaData md = rs.getMetaData();
            while (rs.next()) {
                for (int c = 2; c <= md.getColumnCount(); c++) {
                    String name = md.getColumnLabel(c);
                    seen.add(name + " getObject " + (DOCUMENTED.contains(kind + "." + name + " getObject")
                            ? "(documented)" : describe(rs.getObject(c))));
                    seen.add(name + " getString " + (DOCUMENTED.contains(kind + "." + name + " getString")
                            ? "(documented)" : rs.getString(c)));
                    Object array = rs.getObject(c);
                    if (array instanceof java.sql.Array a) {
                        seen.add(name + " base " + a.getBaseType() + " " + a.getBaseTypeName());
                        seen.add(name + " elements " + describe(a.getArray()));
                    }
                    // Boolean and byte[] only where they are the column's class: MariaDB Connector/J reads any
                    // text as them too, which Junction's driver does not copy.
                    List<Class<?>> types = new ArrayList<>(List.of(String.class, Integer.class, Long.class,
                            BigDecimal.class, UUID.class, java.sql.Date.class, java.sql.Timestamp.class));
                    if (List.of("java.lang.Boolean", "[B", "byte[]").contains(md.getColumnClassName(c))) {
                        types.add(Boolean.class);
                        types.add(byte[].class);
                    }
                    for (Class<?> type : types) {
                        seen.add(name + " as " + type.getSimpleName() + " " + attempt(rs, c, type));
                    }
                }
            }
        }
        return seen;
    }

    private static String attempt(ResultSet rs, int column, Class<?> type) {
        try {
            return describe(rs.getObject(column, type));
        } catch (SQLException | RuntimeException e) {
            return REFUSED;
        }
    }

    private static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        if (value.getClass().isArray()) {
            StringBuilder text = new StringBuilder(value.getClass().getSimpleName()).append('[');
            for (int i = 0; i < Array.getLength(value); i++) {
                text.append(i == 0 ? "" : ", ").append(describe(Array.get(value, i)));
            }
            return text.append(']').toString();
        }
        if (value instanceof java.sql.Array) {
            return "java.sql.Array";
        }
        String className = value.getClass().getName();
        return (className.startsWith("java.") ? value.getClass().getSimpleName() : "vendor " + className)
                + " " + value;
    }

    private static List<String> metaData(String kind, boolean viaJunction) throws Exception {
        List<String> seen = new ArrayList<>();
        try (Connection connection = Databases.connect(kind, viaJunction);
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT * FROM jfr_types ORDER BY id")) {
            ResultSetMetaData md = rs.getMetaData();
            for (int c = 1; c <= md.getColumnCount(); c++) {
                String className = md.getColumnClassName(c);
                seen.add(md.getColumnLabel(c) + ": type " + md.getColumnType(c) + " " + md.getColumnTypeName(c)
                        + ", class " + (viaJunction ? className : JUNCTION_CLASSES.getOrDefault(className, className))
                        + ", precision " + md.getPrecision(c)
                        + ", scale " + md.getScale(c) + ", nullable " + md.isNullable(c)
                        + ", auto-increment " + md.isAutoIncrement(c) + ", signed " + md.isSigned(c)
                        + ", display size " + md.getColumnDisplaySize(c) + ", case-sensitive " + md.isCaseSensitive(c)
                        + ", currency " + md.isCurrency(c) + ", table " + md.getTableName(c));
            }
        }
        return seen;
    }
}
