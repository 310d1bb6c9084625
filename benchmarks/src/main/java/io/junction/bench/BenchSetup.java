package io.junction.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Creates {@code bench_accounts(id int primary key, balance int, filler char(84))} — pgbench's account
 * row shape — and fills it with keys 1..rows, unless it already holds exactly those keys. Plain JDBC
 * batches, so it works on PostgreSQL and MariaDB alike.
 */
@Command(name = "bench-setup", mixinStandardHelpOptions = true,
        description = "Creates and fills the bench_accounts table if it is missing or holds other keys.")
public final class BenchSetup implements Callable<Integer> {
    private static final int BATCH_ROWS = 1_000;
    private static final String FILLER = "x".repeat(84);

    @Option(names = "--url", defaultValue = "jdbc:postgresql://127.0.0.1:5432/test",
            description = "JDBC URL of the upstream (default: ${DEFAULT-VALUE}).")
    private String url;

    @Option(names = "--user", defaultValue = "postgres", description = "JDBC user (default: ${DEFAULT-VALUE}).")
    private String user;

    @Option(names = "--password", defaultValue = "", description = "JDBC password.")
    private String password;

    @Option(names = "--rows", defaultValue = "100000", description = "Rows to hold (default: ${DEFAULT-VALUE}).")
    private int rows;

    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchSetup()).execute(args));
    }

    @Override
    public Integer call() throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, user, password)) {
            try (Statement ddl = connection.createStatement()) {
                ddl.execute("CREATE TABLE IF NOT EXISTS bench_accounts"
                        + " (id INT PRIMARY KEY, balance INT NOT NULL, filler CHAR(84) NOT NULL)");
            }
            if (holdsExactlyKeys(connection)) {
                System.out.println("bench_accounts already holds keys 1.." + rows);
                return 0;
            }
            fill(connection);
            analyze(connection);
            System.out.println("bench_accounts filled with keys 1.." + rows);
            return 0;
        }
    }

    private boolean holdsExactlyKeys(Connection connection) throws SQLException {
        try (Statement query = connection.createStatement();
             ResultSet rs = query.executeQuery(
                     "SELECT COUNT(*), COALESCE(MIN(id), 0), COALESCE(MAX(id), 0) FROM bench_accounts")) {
            rs.next();
            return rs.getLong(1) == rows && rs.getLong(2) == 1 && rs.getLong(3) == rows;
        }
    }

    private void fill(Connection connection) throws SQLException {
        connection.setAutoCommit(false);
        try (Statement truncate = connection.createStatement();
             PreparedStatement insert = connection.prepareStatement(
                     "INSERT INTO bench_accounts (id, balance, filler) VALUES (?, ?, ?)")) {
            truncate.execute("TRUNCATE TABLE bench_accounts");
            for (int id = 1; id <= rows; id++) {
                insert.setInt(1, id);
                insert.setInt(2, id % 10_000);
                insert.setString(3, FILLER);
                insert.addBatch();
                if (id % BATCH_ROWS == 0 || id == rows) {
                    insert.executeBatch();
                }
            }
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    /** Fresh statistics, so the first measured run does not plan against an empty table's. */
    private static void analyze(Connection connection) throws SQLException {
        String product = connection.getMetaData().getDatabaseProductName();
        String sql = product.equalsIgnoreCase("PostgreSQL") ? "ANALYZE bench_accounts" : "ANALYZE TABLE bench_accounts";
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
