package io.junction.server.compatibility;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.TimeZone;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DATE, TIME, TIMESTAMP and TIMESTAMP WITH TIME ZONE at microsecond precision, written with the JDBC 4.2
 * classes and read back with {@code getObject(i, Class)} and {@code getTimestamp}, directly and through
 * Junction, with the client JVM in a zone other than UTC (surefire's TZ) and the server in the same JVM.
 */
class TimeFidelityTest {
    private static final LocalDateTime WALL_CLOCK = LocalDateTime.parse("2024-02-29T23:59:58.123456");
    private static final OffsetDateTime INSTANT = OffsetDateTime.parse("2024-07-01T10:11:12.654321+02:00");

    @BeforeAll
    static void createTables() throws Exception {
        Databases.upstream(Databases.POSTGRESQL).execute("DROP TABLE IF EXISTS j3_time",
                "CREATE TABLE j3_time (id int PRIMARY KEY, d date, t time(6), ts timestamp(6), tz timestamptz(6))");
        Databases.upstream(Databases.MARIADB).execute("DROP TABLE IF EXISTS j3_time",
                "CREATE TABLE j3_time (id int PRIMARY KEY, d date, t time(6), ts datetime(6), tz timestamp(6) NULL)");
    }

    @ParameterizedTest
    @ValueSource(strings = {Databases.POSTGRESQL, Databases.MARIADB})
    void microsecondsRoundTripAsOnADirectConnection(String kind) throws Exception {
        assertThat(TimeZone.getDefault().getRawOffset()).as("the client JVM runs outside UTC").isNotZero();
        List<String> direct = scenario(kind, false);
        List<String> junction = scenario(kind, true);
        assertThat(junction).isEqualTo(direct);
        assertThat(junction).contains("ts=" + WALL_CLOCK, "ts nanos=123456000", "d=2024-02-29", "t=13:14:15.654321");
    }

    private static List<String> scenario(String kind, boolean viaJunction) throws Exception {
        List<String> seen = new ArrayList<>();
        int id = viaJunction ? 2 : 1;
        try (Connection connection = Databases.connect(kind, viaJunction)) {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO j3_time (id, d, t, ts, tz) VALUES (?, ?, '13:14:15.654321', ?, ?)")) {
                insert.setInt(1, id);
                insert.setObject(2, LocalDate.parse("2024-02-29"));
                insert.setObject(3, WALL_CLOCK);
                if (kind.equals(Databases.POSTGRESQL)) {
                    insert.setObject(4, INSTANT);
                } else {
                    // MariaDB's TIMESTAMP takes the session zone's wall clock, like JDBC's setTimestamp.
                    insert.setTimestamp(4, Timestamp.from(INSTANT.toInstant()));
                }
                insert.executeUpdate();
            }
            try (PreparedStatement update = connection.prepareStatement("UPDATE j3_time SET ts = ? WHERE id = ? AND ts = ?")) {
                update.setTimestamp(1, Timestamp.valueOf(WALL_CLOCK));
                update.setInt(2, id);
                update.setObject(3, WALL_CLOCK);
                seen.add("matched by timestamp: " + update.executeUpdate());
            }
            try (PreparedStatement select = connection.prepareStatement("SELECT d, t, ts, tz FROM j3_time WHERE id = ?")) {
                select.setInt(1, id);
                try (ResultSet rs = select.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    seen.add("d=" + rs.getObject(1, LocalDate.class));
                    seen.add("d date=" + rs.getDate(1));
                    seen.add("t=" + rs.getObject(2, LocalTime.class));
                    seen.add("ts=" + rs.getObject(3, LocalDateTime.class));
                    seen.add("ts nanos=" + rs.getTimestamp(3).getNanos());
                    seen.add("ts timestamp=" + rs.getTimestamp(3));
                    seen.add("ts object=" + rs.getObject(3));
                    seen.add("tz instant=" + rs.getTimestamp(4).toInstant());
                    if (kind.equals(Databases.POSTGRESQL)) {
                        seen.add("tz offset=" + rs.getObject(4, OffsetDateTime.class));
                    }
                }
            }
            String now = kind.equals(Databases.POSTGRESQL)
                    ? "SELECT now(), to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US')"
                    : "SELECT NOW(6), DATE_FORMAT(NOW(6), '%Y-%m-%dT%H:%i:%s.%f')";
            try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(now)) {
                assertThat(rs.next()).isTrue();
                if (kind.equals(Databases.POSTGRESQL)) {
                    seen.add("now is the upstream's: " + rs.getTimestamp(1).toInstant()
                            .equals(LocalDateTime.parse(rs.getString(2)).toInstant(ZoneOffset.UTC)));
                } else {
                    seen.add("now is the upstream's: " + rs.getObject(1, LocalDateTime.class)
                            .equals(LocalDateTime.parse(rs.getString(2))));
                }
            }
        }
        return seen;
    }
}
