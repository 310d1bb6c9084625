package io.junction.federation;

import org.apache.calcite.sql.SqlIdentifier;

import java.util.List;

/**
 * A table a query names, resolved in the federated catalog: the source and the exact names the
 * source knows it by. {@link #qualifiedName()} is what a result cache keys its invalidation on.
 */
public record ResolvedTable(FederatedSource source, String schema, String table, SqlIdentifier written) {

    /** source, schema, table: the name in the federated catalog. */
    public List<String> qualifiedName() {
        return List.of(source.name(), schema, table);
    }

    /** The table as the source itself names it, quoted. */
    String nativeName() {
        return source.kind().quote(schema) + "." + source.kind().quote(table);
    }

    /** The table as federation's own SQL names it, quoted so it resolves exactly. */
    String federatedName() {
        return quoted(source.name()) + "." + quoted(schema) + "." + quoted(table);
    }

    private static String quoted(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }
}
