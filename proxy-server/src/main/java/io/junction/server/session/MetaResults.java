package io.junction.server.session;

import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.Meta;

import java.sql.DatabaseMetaData;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/** Complete, small results built by the gateway itself (metadata, EXPLAIN), sent whole in the first frame. */
final class MetaResults {
    private MetaResults() {
    }

    static ColumnMetaData column(int ordinal, String label, int jdbcType) {
        ColumnMetaData.Rep rep = switch (jdbcType) {
            case Types.INTEGER -> ColumnMetaData.Rep.INTEGER;
            case Types.SMALLINT -> ColumnMetaData.Rep.SHORT;
            case Types.BIGINT -> ColumnMetaData.Rep.LONG;
            case Types.BOOLEAN -> ColumnMetaData.Rep.BOOLEAN;
            default -> ColumnMetaData.Rep.STRING;
        };
        String typeName = switch (jdbcType) {
            case Types.INTEGER -> "INTEGER";
            case Types.SMALLINT -> "SMALLINT";
            case Types.BIGINT -> "BIGINT";
            case Types.BOOLEAN -> "BOOLEAN";
            default -> "VARCHAR";
        };
        String className = switch (jdbcType) {
            case Types.INTEGER -> Integer.class.getName();
            case Types.SMALLINT -> Short.class.getName();
            case Types.BIGINT -> Long.class.getName();
            case Types.BOOLEAN -> Boolean.class.getName();
            default -> String.class.getName();
        };
        return new ColumnMetaData(ordinal, false, true, false, false, DatabaseMetaData.columnNullable, true, 64,
                label, label, null, 0, 0, null, null, ColumnMetaData.scalar(jdbcType, typeName, rep), true, false,
                false, className);
    }

    /** A result with the given columns (label, JDBC type pairs) and rows. */
    static Meta.MetaResultSet of(ClientSession session, List<Object[]> columns, List<Object[]> rows) {
        List<ColumnMetaData> metaData = new ArrayList<>(columns.size());
        for (int i = 0; i < columns.size(); i++) {
            metaData.add(column(i, (String) columns.get(i)[0], (Integer) columns.get(i)[1]));
        }
        Meta.Signature signature = Meta.Signature.create(metaData, null, List.of(), Meta.CursorFactory.LIST,
                Meta.StatementType.SELECT);
        GatewayStatement statement = session.newStatement();
        return Meta.MetaResultSet.create(session.id(), statement.id(), true, signature,
                Meta.Frame.create(0, true, new ArrayList<>(rows)));
    }
}
