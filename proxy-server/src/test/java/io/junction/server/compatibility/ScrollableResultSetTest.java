package io.junction.server.compatibility;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Scroll-insensitive result sets, which the Junction driver buffers client-side: every movement over a 100-row
 * result must land where the vendor's own driver lands on the same query, directly against the same database.
 */
class ScrollableResultSetTest {
    private static final String QUERY = "SELECT id, label FROM j3s_rows ORDER BY id";
    private static final int ROWS = 100;

    @BeforeAll
    static void createTable() throws Exception {
        String values = IntStream.rangeClosed(1, ROWS).mapToObj(i -> "(" + i + ", 'row " + i + "')")
                .collect(Collectors.joining(", "));
        for (String kind : List.of(Databases.POSTGRESQL, Databases.MARIADB)) {
            Databases.upstream(kind).execute(
                    "DROP TABLE IF EXISTS j3s_rows",
                    "CREATE TABLE j3s_rows (id int PRIMARY KEY, label varchar(20) NOT NULL)",
                    "INSERT INTO j3s_rows (id, label) VALUES " + values);
        }
        Databases.gateway();
    }

    @ParameterizedTest
    @ValueSource(strings = {Databases.POSTGRESQL, Databases.MARIADB})
    void everyMovementLandsWhereTheVendorDriverLands(String kind) throws Exception {
        List<String> direct;
        List<String> junction;
        try (Connection connection = Databases.direct(kind);
             Statement statement = connection.createStatement(ResultSet.TYPE_SCROLL_INSENSITIVE,
                     ResultSet.CONCUR_READ_ONLY)) {
            direct = walk(statement.executeQuery(QUERY));
        }
        try (Connection connection = Databases.junction(kind);
             Statement statement = connection.createStatement(ResultSet.TYPE_SCROLL_INSENSITIVE,
                     ResultSet.CONCUR_READ_ONLY)) {
            // Small frames, so buffering reads the result over many fetches.
            statement.setFetchSize(7);
            junction = walk(statement.executeQuery(QUERY));
        }
        assertThat(junction).isEqualTo(direct);
        assertThat(junction).contains("absolute(-1) true row 100 id 100 last", "relative(10) false row 0 afterLast",
                "first() true row 1 id 1 first");
    }

    @ParameterizedTest
    @ValueSource(strings = {Databases.POSTGRESQL, Databases.MARIADB})
    void aPreparedStatementScrollsBothWays(String kind) throws Exception {
        try (Connection connection = Databases.junction(kind);
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT id, label FROM j3s_rows WHERE id > ? ORDER BY id",
                     ResultSet.TYPE_SCROLL_INSENSITIVE, ResultSet.CONCUR_READ_ONLY)) {
            statement.setFetchSize(9);
            statement.setInt(1, 0);
            try (ResultSet rows = statement.executeQuery()) {
                assertThat(rows.getType()).isEqualTo(ResultSet.TYPE_SCROLL_INSENSITIVE);
                List<Integer> forward = new ArrayList<>();
                while (rows.next()) {
                    forward.add(rows.getInt(1));
                }
                List<Integer> backward = new ArrayList<>();
                while (rows.previous()) {
                    backward.add(rows.getInt("id"));
                    assertThat(rows.getString("label")).isEqualTo("row " + rows.getInt("id"));
                }
                assertThat(forward).isEqualTo(IntStream.rangeClosed(1, ROWS).boxed().collect(Collectors.toList()));
                assertThat(backward).isEqualTo(IntStream.iterate(ROWS, i -> i - 1).limit(ROWS).boxed()
                        .collect(Collectors.toList()));
                assertThat(rows.isBeforeFirst()).isTrue();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {Databases.POSTGRESQL, Databases.MARIADB})
    void forwardOnlyStaysForwardOnlyAndScrollInsensitiveIsAdvertised(String kind) throws Exception {
        try (Connection connection = Databases.junction(kind); Statement statement = connection.createStatement()) {
            assertThat(connection.getMetaData().supportsResultSetType(ResultSet.TYPE_SCROLL_INSENSITIVE)).isTrue();
            assertThat(connection.getMetaData().supportsResultSetType(ResultSet.TYPE_FORWARD_ONLY)).isTrue();
            try (ResultSet rows = statement.executeQuery(QUERY)) {
                assertThat(rows.getType()).isEqualTo(ResultSet.TYPE_FORWARD_ONLY);
                assertThat(rows.next()).isTrue();
                assertThatThrownBy(rows::previous).isInstanceOf(SQLException.class);
            }
        }
    }

    /** A fixed tour of every movement, noting what each returns and where the result set then stands. */
    private static List<String> walk(ResultSet rows) throws SQLException {
        List<String> seen = new ArrayList<>();
        try (rows) {
            seen.add("type " + rows.getType());
            seen.add(state("start", true, rows));
            StringBuilder forward = new StringBuilder();
            while (rows.next()) {
                forward.append(rows.getInt(1)).append(',');
            }
            seen.add("forward " + forward);
            seen.add(state("after next", false, rows));
            StringBuilder backward = new StringBuilder();
            while (rows.previous()) {
                backward.append(rows.getInt(1)).append(',');
            }
            seen.add("backward " + backward);
            seen.add(state("after previous", false, rows));
            seen.add(state("absolute(-1)", rows.absolute(-1), rows));
            seen.add(state("absolute(37)", rows.absolute(37), rows));
            seen.add(state("relative(-5)", rows.relative(-5), rows));
            seen.add(state("relative(0)", rows.relative(0), rows));
            seen.add(state("absolute(95)", rows.absolute(95), rows));
            seen.add(state("relative(10)", rows.relative(10), rows));
            seen.add(state("previous()", rows.previous(), rows));
            seen.add(state("absolute(-100)", rows.absolute(-100), rows));
            seen.add(state("absolute(101)", rows.absolute(101), rows));
            seen.add(state("first()", rows.first(), rows));
            seen.add(state("last()", rows.last(), rows));
            seen.add(state("relative(-200)", rows.relative(-200), rows));
            seen.add(state("next()", rows.next(), rows));
            rows.afterLast();
            seen.add(state("afterLast()", rows.isAfterLast(), rows));
            rows.beforeFirst();
            seen.add(state("beforeFirst()", rows.isBeforeFirst(), rows));
            seen.add(state("absolute(0)", rows.absolute(0), rows));
        }
        return seen;
    }

    private static String state(String move, boolean result, ResultSet rows) throws SQLException {
        StringBuilder text = new StringBuilder(move).append(' ').append(result).append(" row ").append(rows.getRow());
        if (rows.getRow() > 0) {
            text.append(" id ").append(rows.getInt("id"));
            assertThat(rows.getString("label")).isEqualTo("row " + rows.getInt("id"));
        }
        text.append(rows.isFirst() ? " first" : "").append(rows.isLast() ? " last" : "")
                .append(rows.isBeforeFirst() ? " beforeFirst" : "").append(rows.isAfterLast() ? " afterLast" : "");
        return text.toString();
    }
}
