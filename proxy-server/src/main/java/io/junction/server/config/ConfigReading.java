package io.junction.server.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The state of reading one file: where problems are collected (so that all of them are reported at
 * once, not one per attempt), the environment for {@code ${VAR}}, and the keys the loader asked for.
 */
final class ConfigReading {
    private final String fileName;
    private final EnvironmentSubstitution substitution;
    private final Set<String> keysRead;
    private final List<ConfigException.Problem> problems = new ArrayList<>();

    ConfigReading(String fileName, EnvironmentSubstitution substitution, Set<String> keysRead) {
        this.fileName = Objects.requireNonNull(fileName, "fileName is null");
        this.substitution = Objects.requireNonNull(substitution, "substitution is null");
        this.keysRead = Objects.requireNonNull(keysRead, "keysRead is null");
    }

    void report(int line, String key, String message) {
        problems.add(new ConfigException.Problem(fileName, line, key, message));
    }

    /** @throws IllegalArgumentException saying what is wrong with a {@code ${...}} reference */
    String substitute(String raw) {
        return substitution.apply(raw);
    }

    /** Records that the loader knows a key, by its schema path ({@code sources.*.pool.max-size}). */
    void keyRead(String schemaPath) {
        keysRead.add(schemaPath);
    }

    void throwIfProblems() throws ConfigException {
        if (!problems.isEmpty()) {
            List<ConfigException.Problem> inFileOrder = new ArrayList<>(problems);
            inFileOrder.sort(Comparator.comparingInt(ConfigException.Problem::line));
            throw new ConfigException(inFileOrder);
        }
    }
}
