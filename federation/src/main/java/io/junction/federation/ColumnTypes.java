package io.junction.federation;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.util.Util;

import java.sql.Types;
import java.util.Locale;

/**
 * The Calcite type of a source column, from its {@code getColumns} row: Calcite's JDBC adapter's
 * mapping (JDBC type code, sizes as precision and scale, unknown types as ANY), except that times,
 * timestamps and binary strings get one precision whatever the source, so that comparing them
 * across sources needs no cast; BLOBs and TEXTs (MariaDB's BLOB, TEXT and JSON, JDBC LONGVARBINARY,
 * BLOB, LONGVARCHAR, CLOB) are binary and character strings, compared as such (Calcite's adapter
 * would make them ANY, compared as Java objects), and uuid columns Calcite's UUID.
 */
final class ColumnTypes {
    private ColumnTypes() {
    }

    /**
     * @param size   COLUMN_SIZE, or -1 when the source reports none
     * @param digits DECIMAL_DIGITS, or -1 when the source reports none
     */
    static RelDataType of(RelDataTypeFactory types, SourceKind kind, int jdbcType, String typeName, int size,
                          int digits) {
        if (typeName != null && typeName.equalsIgnoreCase("uuid")) {
            // PostgreSQL's uuid (JDBC OTHER) and MariaDB's UUID: Calcite's own UUID type, held as
            // java.util.UUID, so they compare as uuids with each other and with CAST(text AS UUID).
            return types.createSqlType(SqlTypeName.UUID);
        }
        boolean unsigned = typeName != null && typeName.toUpperCase(Locale.ROOT).contains("UNSIGNED");
        SqlTypeName name = switch (jdbcType) {
            case Types.LONGVARBINARY, Types.BLOB -> SqlTypeName.VARBINARY;
            case Types.LONGVARCHAR, Types.LONGNVARCHAR, Types.CLOB, Types.NCLOB -> SqlTypeName.VARCHAR;
            default -> Util.first(unsigned ? SqlTypeName.getNameForUnsignedJdbcType(jdbcType)
                    : SqlTypeName.getNameForJdbcType(jdbcType), SqlTypeName.ANY);
        };
        if (name == SqlTypeName.VARCHAR && size <= 0) {
            return types.createSqlType(name, RelDataType.PRECISION_NOT_SPECIFIED);
        }
        if (name == SqlTypeName.ARRAY) {
            return types.createArrayType(types.createTypeWithNullability(types.createSqlType(SqlTypeName.ANY), true),
                    -1);
        }
        if (name == SqlTypeName.TIME || name == SqlTypeName.TIMESTAMP || name == SqlTypeName.BINARY
                || name == SqlTypeName.VARBINARY) {
            // One type for every source: a join of PostgreSQL timestamp(6) with MariaDB datetime(6) (which
            // reports no fractional digits) would otherwise cast one side, and MySQL's dialect writes
            // CAST(x AS DATETIME), cutting the fraction, or CAST(x AS VARBINARY(n)), which MariaDB refuses.
            // Federation's runtime holds times as milliseconds, the type system's largest precision.
            SqlTypeName uniform = name == SqlTypeName.BINARY ? SqlTypeName.VARBINARY : name;
            return types.createSqlType(uniform, types.getTypeSystem().getMaxPrecision(uniform));
        }
        int precision = Math.max(size, 0);
        int scale = Math.max(digits, 0);
        if (name.allowsPrecScale(true, true)) {
            if (precision == 0 && name == SqlTypeName.DECIMAL) {
                precision = types.getTypeSystem().getDefaultPrecision(name);
            }
            return types.createSqlType(name, precision, scale);
        }
        if (name.allowsPrecNoScale()) {
            return types.createSqlType(name, precision);
        }
        return types.createSqlType(name);
    }
}
