package io.junction.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * The reconnect storm: each client thread loops connect, one query, close. What a connection-per-request
 * application (or a serverless function) does to its database; one operation is the whole cycle.
 *
 * <pre>
 * java -cp benchmarks/target/junction-benchmarks.jar io.junction.bench.ReconnectLoad \
 *     --url jdbc:postgresql://127.0.0.1:5432/test --user postgres --threads 32 --seconds 10 --label direct
 * </pre>
 */
@Command(name = "reconnect", mixinStandardHelpOptions = true,
        description = "Connect, run SELECT 1, close, from N threads; prints cycles/s and latency percentiles.")
public final class ReconnectLoad implements Callable<Integer> {
    @Mixin
    private LoadOptions load;

    public static void main(String[] args) {
        System.exit(new CommandLine(new ReconnectLoad()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        try {
            LoadResult result = load.runner(() -> new ReconnectSession(load)).run(load.label());
            System.out.println(result.summaryLine());
            result.errorSummary().forEach(line -> System.err.println("  error: " + line));
            return 0;
        } catch (LoadFailedException e) {
            System.err.println(e.getMessage());
            return 1;
        }
    }

    /** Holds nothing between operations: every operation opens and closes its own connection. */
    private static final class ReconnectSession implements Session {
        private final LoadOptions load;

        ReconnectSession(LoadOptions load) {
            this.load = load;
        }

        @Override
        public void runOnce() throws SQLException {
            try (Connection connection = DriverManager.getConnection(load.url(), load.user(), load.password());
                 Statement statement = connection.createStatement();
                 ResultSet rs = statement.executeQuery("SELECT 1")) {
                while (rs.next()) {
                    rs.getInt(1);
                }
            }
        }

        @Override
        public void close() {
            // Nothing is held between operations.
        }
    }
}
