package io.junction.federation;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;

/**
 * A DataSource that only opens connections, the one call federation makes of a source's DataSource:
 * credentials are the source's own, timeouts belong to whatever opens the connection (a pool, a
 * driver), and there is no log writer. Subclasses and {@link #opening} supply {@code getConnection()}.
 */
public abstract class ConnectionOnlyDataSource implements DataSource {
    /** Opens one connection. */
    @FunctionalInterface
    public interface ConnectionOpener {
        Connection open() throws SQLException;
    }

    /** A DataSource whose connections come from {@code opener} (a pool's acquire, a DriverManager call). */
    public static DataSource opening(ConnectionOpener opener) {
        return new ConnectionOnlyDataSource() {
            @Override
            public Connection getConnection() throws SQLException {
                return opener.open();
            }
        };
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("Sources are read with their configured credentials");
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        // Nothing is logged through a writer: statements go to federation's listeners, pools log through SLF4J.
    }

    @Override
    public void setLoginTimeout(int seconds) {
        // Whatever opens the connection owns its timeout (a pool's acquire-timeout).
    }

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException("no java.util.logging parent");
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw new SQLException("Not a wrapper of " + iface.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }
}
