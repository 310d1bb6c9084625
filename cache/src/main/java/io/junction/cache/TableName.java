package io.junction.cache;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A table as a statement names it ({@code orders}, {@code public.orders}, {@code "Orders"}): what
 * it means depends on the source's catalog and the session's search_path or database, so the
 * server resolves it before using it as a dependency.
 *
 * @param parts one to three identifiers, outermost first
 */
public record TableName(List<Identifier> parts) {
    /**
     * @param value  the name without its quotes
     * @param quoted whether it was quoted (then its case is exact; otherwise the source folds it)
     */
    public record Identifier(String value, boolean quoted) {
        public Identifier {
            Objects.requireNonNull(value, "value is null");
        }
    }

    public TableName {
        parts = List.copyOf(parts);
        if (parts.isEmpty() || parts.size() > 3) {
            throw new IllegalArgumentException("a table name has one to three parts: " + parts);
        }
    }

    /** The unqualified name. */
    public Identifier table() {
        return parts.get(parts.size() - 1);
    }

    /** The qualifier right before the table name (schema on PostgreSQL, database on MariaDB), or null. */
    public Identifier qualifier() {
        return parts.size() >= 2 ? parts.get(parts.size() - 2) : null;
    }

    /** The name written back in the given flavor's quoting, so the source can parse it. */
    public String toSql(SqlFlavor flavor) {
        char quote = flavor == SqlFlavor.MYSQL ? '`' : '"';
        return parts.stream().map(p -> p.quoted()
                ? quote + p.value().replace(String.valueOf(quote), String.valueOf(quote) + quote) + quote
                : p.value()).collect(Collectors.joining("."));
    }

    @Override
    public String toString() {
        return toSql(SqlFlavor.POSTGRESQL);
    }
}
