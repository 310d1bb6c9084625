package io.junction.federation;

import org.apache.calcite.rel.type.RelDataTypeSystem;
import org.apache.calcite.sql.type.SqlTypeName;

import java.sql.DatabaseMetaData;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/**
 * A row of {@code getTypeInfo} in the federated catalog: the types a query across sources is
 * written and typed in (Calcite's), with their limits in federation's type system. A query sent
 * whole to one source uses that source's types, which a connection to the source itself lists.
 */
public record FederatedTypeInfo(String typeName, int dataType, int precision, String literalPrefix,
                                String literalSuffix, String createParams, boolean caseSensitive, short searchable,
                                boolean unsigned, boolean fixedPrecisionScale, short minimumScale,
                                short maximumScale, int radix) {

    /** Every type federation reads from a source or writes in a query, ordered by JDBC type code. */
    public static List<FederatedTypeInfo> all() {
        RelDataTypeSystem system = RelDataTypeSystem.DEFAULT;
        List<FederatedTypeInfo> types = new ArrayList<>();
        for (SqlTypeName name : SqlTypeName.values()) {
            int jdbc = name.getJdbcOrdinal();
            if (name.isSpecial() || jdbc == Types.OTHER || jdbc == Types.JAVA_OBJECT || jdbc == Types.STRUCT
                    || jdbc == Types.DISTINCT || jdbc == Types.NULL || SqlTypeName.INTERVAL_TYPES.contains(name)) {
                continue;
            }
            boolean text = SqlTypeName.CHAR_TYPES.contains(name);
            String params = name.allowsPrecScale(true, true) ? "precision,scale"
                    : name.allowsPrecNoScale() ? (text || SqlTypeName.BINARY_TYPES.contains(name) ? "length"
                    : "precision") : null;
            types.add(new FederatedTypeInfo(name.getName(), jdbc, Math.max(system.getMaxPrecision(name), 0),
                    system.getLiteral(name, true), system.getLiteral(name, false), params,
                    system.isCaseSensitive(name),
                    (short) (text ? DatabaseMetaData.typeSearchable : DatabaseMetaData.typePredBasic),
                    !SqlTypeName.NUMERIC_TYPES.contains(name), name == SqlTypeName.DECIMAL,
                    (short) Math.max(name.getMinScale(), 0), (short) Math.max(system.getMaxScale(name), 0),
                    system.getNumTypeRadix(name)));
        }
        types.sort(java.util.Comparator.comparingInt(FederatedTypeInfo::dataType));
        return List.copyOf(types);
    }
}
