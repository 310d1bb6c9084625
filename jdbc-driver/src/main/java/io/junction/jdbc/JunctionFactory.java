package io.junction.jdbc;

import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaFactory;
import org.apache.calcite.avatica.AvaticaPreparedStatement;
import org.apache.calcite.avatica.AvaticaResultSet;
import org.apache.calcite.avatica.AvaticaSpecificDatabaseMetaData;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.QueryState;
import org.apache.calcite.avatica.UnregisteredDriver;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.Properties;
import java.util.TimeZone;

/**
 * Avatica's JDBC object factory, making {@link JunctionConnection}s, {@link JunctionStatement}s and
 * {@link JunctionPreparedStatement}s (whose cancel and query timeout reach the server),
 * {@link JunctionResultSet}s and {@link JunctionDatabaseMetaData}.
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
        return new JunctionStatement(connection, h, resultSetType, resultSetConcurrency, resultSetHoldability);
    }

    @Override
    public AvaticaPreparedStatement newPreparedStatement(AvaticaConnection connection, Meta.StatementHandle h,
                                                         Meta.Signature signature, int resultSetType,
                                                         int resultSetConcurrency, int resultSetHoldability)
            throws SQLException {
        return new JunctionPreparedStatement(connection, h, signature, resultSetType, resultSetConcurrency,
                resultSetHoldability);
    }

    @Override
    public AvaticaResultSet newResultSet(AvaticaStatement statement, QueryState state, Meta.Signature signature,
                                         TimeZone timeZone, Meta.Frame firstFrame) throws SQLException {
        ResultSetMetaData metaData = avatica.newResultSetMetaData(statement, signature);
        return new JunctionResultSet(statement, state, signature, metaData, timeZone, firstFrame);
    }

    @Override
    public AvaticaSpecificDatabaseMetaData newDatabaseMetaData(AvaticaConnection connection) {
        return new JunctionDatabaseMetaData(connection);
    }

    @Override
    public ResultSetMetaData newResultSetMetaData(AvaticaStatement statement, Meta.Signature signature)
            throws SQLException {
        return avatica.newResultSetMetaData(statement, signature);
    }
}
