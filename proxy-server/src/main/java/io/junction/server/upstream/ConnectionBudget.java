package io.junction.server.upstream;

import com.zaxxer.hikari.util.DriverDataSource;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLTransientConnectionException;
import java.util.Properties;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

/**
 * The global cap on physical upstream connections ({@code upstream.max-total-connections}): one
 * permit per open physical connection, over every pool. Pools open connections through
 * {@link #dataSource}, which takes a permit and gives it back when the connection really closes.
 *
 * <p>It cannot deadlock: a permit is held by a physical connection, never by a waiting caller, and
 * when none is left the registry is asked to close idle connections of other pools (which hold
 * permits but no work) before the caller gives up after its pool's acquire timeout.
 */
final class ConnectionBudget {
    private final int max;
    private final Semaphore permits;
    private final Runnable reclaimIdle;

    /** @param reclaimIdle closes idle connections somewhere, to free permits; run when none is left */
    ConnectionBudget(int max, Runnable reclaimIdle) {
        this.max = max;
        this.permits = new Semaphore(max);
        this.reclaimIdle = reclaimIdle;
    }

    int inUse() {
        return max - permits.availablePermits();
    }

    /** The upstream driver behind a pool, opening connections only within the budget. */
    DataSource dataSource(String jdbcUrl, Properties properties, String user, String password, long waitMillis) {
        return new Budgeted(new DriverDataSource(jdbcUrl, null, properties, user, password), waitMillis);
    }

    private Connection open(DataSource driver, long waitMillis) throws SQLException {
        boolean granted = permits.tryAcquire();
        if (!granted) {
            reclaimIdle.run();
            try {
                granted = permits.tryAcquire(waitMillis, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (!granted) {
            throw new SQLTransientConnectionException("all " + max + " upstream connections allowed by "
                    + "upstream.max-total-connections are open (in use by all pools together)", "53300");
        }
        try {
            return releasingOnClose(driver.getConnection());
        } catch (SQLException | RuntimeException e) {
            permits.release();
            throw e;
        }
    }

    /** The connection, giving its permit back once when it is closed or aborted. */
    private Connection releasingOnClose(Connection physical) {
        AtomicBoolean released = new AtomicBoolean();
        InvocationHandler handler = (proxy, method, args) -> {
            try {
                return method.invoke(physical, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            } finally {
                String name = method.getName();
                if ((name.equals("close") || name.equals("abort")) && released.compareAndSet(false, true)) {
                    permits.release();
                }
            }
        };
        return (Connection) Proxy.newProxyInstance(ConnectionBudget.class.getClassLoader(),
                new Class<?>[] {Connection.class}, handler);
    }

    private final class Budgeted implements DataSource {
        private final DataSource driver;
        private final long waitMillis;

        Budgeted(DataSource driver, long waitMillis) {
            this.driver = driver;
            this.waitMillis = waitMillis;
        }

        @Override
        public Connection getConnection() throws SQLException {
            return open(driver, waitMillis);
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            throw new SQLFeatureNotSupportedException("credentials are set per source");
        }

        @Override
        public PrintWriter getLogWriter() throws SQLException {
            return driver.getLogWriter();
        }

        @Override
        public void setLogWriter(PrintWriter out) throws SQLException {
            driver.setLogWriter(out);
        }

        @Override
        public void setLoginTimeout(int seconds) throws SQLException {
            driver.setLoginTimeout(seconds);
        }

        @Override
        public int getLoginTimeout() throws SQLException {
            return driver.getLoginTimeout();
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            return driver.getParentLogger();
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            return driver.unwrap(iface);
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) throws SQLException {
            return driver.isWrapperFor(iface);
        }
    }
}
