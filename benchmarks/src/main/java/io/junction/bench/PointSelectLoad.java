package io.junction.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Point SELECTs by primary key: each client thread holds one connection and one PreparedStatement and
 * runs it with a random key in [1, rows], reading every column of the result. The same command measures
 * any JDBC URL, so direct pgjdbc, Junction and Avatica's standalone server are compared like for like.
 *
 * <pre>
 * java -cp benchmarks/target/junction-benchmarks.jar io.junction.bench.PointSelectLoad \
 *     --url jdbc:postgresql://127.0.0.1:5432/test --user postgres --threads 8 --seconds 20 --label direct
 * </pre>
 */
@Command(name = "point-select", mixinStandardHelpOptions = true,
        description = "Point SELECT by primary key from N threads; prints ops/s and latency percentiles.")
public final class PointSelectLoad implements Callable<Integer> {
    static final String DEFAULT_SQL = "SELECT id, balance, filler FROM bench_accounts WHERE id = ?";

    @Mixin
    private LoadOptions load;

    @Option(names = "--sql", defaultValue = DEFAULT_SQL,
            description = "Statement to run; every ? is bound to the random key (default: ${DEFAULT-VALUE}).")
    private String sql;

    @Option(names = "--rows", defaultValue = "100000",
            description = "Keys are drawn uniformly from [1, rows] (default: ${DEFAULT-VALUE}).")
    private int rows;

    public static void main(String[] args) {
        System.exit(new CommandLine(new PointSelectLoad()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (rows < 1) {
            System.err.println("--rows must be at least 1, was " + rows);
            return 2;
        }
        try {
            LoadResult result = load.runner(this::openSession).run(load.label());
            System.out.println(result.summaryLine());
            result.errorSummary().forEach(line -> System.err.println("  error: " + line));
            return 0;
        } catch (LoadFailedException e) {
            System.err.println(e.getMessage());
            return 1;
        }
    }

    private Session openSession() throws SQLException {
        Connection connection = DriverManager.getConnection(load.url(), load.user(), load.password());
        try {
            return new PointSelectSession(connection, connection.prepareStatement(sql), SqlParameters.count(sql), rows);
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    private static final class PointSelectSession implements Session {
        private final Connection connection;
        private final PreparedStatement statement;
        private final int parameters;
        private final int rows;

        PointSelectSession(Connection connection, PreparedStatement statement, int parameters, int rows) {
            this.connection = connection;
            this.statement = statement;
            this.parameters = parameters;
            this.rows = rows;
        }

        @Override
        public void runOnce() throws SQLException {
            int key = ThreadLocalRandom.current().nextInt(1, rows + 1);
            for (int i = 1; i <= parameters; i++) {
                statement.setInt(i, key);
            }
            try (ResultSet rs = statement.executeQuery()) {
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    for (int c = 1; c <= columns; c++) {
                        rs.getObject(c);
                    }
                }
            }
        }

        @Override
        public void close() throws SQLException {
            try {
                statement.close();
            } finally {
                connection.close();
            }
        }
    }
}
