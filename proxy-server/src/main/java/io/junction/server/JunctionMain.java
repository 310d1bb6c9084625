package io.junction.server;

import io.junction.server.config.ConfigException;
import io.junction.server.config.ConfigLoader;
import io.junction.server.config.JunctionConfig;
import io.junction.server.demo.DemoEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Properties;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * {@code java -jar junction-server.jar [--config FILE]}: serves the configured sources, or without a
 * file the demo ({@link DemoEnvironment}). {@code hash-password} prints a password's stored form.
 *
 * <p>Exit codes: 0 after a clean shutdown (143 when ended by SIGTERM, as for any JVM), 1 when the
 * gateway could not start or failed, 2 for a wrong command line or config file (the message names
 * file, line and key; no stack trace).
 */
@Command(name = "junction-server", mixinStandardHelpOptions = true, versionProvider = JunctionMain.Version.class,
        description = {"Junction JDBC gateway: one jdbc:junction:// URL in front of your databases.",
            "Without --config it runs a demo with two sample H2 databases on 127.0.0.1:8765."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:clean shutdown", "1:the gateway could not start or failed",
            "2:wrong command line or config file"})
public final class JunctionMain implements Callable<Integer> {
    static final int EXIT_FAILURE = 1;
    static final int EXIT_CONFIG_ERROR = 2;

    private static final Logger log = LoggerFactory.getLogger(JunctionMain.class);

    @Option(names = "--config", paramLabel = "FILE",
            description = "YAML config file (server, admin, users, sources). $${VAR} and $${VAR:-default} "
                    + "are taken from the environment.")
    private Path configFile;

    @Option(names = "--reload-interval", paramLabel = "SECONDS", defaultValue = "5",
            description = "How often the config file is checked for changes to apply without a restart "
                    + "(users, grants, pool sizing, session timeout); 0 reloads only on POST /config/reload "
                    + "at the admin port. Default: ${DEFAULT-VALUE}.")
    private int reloadIntervalSeconds;

    @Spec
    private CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine(System.in, System.console()).execute(args));
    }

    /** The whole command line, with standard input and terminal injectable for tests. */
    static CommandLine commandLine(InputStream stdin, Console console) {
        CommandLine commandLine = new CommandLine(new JunctionMain());
        commandLine.addSubcommand("hash-password", new HashPasswordCommand(stdin, console));
        commandLine.setExecutionExceptionHandler((e, failed, parseResult) -> {
            PrintWriter err = failed.getErr();
            if (e instanceof ConfigException) {
                err.println(e.getMessage());
                err.flush();
                return EXIT_CONFIG_ERROR;
            }
            if (e instanceof IOException) {
                // The machine's doing (a port in use, an unreachable address): the message says it all.
                err.println("junction-server: " + e.getMessage());
                err.flush();
                return EXIT_FAILURE;
            }
            log.error("Junction stopped: {}", e.toString(), e);
            return EXIT_FAILURE;
        });
        return commandLine;
    }

    @Override
    public Integer call() throws Exception {
        if (configFile != null) {
            if (reloadIntervalSeconds < 0) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--reload-interval must be 0 (reload on request only) or a number of seconds, got "
                                + reloadIntervalSeconds);
            }
            ConfigLoader loader = ConfigLoader.withSystemEnvironment();
            JunctionConfig config = loader.load(configFile);
            log.info("Config {}: {} source(s), {} user(s)", configFile, config.sources().size(), config.users().size());
            return serve(config, null, server -> server.watchConfig(configFile, loader,
                    Duration.ofSeconds(reloadIntervalSeconds)));
        }
        DemoEnvironment demo = DemoEnvironment.create();
        try {
            return serve(demo.config(), demo, server -> { });
        } catch (Exception | Error e) {
            demo.close();
            throw e;
        }
    }

    /**
     * Runs until SIGTERM (or Ctrl-C): the shutdown hook closes the server, which drains in-flight
     * requests and closes the pools, then whatever else the mode opened.
     *
     * @param demo    the demo environment to announce and close with the server, or null
     * @param started what the mode adds to the running server (the config file's watcher)
     */
    private int serve(JunctionConfig config, DemoEnvironment demo, Consumer<JunctionServer> started) throws Exception {
        JunctionServer server = JunctionServer.start(config);
        started.accept(server);
        Thread shutdown = new Thread(() -> close(server, demo), "junction-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdown);
        if (demo != null) {
            PrintWriter out = spec.commandLine().getOut();
            out.print(demo.banner(server.port(), server.adminPort()));
            out.flush();
        }
        server.awaitTermination();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdown);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running and closes everything itself.
            return 0;
        }
        // The server stopped on its own: nothing else will close what this mode opened.
        close(server, demo);
        return 0;
    }

    private static void close(JunctionServer server, DemoEnvironment demo) {
        log.info("Shutting down");
        try {
            server.close();
        } catch (RuntimeException e) {
            log.error("Closing the server failed", e);
        }
        if (demo != null) {
            try {
                demo.close();
            } catch (SQLException | RuntimeException e) {
                log.error("Closing the demo databases failed", e);
            }
        }
    }

    /** The version Maven wrote into {@code version.properties} at build time. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties properties = new Properties();
            try (InputStream in = JunctionMain.class.getResourceAsStream("version.properties")) {
                if (in != null) {
                    properties.load(in);
                }
            }
            return new String[] {"junction-server " + properties.getProperty("version", "(unknown version)")};
        }
    }
}
