package io.junction.jdbc;

import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaFactory;
import org.apache.calcite.avatica.AvaticaPreparedStatement;
import org.apache.calcite.avatica.AvaticaResultSet;
import org.apache.calcite.avatica.AvaticaSpecificDatabaseMetaData;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.QueryState;
import org.apache.calcite.avatica.UnregisteredDriver;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.TimeZone;

/**
 * Avatica's JDBC object factory, making Junction's connections, statements, result sets and database
 * metadata; result-set metadata stays Avatica's own.
 */
final class JunctionFactory implements AvaticaFactory {
    private final AvaticaFactory avatica;

    JunctionFactory(AvaticaFactory avatica) {
        this.avatica = avatica;
    }

    /** JDBC 4.2, whose additions Avatica's statements implement (executeLargeUpdate, large update counts). */
    @Override
    public int getJdbcMajorVersion() {
        return 4;
    }

    @Override
    public int getJdbcMinorVersion() {
        return 2;
    }

    @Override
    public AvaticaConnection newConnection(UnregisteredDriver driver, AvaticaFactory factory, String url,
                                           Properties info) {
        return new JunctionConnection(driver, factory, url, info);
    }

    @Override
    public AvaticaStatement newStatement(AvaticaConnection connection, Meta.StatementHandle h, int resultSetType,
                                         int resultSetConcurrency, int resultSetHoldability) throws SQLException {
        return new JunctionStatement((JunctionConnection) connection, h, resultSetType, resultSetConcurrency,
                resultSetHoldability);
    }

    @Override
    public AvaticaPreparedStatement newPreparedStatement(AvaticaConnection connection, Meta.StatementHandle h,
                                                         Meta.Signature signature, int resultSetType,
                                                         int resultSetConcurrency, int resultSetHoldability)
            throws SQLException {
        return new JunctionPreparedStatement((JunctionConnection) connection, h, signature, resultSetType,
                resultSetConcurrency, resultSetHoldability);
    }

    @Override
    public AvaticaResultSet newResultSet(AvaticaStatement statement, QueryState state, Meta.Signature signature,
                                         TimeZone timeZone, Meta.Frame firstFrame) throws SQLException {
        // The result set's metadata describes the columns as the server did (as the upstream driver does);
        // Avatica's cursor reads each value by the type of its wire representation.
        ResultSetMetaData metaData = avatica.newResultSetMetaData(statement, signature);
        List<ColumnMetaData> readable = new ArrayList<>(signature.columns.size());
        for (ColumnMetaData column : signature.columns) {
            readable.add(readable(column));
        }
        Meta.Signature cursorSignature = new Meta.Signature(readable, signature.sql, signature.parameters,
                signature.internalParameters, signature.cursorFactory, signature.statementType);
        if (statement != null && statement.getResultSetType() != ResultSet.TYPE_FORWARD_ONLY) {
            // Scroll-sensitive is not offered: such a statement gets the insensitive kind, which says so.
            return new ScrollInsensitiveResultSet(statement, state, cursorSignature, metaData, timeZone, firstFrame,
                    signature.columns);
        }
        return new JunctionResultSet(statement, state, cursorSignature, metaData, timeZone, firstFrame,
                signature.columns);
    }

    /** The column with the type Avatica's cursor reads its wire representation by. */
    private static ColumnMetaData readable(ColumnMetaData c) {
        ColumnMetaData.AvaticaType type = c.type instanceof ColumnMetaData.ArrayType
                ? ColumnMetaData.array(readableElement(((ColumnMetaData.ArrayType) c.type).getComponent()),
                        c.type.name, ColumnMetaData.Rep.ARRAY)
                : readableType(c.type);
        if (type.id == c.type.id && !(c.type instanceof ColumnMetaData.ArrayType)) {
            return c;
        }
        return new ColumnMetaData(c.ordinal, c.autoIncrement, c.caseSensitive, c.searchable, c.currency, c.nullable,
                c.signed, c.displaySize, c.label, c.columnName, c.schemaName, c.precision, c.scale, c.tableName,
                c.catalogName, type, c.readOnly, c.writable, c.definitelyWritable, c.columnClassName);
    }

    /**
     * Array elements are taken as they came ({@link TypedArray} gives them their class): an element may be a
     * list itself, a dimension deeper, which Avatica's typed element accessors cannot read.
     */
    private static ColumnMetaData.AvaticaType readableElement(ColumnMetaData.AvaticaType component) {
        return ColumnMetaData.scalar(Types.OTHER, component.name, ColumnMetaData.Rep.OBJECT);
    }

    private static ColumnMetaData.AvaticaType readableType(ColumnMetaData.AvaticaType type) {
        boolean temporal = type.id == Types.DATE || type.id == Types.TIME || type.id == Types.TIMESTAMP;
        if (temporal && type.rep != ColumnMetaData.Rep.STRING) {
            // Avatica's own numbers for days, milliseconds and wall-clock milliseconds.
            return type;
        }
        int id;
        switch (type.rep) {
            case STRING:
                // Text, and full-precision times (read back by PreciseTemporalAccessor); CHAR is not padded again.
                id = Types.VARCHAR;
                break;
            case BYTE_STRING:
                id = Types.VARBINARY;
                break;
            case BOOLEAN:
                id = Types.BOOLEAN;
                break;
            case BYTE:
                id = Types.TINYINT;
                break;
            case SHORT:
                id = Types.SMALLINT;
                break;
            case INTEGER:
                id = Types.INTEGER;
                break;
            case LONG:
                id = Types.BIGINT;
                break;
            case FLOAT:
                id = Types.REAL;
                break;
            case DOUBLE:
                id = Types.DOUBLE;
                break;
            case NUMBER:
                id = Types.DECIMAL;
                break;
            default:
                return type;
        }
        return id == type.id ? type : ColumnMetaData.scalar(id, type.name, type.rep);
    }

    @Override
    public AvaticaSpecificDatabaseMetaData newDatabaseMetaData(AvaticaConnection connection) {
        return new JunctionDatabaseMetaData((JunctionConnection) connection);
    }

    @Override
    public ResultSetMetaData newResultSetMetaData(AvaticaStatement statement, Meta.Signature signature)
            throws SQLException {
        return avatica.newResultSetMetaData(statement, signature);
    }
}
