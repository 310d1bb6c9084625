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

    /**
     * Date-times whose fractions print differently by driver: none, one digit, a leading zero, a microsecond,
     * six digits, and a whole minute (seconds zero), each with an offset for timetz.
     */
    private static final String[][] TIMES = {
            {"2024-01-02 03:04:05", "+02"}, {"2024-01-02 03:04:05.5", "-03:30"}, {"2024-01-02 03:04:05.05", "+00"},
            {"2024-01-02 03:04:05.000001", "+05:45"}, {"1999-12-31 23:59:58.123456", "-08"},
            {"2024-02-29 00:00:00", "+14"}};
    /**
     * The classes getObject(i, Class) is asked for on temporal columns; a refusal must match in its SQLState class.
     * (String, which pgjdbc refuses, Junction converts: documented, and asked in the test above.)
     */
    private static final List<Class<?>> TEMPORAL_CLASSES = List.of(java.sql.Date.class,
            java.sql.Time.class, java.sql.Timestamp.class, java.time.LocalDate.class, java.time.LocalTime.class,
            java.time.LocalDateTime.class, java.time.OffsetDateTime.class, java.time.OffsetTime.class);

    @BeforeAll
    static void createTables() throws Exception {
        Databases.upstream(Databases.POSTGRESQL).execute("DROP TABLE IF EXISTS jfr_types",
                "CREATE TABLE jfr_types (" + PG_COLUMNS + ")", PG_ROW,
                "INSERT INTO jfr_types (i4) VALUES (0)");
        Databases.upstream(Databases.MARIADB).execute("DROP TABLE IF EXISTS jfr_types",
                "CREATE TABLE jfr_types (" + MARIA_COLUMNS + ")", MARIA_ROW,
                "INSERT INTO jfr_types (i) VALUES (0)");
        List<String> pg = new ArrayList<>(List.of("DROP TABLE IF EXISTS jfr_times", "CREATE TABLE jfr_times (id int"
                + " PRIMARY KEY, ts timestamp(6), ts0 timestamp(0), ts3 timestamp(3), tz timestamptz, tm time(6),"
                + " tm0 time(0), tt timetz, d date, iv interval)"));
        List<String> maria = new ArrayList<>(List.of("DROP TABLE IF EXISTS jfr_times", "CREATE TABLE jfr_times (id int"
                + " PRIMARY KEY, dt datetime(6), dt0 datetime, dt3 datetime(3), ts timestamp(6) NULL, tm time(6),"
                + " tm0 time, tm3 time(3), d date)"));
        for (int i = 0; i < TIMES.length; i++) {
            String at = TIMES[i][0];
            String time = at.substring(11);
            pg.add("INSERT INTO jfr_times VALUES (" + i + ", '" + at + "', '" + at + "', '" + at + "', '" + at
                    + TIMES[i][1] + "', '" + time + "', '" + time + "', '" + time + TIMES[i][1] + "', '"
                    + at.substring(0, 10) + "', '" + i + " days " + time + "')");
            maria.add("INSERT INTO jfr_times VALUES (" + i + ", '" + at + "', '" + at + "', '" + at + "', '" + at
                    + "', '" + time + "', '" + time + "', '" + time + "', '" + at.substring(0, 10) + "')");
        }
        pg.add("INSERT INTO jfr_times (id) VALUES (99)");
        maria.add("INSERT INTO jfr_times (id) VALUES (99)");
        Databases.upstream(Databases.POSTGRESQL).execute(pg.toArray(new String[0]));
        Databases.upstream(Databases.POSTGRESQL).execute("DROP TABLE IF EXISTS jfr_arrays",
                "CREATE TABLE jfr_arrays (id int PRIMARY KEY, i int[][], t text[][], n numeric[][], b boolean[][],"
                        + " d date[][])",
                "INSERT INTO jfr_arrays VALUES (1, '{{1,2},{3,NULL}}', '{{\"a b\",c},{NULL,\"d,e\"}}',"
                        + " '{{1.5,2},{3,4.25}}', '{{t,f},{NULL,t}}', '{{2024-01-02,2024-02-29}}')",
                "INSERT INTO jfr_arrays VALUES (2, '{5,6}', '{x}', '{1}', '{f}', '{2024-03-04}')",
                "INSERT INTO jfr_arrays VALUES (3, '{{{1,2}},{{3,4}}}', '{{{\"{}\"}}}', '{}', '{{{t}}}', NULL)",
                "INSERT INTO jfr_arrays (id) VALUES (4)");
        Databases.upstream(Databases.MARIADB).execute(maria.toArray(new String[0]));
        Databases.gateway();
    }

    /**
     * getString of dates, times and timestamps is the upstream driver's text (pgjdbc: PostgreSQL's, trailing zeros
     * of the fraction dropped; MariaDB Connector/J: the column's declared digits), and getObject, the JDBC
     * getters and getObject(i, Class) give the same values or refuse with the same SQLState class, in a client
     * zone outside UTC.
     */
    @ParameterizedTest
    @ValueSource(strings = {Databases.POSTGRESQL, Databases.MARIADB})
    void temporalValuesAreTheUpstreamDriversOwn(String kind) throws Exception {
        assertThat(TimeZone.getDefault().getRawOffset()).as("the client JVM runs outside UTC").isNotZero();
        List<String> direct = temporalValues(kind, false);
        List<String> junction = temporalValues(kind, true);
        List<String> differences = new ArrayList<>();
        for (int i = 0; i < Math.min(direct.size(), junction.size()); i++) {
            String d = direct.get(i);
            String j = junction.get(i);
            // MariaDB Connector/J refuses a conversion without a SQLState; Junction always gives one.
            boolean sameRefusal = d.endsWith(" refused null") && j.startsWith(d.substring(0, d.length() - 4))
                    && j.length() == d.length() - 2;
            // pgjdbc's getDate of a time fails with an ArrayIndexOutOfBoundsException: nothing to copy.
            boolean directCrashed = d.contains(" failed ");
            if (!d.equals(j) && !sameRefusal && !directCrashed) {
                differences.add("direct   " + direct.get(i) + "\njunction " + junction.get(i));
            }
        }
        assertThat(differences).as(String.join("\n", differences)).isEmpty();
        assertThat(junction).hasSameSizeAs(direct);
        if (kind.equals(Databases.POSTGRESQL)) {
            assertThat(junction).contains("1 ts getString 2024-01-02 03:04:05.5", "0 ts getString 2024-01-02 03:04:05",
                    "3 tm getString 03:04:05.000001", "1 tt getString 03:04:05.5-03:30");
        } else {
            assertThat(junction).contains("1 dt getString 2024-01-02 03:04:05.500000",
                    "2 dt3 getString 2024-01-02 03:04:05.50000", "0 dt0 getString 2024-01-02 03:04:05",
                    "1 tm3 getString 03:04:05.500");
        }
    }

    /**
     * PostgreSQL arrays of more than one dimension (the column type does not say how many; each value does):
     * getArray() is nested as pgjdbc returns it ({@code Integer[][]}, {@code String[][][]}), getString is
     * PostgreSQL's literal, with pgjdbc's base type.
     */
    @Test
    void multiDimensionalArraysAreNestedAsPgjdbcReturnsThem() throws Exception {
        List<String> direct = arrays(false);
        List<String> junction = arrays(true);
        assertThat(junction).isEqualTo(direct);
        assertThat(junction).contains("1 i elements Integer[][][Integer[][Integer 1, Integer 2],"
                + " Integer[][Integer 3, null]]", "1 i getString {{1,2},{3,NULL}}", "2 i elements Integer[][Integer 5,"
                + " Integer 6]");
    }

    private static List<String> arrays(boolean viaJunction) throws Exception {
        List<String> seen = new ArrayList<>();
        try (Connection connection = Databases.connect(Databases.POSTGRESQL, viaJunction);
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT * FROM jfr_arrays ORDER BY id")) {
            ResultSetMetaData md = rs.getMetaData();
            while (rs.next()) {
                for (int c = 2; c <= md.getColumnCount(); c++) {
                    String name = rs.getInt(1) + " " + md.getColumnLabel(c);
                    seen.add(name + " getString " + rs.getString(c));
                    seen.add(name + " getObject " + describe(rs.getObject(c)));
                    java.sql.Array array = rs.getArray(c);
                    if (array != null) {
                        seen.add(name + " base " + array.getBaseType() + " " + array.getBaseTypeName());
                        seen.add(name + " elements " + describe(array.getArray()));
                    }
                }
            }
        }
        return seen;
    }

    private static List<String> temporalValues(String kind, boolean viaJunction) throws Exception {
        List<String> seen = new ArrayList<>();
        try (Connection connection = Databases.connect(kind, viaJunction);
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT * FROM jfr_times ORDER BY id")) {
            ResultSetMetaData md = rs.getMetaData();
            while (rs.next()) {
                String row = rs.getString(1);
                for (int c = 2; c <= md.getColumnCount(); c++) {
                    String name = row + " " + md.getColumnLabel(c);
                    seen.add(name + " getString " + rs.getString(c));
                    if (md.getColumnLabel(c).equals("iv")) {
                        continue; // getObject is pgjdbc's PGInterval: a documented difference.
                    }
                    int column = c;
                    seen.add(name + " getObject " + describe(rs.getObject(c)));
                    seen.add(name + " getTimestamp " + temporal(() -> rs.getTimestamp(column)));
                    seen.add(name + " getTime " + temporal(() -> rs.getTime(column)));
                    seen.add(name + " getDate " + temporal(() -> rs.getDate(column)));
                    for (Class<?> type : TEMPORAL_CLASSES) {
                        seen.add(name + " as " + type.getSimpleName() + " "
                                + temporal(() -> rs.getObject(column, type)));
                    }
                }
            }
        }
        return seen;
    }

    private interface TemporalCall {
        Object call() throws SQLException;
    }

    /** The value, or the SQLState class the driver refused with. */
    private static String temporal(TemporalCall call) {
        try {
            return describe(call.call());
        } catch (SQLException e) {
            return "refused " + (e.getSQLState() == null ? "null" : e.getSQLState().substring(0, 2));
        } catch (RuntimeException e) {
            return "failed " + e.getClass().getSimpleName();
        }
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
