package org.apache.calcite.adapter.jdbc;

import org.apache.calcite.schema.Schema;

/**
 * Junction's one door into Calcite's JDBC adapter package: {@link JdbcTable}'s constructor is
 * package-private, and the only public way to get a table, {@code JdbcSchema.tables().get(name)},
 * treats the name as an unescaped LIKE pattern and takes the first match ({@code order_line} can
 * resolve to {@code order1line}). Federation looks names up exactly itself and builds the table
 * here. Compiled against Calcite, so a changed constructor fails the build, not a query.
 */
public final class JdbcTables {
    private JdbcTables() {
    }

    public static JdbcTable create(JdbcSchema schema, String catalog, String schemaName, String table,
                                   Schema.TableType type) {
        return new JdbcTable(schema, catalog, schemaName, table, type);
    }
}
