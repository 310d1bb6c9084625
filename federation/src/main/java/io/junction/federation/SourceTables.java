package io.junction.federation;

import org.apache.calcite.adapter.jdbc.JdbcSchema;
import org.apache.calcite.adapter.jdbc.JdbcTable;
import org.apache.calcite.adapter.jdbc.JdbcTables;
import org.apache.calcite.rel.type.RelProtoDataType;
import org.apache.calcite.schema.Schema;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.lookup.IgnoreCaseLookup;
import org.apache.calcite.schema.lookup.LikePattern;
import org.apache.calcite.util.Util;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The tables of one schema of a source, found by their exact names. Calcite's {@code JdbcSchema}
 * passes a table's name to {@code getTables} and {@code getColumns} as an unescaped LIKE pattern and
 * takes what comes first, so {@code order_line} could resolve to {@code order1line} and a table's
 * columns could merge with a look-alike's (FIELD-NOTES §4). Here every pattern is escaped and every
 * row is checked against the exact name before it counts.
 */
final class SourceTables extends IgnoreCaseLookup<Table> {
    private final JdbcSchema schema;
    private final SourceCatalog catalog;
    private final String schemaName;
    private final TableStatistics statistics;

    /**
     * @param schema     the Calcite schema the tables belong to (their convention and DataSource)
     * @param schemaName the source's own name of the schema (MariaDB: the database)
     */
    SourceTables(JdbcSchema schema, SourceCatalog catalog, String schemaName, TableStatistics statistics) {
        this.schema = schema;
        this.catalog = catalog;
        this.schemaName = schemaName;
        this.statistics = statistics;
    }

    @Override
    public Table get(String name) {
        FederatedSource source = catalog.source();
        try (Connection connection = source.dataSource().getConnection()) {
            DatabaseMetaData md = connection.getMetaData();
            boolean databases = source.kind().databasesAreSchemas();
            String catalogArg = databases ? schemaName : null;
            String schemaArg = databases ? null : MetadataPatterns.escape(schemaName, md);
            String tableArg = MetadataPatterns.escape(name, md);
            Schema.TableType type = null;
            try (ResultSet rs = md.getTables(catalogArg, schemaArg, tableArg, null)) {
                while (rs.next()) {
                    if (isTable(rs, databases, schemaName, name)) {
                        type = tableType(rs.getString("TABLE_TYPE"));
                        break;
                    }
                }
            }
            if (type == null) {
                return null;
            }
            RelProtoDataType rowType = SourceColumns.read(md, source.kind(), catalogArg, schemaArg, schemaName, name);
            JdbcTable table = JdbcTables.create(schema, databases ? schemaName : null, databases ? null : schemaName,
                    name, type);
            return new MeasuredTable(table, rowType, source, statistics);
        } catch (SQLException e) {
            throw new IllegalStateException("Reading table " + schemaName + "." + name + " of source '"
                    + source.name() + "' failed: " + e.getMessage(), e);
        }
    }

    @Override
    public Set<String> getNames(LikePattern pattern) {
        try {
            Set<String> names = catalog.snapshot().tablesBySchema().getOrDefault(schemaName, Set.of());
            return names.stream().filter(pattern.matcher()::apply).collect(Collectors.toSet());
        } catch (SQLException e) {
            throw new IllegalStateException("Reading the tables of source '" + catalog.source().name()
                    + "' failed: " + e.getMessage(), e);
        }
    }

    /** Whether a getTables or getColumns row is of table {@code schema.name}, spelled exactly so. */
    static boolean isTable(ResultSet rs, boolean databases, String schema, String name) throws SQLException {
        String rowSchema = databases ? rs.getString("TABLE_CAT") : rs.getString("TABLE_SCHEM");
        return schema.equals(rowSchema) && name.equals(rs.getString("TABLE_NAME"));
    }

    /** As Calcite's JDBC adapter reads it: {@code BASE TABLE} is {@code BASE_TABLE}, the unknown is OTHER. */
    private static Schema.TableType tableType(String name) {
        return name == null ? Schema.TableType.OTHER
                : Util.enumVal(Schema.TableType.OTHER, name.toUpperCase(Locale.ROOT).replace(' ', '_'));
    }
}
