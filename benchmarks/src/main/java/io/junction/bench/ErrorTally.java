package io.junction.bench;

import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;

/**
 * Counts failed operations by kind (SQLState and message), so a run that fails a thousand times prints
 * one line per cause instead of a thousand. Thread-safe.
 */
final class ErrorTally {
    /** Beyond this many distinct kinds, further ones are counted under one line. */
    private static final int MAX_KINDS = 20;
    private static final String OTHER = "(other errors)";

    private final Map<String, LongAdder> countsByKind = new ConcurrentHashMap<>();

    void record(Exception error) {
        String kind = countsByKind.size() < MAX_KINDS ? describe(error) : OTHER;
        countsByKind.computeIfAbsent(kind, k -> new LongAdder()).increment();
    }

    long total() {
        return countsByKind.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** One line per kind, most frequent first: {@code 12 × [08006] Connection refused}. */
    List<String> summary() {
        return countsByKind.entrySet().stream()
                .sorted(Comparator.comparingLong((Map.Entry<String, LongAdder> e) -> e.getValue().sum()).reversed())
                .map(e -> e.getValue().sum() + " × " + e.getKey())
                .collect(Collectors.toList());
    }

    static String describe(Exception error) {
        String state = error instanceof SQLException sql && sql.getSQLState() != null
                ? "[" + sql.getSQLState() + "] " : "";
        String message = error.getMessage() == null ? error.getClass().getName() : error.getMessage();
        return state + message.strip().replaceAll("\\s+", " ");
    }
}
