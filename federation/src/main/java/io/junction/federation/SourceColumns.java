package io.junction.federation;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeImpl;
import org.apache.calcite.rel.type.RelDataTypeSystem;
import org.apache.calcite.rel.type.RelProtoDataType;
import org.apache.calcite.sql.type.SqlTypeFactoryImpl;

import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * A source table's columns as a Calcite row type, read from {@code getColumns} with escaped
 * patterns and only the rows of exactly that table (Calcite's adapter would merge the columns of
 * {@code a_b} and {@code axb}); each column typed by {@link ColumnTypes}.
 */
final class SourceColumns {
    private SourceColumns() {
    }

    /**
     * @param catalogArg the catalog argument of {@code getColumns} (MariaDB's database), or null
     * @param schemaArg  the escaped schema pattern, or null
     */
    static RelProtoDataType read(DatabaseMetaData md, SourceKind kind, String catalogArg, String schemaArg,
                                 String schema, String table) throws SQLException {
        // A prototype, copied into the planner's type factory when used (as Calcite's adapter does).
        RelDataTypeFactory typeFactory = new SqlTypeFactoryImpl(RelDataTypeSystem.DEFAULT);
        RelDataTypeFactory.Builder fields = typeFactory.builder();
        boolean databases = kind.databasesAreSchemas();
        try (ResultSet rs = md.getColumns(catalogArg, schemaArg, MetadataPatterns.escape(table, md), null)) {
            while (rs.next()) {
                if (!SourceTables.isTable(rs, databases, schema, table)) {
                    continue;
                }
                int size = rs.getInt("COLUMN_SIZE");
                boolean sizeKnown = !rs.wasNull();
                int digits = rs.getInt("DECIMAL_DIGITS");
                boolean digitsKnown = !rs.wasNull();
                RelDataType type = ColumnTypes.of(typeFactory, kind, rs.getInt("DATA_TYPE"), rs.getString("TYPE_NAME"),
                        sizeKnown ? size : -1, digitsKnown ? digits : -1);
                fields.add(rs.getString("COLUMN_NAME"), type)
                        .nullable(rs.getInt("NULLABLE") != DatabaseMetaData.columnNoNulls);
            }
        }
        return RelDataTypeImpl.proto(fields.build());
    }
}
