package io.junction.federation;

import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * What a source's own bookkeeping says about one table: its row count, the distinct values of
 * columns it has measured, its unique keys and the column lists of its indexes, and the range of
 * values seen in numeric or date columns. Read by {@link TableStatistics}; every part may be empty
 * (a table never analyzed, a source that keeps no such figures), and planning then falls back to
 * Calcite's guesses for that part only.
 *
 * @param rows estimated rows, NaN when unknown
 * @param distinct estimated distinct non-null values by column name
 * @param uniqueKeys column lists that are unique (primary key, unique indexes without a predicate)
 * @param indexes the column lists of every usable index, leading column first
 * @param ranges lowest and highest value seen, by column name, as doubles (dates as epoch days)
 */
record TableProfile(double rows, Map<String, Double> distinct, List<List<String>> uniqueKeys,
                    List<List<String>> indexes, Map<String, Range> ranges) {
    static final TableProfile UNKNOWN = new TableProfile(Double.NaN, Map.of(), List.of(), List.of(), Map.of());

    /** The lowest and highest value of a column, for range-predicate estimates. */
    record Range(double low, double high) {
    }

    TableProfile {
        distinct = Map.copyOf(distinct);
        uniqueKeys = List.copyOf(uniqueKeys);
        indexes = List.copyOf(indexes);
        ranges = Map.copyOf(ranges);
    }

    OptionalDouble rowCount() {
        return Double.isNaN(rows) ? OptionalDouble.empty() : OptionalDouble.of(rows);
    }

    /** Whether the columns include a whole unique key, so no two rows share their values. */
    boolean isUnique(Set<String> columns) {
        return uniqueKeys.stream().anyMatch(columns::containsAll);
    }

    /**
     * Whether looking rows up by these columns is an index search in the source: some index starts
     * with one of them. Key shipping sends IN lists only to such columns; elsewhere every batch
     * would scan the table.
     */
    boolean canSeek(Set<String> columns) {
        return indexes.stream().anyMatch(index -> columns.contains(index.get(0)));
    }

    /** Distinct values of a column: measured, else the row count for a one-column unique key. */
    OptionalDouble distinct(String column) {
        Double measured = distinct.get(column);
        if (measured != null) {
            return OptionalDouble.of(measured);
        }
        return isUnique(Set.of(column)) && !Double.isNaN(rows) ? OptionalDouble.of(rows) : OptionalDouble.empty();
    }
}
