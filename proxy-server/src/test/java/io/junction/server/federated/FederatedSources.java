package io.junction.server.federated;

import io.junction.server.testing.TestGateway;
import io.junction.server.testing.Upstream;
import io.junction.server.testing.Upstreams;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The real PostgreSQL ("pg") and MariaDB ("maria") behind a test gateway whose federated catalog
 * holds both; {@link TestGateway#OUTSIDER} was granted only "pg". Test tables live in schema /
 * database names starting with {@code jfe_}.
 */
final class FederatedSources {
    private FederatedSources() {
    }

    static Upstream postgres() {
        return Upstreams.postgres();
    }

    static Upstream mariadb() {
        return Upstreams.mariadb();
    }

    static TestGateway start() throws Exception {
        Map<String, Upstream> sources = new LinkedHashMap<>();
        sources.put("pg", postgres());
        sources.put("maria", mariadb());
        return TestGateway.start(sources);
    }

    /** Every row, each value as {@code getObject} returns it. */
    static List<List<Object>> rows(ResultSet rs) throws SQLException {
        try (rs) {
            int columns = rs.getMetaData().getColumnCount();
            List<List<Object>> rows = new ArrayList<>();
            while (rs.next()) {
                Object[] row = new Object[columns];
                for (int c = 0; c < columns; c++) {
                    row[c] = rs.getObject(c + 1);
                }
                rows.add(Arrays.asList(row));
            }
            return rows;
        }
    }

    /** The values of one column, by label. */
    static List<String> column(ResultSet rs, String label) throws SQLException {
        try (rs) {
            List<String> values = new ArrayList<>();
            while (rs.next()) {
                values.add(rs.getString(label));
            }
            return values;
        }
    }
}
