package io.junction.server.session;

import io.junction.federation.FederatedColumn;
import io.junction.federation.FederatedRows;

import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Types;
import java.util.List;

/**
 * A forward-only {@link ResultSet} over a cross-source result, so that it streams through the same
 * {@link Cursor} and {@link ResultColumns} as an upstream's result. Only the calls those make are
 * answered; closing it ends the federated query and its sub-queries.
 */
final class FederatedResultSet {
    private FederatedResultSet() {
    }

    static ResultSet over(FederatedRows rows) {
        ResultSetMetaData metaData = metaData(rows.columns());
        Object[] current = new Object[1];
        return (ResultSet) Proxy.newProxyInstance(FederatedResultSet.class.getClassLoader(),
                new Class<?>[] {ResultSet.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "next":
                            return rows.next();
                        case "close":
                            rows.close();
                            return null;
                        case "getMetaData":
                            return metaData;
                        case "wasNull":
                            return current[0] == null;
                        case "isClosed":
                            return false;
                        default:
                            break;
                    }
                    if (method.getName().startsWith("get") && args != null && args[0] instanceof Integer column) {
                        current[0] = rows.value(column - 1);
                        return convert(current[0], method.getName(), args);
                    }
                    throw new SQLFeatureNotSupportedException("A federated result does not support " + method.getName());
                });
    }

    private static Object convert(Object value, String getter, Object[] args) throws SQLException {
        switch (getter) {
            case "getObject":
                return value;
            case "getString":
                return value == null ? null : value.toString();
            case "getBigDecimal":
                return value == null ? null : value instanceof BigDecimal d ? d : new BigDecimal(value.toString());
            case "getBoolean":
                return value != null && (Boolean) value;
            case "getBytes":
                return value;
            default:
                break;
        }
        Number number = (Number) value;
        switch (getter) {
            case "getByte": return number == null ? (byte) 0 : number.byteValue();
            case "getShort": return number == null ? (short) 0 : number.shortValue();
            case "getInt": return number == null ? 0 : number.intValue();
            case "getLong": return number == null ? 0L : number.longValue();
            case "getFloat": return number == null ? 0f : number.floatValue();
            case "getDouble": return number == null ? 0d : number.doubleValue();
            default: throw new SQLFeatureNotSupportedException("A federated result does not support " + getter);
        }
    }

    private static ResultSetMetaData metaData(List<FederatedColumn> columns) {
        return (ResultSetMetaData) Proxy.newProxyInstance(FederatedResultSet.class.getClassLoader(),
                new Class<?>[] {ResultSetMetaData.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getColumnCount")) {
                        return columns.size();
                    }
                    FederatedColumn column = columns.get((Integer) args[0] - 1);
                    switch (method.getName()) {
                        case "getColumnType": return column.jdbcType();
                        case "getColumnTypeName": return column.typeName();
                        case "getPrecision": return Math.max(0, column.precision());
                        case "getScale": return column.scale();
                        case "getColumnLabel":
                        case "getColumnName": return column.label();
                        case "isNullable": return column.nullable() ? ResultSetMetaData.columnNullable
                                : ResultSetMetaData.columnNoNulls;
                        case "isSigned": return isNumeric(column.jdbcType());
                        case "getColumnDisplaySize": return Math.max(1, column.precision());
                        case "isCaseSensitive": return true;
                        case "isSearchable": return true;
                        case "isReadOnly": return true;
                        case "isAutoIncrement":
                        case "isCurrency":
                        case "isWritable":
                        case "isDefinitelyWritable": return false;
                        case "getSchemaName":
                        case "getTableName":
                        case "getCatalogName": return "";
                        default: throw new SQLFeatureNotSupportedException(method.getName());
                    }
                });
    }

    private static boolean isNumeric(int type) {
        return switch (type) {
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT, Types.REAL, Types.FLOAT, Types.DOUBLE,
                    Types.DECIMAL, Types.NUMERIC -> true;
            default -> false;
        };
    }
}
