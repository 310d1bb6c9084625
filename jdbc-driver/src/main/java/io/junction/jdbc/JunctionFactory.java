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
        ResultSetMetaData metaData = avatica.newResultSetMetaData(statement, signature);
        PreciseTemporalAccessor.Kind[] temporals = new PreciseTemporalAccessor.Kind[signature.columns.size()];
        List<ColumnMetaData> readable = new ArrayList<>(signature.columns.size());
        for (ColumnMetaData column : signature.columns) {
            temporals[readable.size()] = preciseTemporal(column);
            // Avatica's cursor reads the text of a full-precision time as a string; the result set's
            // metadata (made above) still describes the real type.
            readable.add(temporals[readable.size()] == null ? column : asText(column));
        }
        Meta.Signature cursorSignature = new Meta.Signature(readable, signature.sql, signature.parameters,
                signature.internalParameters, signature.cursorFactory, signature.statementType);
        if (statement != null && statement.getResultSetType() != ResultSet.TYPE_FORWARD_ONLY) {
            // Scroll-sensitive is not offered: such a statement gets the insensitive kind, which says so.
            return new ScrollInsensitiveResultSet(statement, state, cursorSignature, metaData, timeZone, firstFrame,
                    temporals);
        }
        return new JunctionResultSet(statement, state, cursorSignature, metaData, timeZone, firstFrame, temporals);
    }

    private static ColumnMetaData asText(ColumnMetaData c) {
        return new ColumnMetaData(c.ordinal, c.autoIncrement, c.caseSensitive, c.searchable, c.currency, c.nullable,
                c.signed, c.displaySize, c.label, c.columnName, c.schemaName, c.precision, c.scale, c.tableName,
                c.catalogName, ColumnMetaData.scalar(Types.VARCHAR, c.type.name, ColumnMetaData.Rep.STRING),
                c.readOnly, c.writable, c.definitelyWritable, String.class.getName());
    }

    /** A TIME or TIMESTAMP column that a Junction server sends as ISO-8601 text (all fractional digits). */
    private static PreciseTemporalAccessor.Kind preciseTemporal(ColumnMetaData column) {
        if (column.type.rep != ColumnMetaData.Rep.STRING) {
            return null;
        }
        if (column.type.id == Types.TIMESTAMP) {
            return PreciseTemporalAccessor.Kind.TIMESTAMP;
        }
        return column.type.id == Types.TIME ? PreciseTemporalAccessor.Kind.TIME : null;
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
