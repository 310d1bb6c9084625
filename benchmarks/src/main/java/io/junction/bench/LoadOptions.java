package io.junction.bench;

import java.time.Duration;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Command-line options every load shape shares: where to connect, how many clients, for how long. */
public final class LoadOptions {
    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    @Option(names = "--url", required = true, description = "JDBC URL of the system under test.")
    private String url;

    @Option(names = "--user", defaultValue = "", description = "JDBC user.")
    private String user;

    @Option(names = "--password", defaultValue = "", description = "JDBC password.")
    private String password;

    @Option(names = "--threads", defaultValue = "8",
            description = "Client threads, each with its own connection (default: ${DEFAULT-VALUE}).")
    private int threads;

    @Option(names = "--seconds", defaultValue = "20",
            description = "Length of the measured window (default: ${DEFAULT-VALUE}).")
    private int seconds;

    // A fresh JVM running the Avatica client took about 10 s on 2 shared cores to reach steady speed.
    @Option(names = "--warmup", defaultValue = "10",
            description = "Seconds run before measuring, not counted (default: ${DEFAULT-VALUE}).")
    private int warmup;

    private String label = "run";

    @Option(names = "--label", description = "Name of this run in the output: letters, digits, '.', '_', '-'"
            + " (default: ${DEFAULT-VALUE}).", defaultValue = "run")
    void setLabel(String value) {
        if (!value.matches("[A-Za-z0-9._-]+")) {
            throw new ParameterException(spec.commandLine(),
                    "--label must be letters, digits, '.', '_' or '-' (scripts split the output on spaces), was '"
                            + value + "'");
        }
        label = value;
    }

    public String url() {
        return url;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    public String label() {
        return label;
    }

    public LoadRunner runner(SessionFactory sessions) {
        return new LoadRunner(sessions, threads, Duration.ofSeconds(warmup), Duration.ofSeconds(seconds));
    }
}
