package io.junction.federation;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The DataSource Calcite's generated code reads a source through. Calcite opens a connection per
 * sub-query and sets no fetch size, so pgjdbc would buffer whole tables (FIELD-NOTES §4): here
 * every statement gets a fetch size, PostgreSQL connections leave autocommit (pgjdbc streams only
 * inside a transaction; the read-only transaction is rolled back on close), each statement is
 * reported to the listeners, and each row is charged to the query's {@link MemoryBudget}.
 */
final class StreamingDataSource extends ConnectionOnlyDataSource {
    static final int FETCH_SIZE = 1_000;

    private final FederatedSource source;
    private final List<SourceSqlListener> listeners;

    StreamingDataSource(FederatedSource source, List<SourceSqlListener> listeners) {
        this.source = source;
        this.listeners = listeners;
    }

    @Override
    public Connection getConnection() throws SQLException {
        Connection connection = source.dataSource().getConnection();
        boolean transaction = source.kind() == SourceKind.POSTGRESQL;
        if (transaction) {
            connection.setAutoCommit(false);
        }
        return proxy(Connection.class, (p, method, args) -> {
            switch (method.getName()) {
                case "close":
                    if (transaction && !connection.isClosed()) {
                        connection.rollback();
                        connection.setAutoCommit(true);
                    }
                    connection.close();
                    return null;
                case "createStatement":
                    return statement((Statement) invoke(connection, method, args));
                case "prepareStatement":
                    announce((String) args[0]);
                    return statement((Statement) invoke(connection, method, args));
                default:
                    return invoke(connection, method, args);
            }
        });
    }

    private Statement statement(Statement statement) throws SQLException {
        statement.setFetchSize(FETCH_SIZE);
        Class<? extends Statement> type = statement instanceof java.sql.PreparedStatement
                ? java.sql.PreparedStatement.class : Statement.class;
        return proxy(type, (p, method, args) -> {
            String name = method.getName();
            if ((name.equals("execute") || name.equals("executeQuery")) && args != null && args.length > 0
                    && args[0] instanceof String sql) {
                announce(sql);
            }
            Object result = invoke(statement, method, args);
            return result instanceof ResultSet rs ? charged(rs) : result;
        });
    }

    private ResultSet charged(ResultSet resultSet) throws SQLException {
        int columns = resultSet.getMetaData().getColumnCount();
        return proxy(ResultSet.class, (p, method, args) -> {
            Object result = invoke(resultSet, method, args);
            if (method.getName().equals("next") && Boolean.TRUE.equals(result)) {
                MemoryBudget.chargeRow(source.name(), columns);
            }
            return result;
        });
    }

    private void announce(String sql) {
        for (SourceSqlListener listener : listeners) {
            listener.sent(source.name(), sql);
        }
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, InvocationHandler handler) {
        return (T) Proxy.newProxyInstance(StreamingDataSource.class.getClassLoader(), new Class<?>[] {type}, handler);
    }
}
