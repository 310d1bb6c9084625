package io.junction.server.config;

import java.util.List;
import java.util.Objects;

/**
 * A configuration file Junction refuses to start with. The message lists every problem found, one per
 * line, each as {@code file:line: key.path: what is wrong}, so an operator can fix them all in one pass.
 */
public final class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    private final List<Problem> problems;

    public ConfigException(List<Problem> problems) {
        super(describe(problems));
        this.problems = List.copyOf(problems);
    }

    public ConfigException(Problem problem) {
        this(List.of(problem));
    }

    /** The problems in file order. */
    public List<Problem> problems() {
        return problems;
    }

    private static String describe(List<Problem> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a ConfigException needs at least one problem");
        }
        StringBuilder text = new StringBuilder();
        for (Problem problem : problems) {
            if (text.length() > 0) {
                text.append('\n');
            }
            text.append(problem);
        }
        return text.toString();
    }

    /**
     * One thing wrong with the file.
     *
     * @param file    the file as the operator named it
     * @param line    1-based line, or 0 when the problem concerns the whole file
     * @param key     the full key path ({@code sources.pg.pool.max-size}, {@code users[1].name}), or empty
     * @param message what is wrong and, where it helps, what would be right
     */
    public record Problem(String file, int line, String key, String message) {
        public Problem {
            Objects.requireNonNull(file, "file is null");
            Objects.requireNonNull(key, "key is null");
            Objects.requireNonNull(message, "message is null");
        }

        @Override
        public String toString() {
            StringBuilder text = new StringBuilder(file);
            if (line > 0) {
                text.append(':').append(line);
            }
            text.append(": ");
            if (!key.isEmpty()) {
                text.append(key).append(": ");
            }
            return text.append(message).toString();
        }
    }
}
