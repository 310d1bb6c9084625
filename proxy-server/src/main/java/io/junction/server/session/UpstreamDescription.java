package io.junction.server.session;

import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.ColumnMetaData.AvaticaType;
import org.apache.calcite.avatica.ColumnMetaData.Rep;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.Set;

/**
 * A result column described for the Junction driver as the upstream driver describes it: its JDBC type, type
 * name, precision, scale, nullability, signedness and column class, with the representation of the value on
 * the wire beside them. The driver reads each value with an accessor for the wire representation and hands it
 * out as the column class says.
 *
 * <p>A column class the driver cannot produce without the vendor's jar (pgjdbc's PGobject for JSON, PGInterval,
 * PGmoney, SQLXML) is replaced by the class of the value Junction sends, so that {@code getObject} and
 * {@code getColumnClassName} agree.
 */
final class UpstreamDescription {
    /**
     * Column classes the Junction driver turns its wire values into, and java.sql.Blob, which MariaDB
     * Connector/J names for BLOB columns while its getObject returns the bytes, as Junction's does.
     */
    private static final Set<String> PRODUCIBLE = Set.of("java.sql.Blob","java.lang.Boolean", "java.lang.Byte", "java.lang.Short",
            "java.lang.Integer", "java.lang.Long", "java.lang.Float", "java.lang.Double", "java.lang.String",
            "java.math.BigDecimal", "java.math.BigInteger", "java.sql.Date", "java.sql.Time", "java.sql.Timestamp",
            "java.sql.Array", "java.util.UUID", "[B", "byte[]");

    private UpstreamDescription() {
    }

    static ColumnMetaData describe(ResultSetMetaData md, int i, AvaticaType wire) throws SQLException {
        String typeName = md.getColumnTypeName(i);
        AvaticaType type = wire instanceof ColumnMetaData.ArrayType array
                ? ColumnMetaData.array(array.getComponent(), typeName, Rep.ARRAY)
                : ColumnMetaData.scalar(md.getColumnType(i), typeName, wire.rep);
        String upstreamClass = columnClassName(md, i);
        String columnClass = upstreamClass != null && PRODUCIBLE.contains(upstreamClass)
                ? upstreamClass : ResultColumns.columnClassName(wire);
        return new ColumnMetaData(i - 1, md.isAutoIncrement(i), md.isCaseSensitive(i), md.isSearchable(i),
                md.isCurrency(i), md.isNullable(i), ResultColumns.isSigned(md, i), md.getColumnDisplaySize(i),
                md.getColumnLabel(i), md.getColumnName(i), ResultColumns.emptyToNull(md.getSchemaName(i)),
                md.getPrecision(i), md.getScale(i), ResultColumns.emptyToNull(md.getTableName(i)),
                ResultColumns.emptyToNull(md.getCatalogName(i)), type, md.isReadOnly(i), md.isWritable(i),
                md.isDefinitelyWritable(i), columnClass);
    }

    /** The upstream's column class, or null where its metadata has none (Calcite's, for federated results). */
    private static String columnClassName(ResultSetMetaData md, int i) {
        try {
            return md.getColumnClassName(i);
        } catch (SQLException e) {
            return null;
        }
    }
}
