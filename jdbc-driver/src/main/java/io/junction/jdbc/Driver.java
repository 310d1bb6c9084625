package io.junction.jdbc;

import org.apache.calcite.avatica.AvaticaFactory;
import org.apache.calcite.avatica.DriverVersion;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.util.Collections;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * The Junction JDBC driver: {@code jdbc:junction://host[:port][/source][?key=value&...]}.
 *
 * <p>A thin client of the Avatica remote protocol, built on Avatica's remote driver (as Phoenix's thin
 * driver is). Properties are described by {@link JunctionProperty}. Registered with {@link DriverManager}
 * when the class loads and through {@code META-INF/services/java.sql.Driver}.
 */
public class Driver extends org.apache.calcite.avatica.remote.Driver {
    static {
        new Driver().register();
        deregisterPrivateAvaticaDriver();
    }

    public Driver() {
        super();
    }

    @Override
    protected String getConnectStringPrefix() {
        return JunctionUrl.PREFIX;
    }

    @Override
    protected DriverVersion createDriverVersion() {
        return DriverVersion.load(Driver.class, "io/junction/jdbc/driver.properties",
                "Junction JDBC Driver", "unknown version", "Junction", "unknown version");
    }

    @Override
    protected AvaticaFactory createFactory() {
        return new JunctionFactory(super.createFactory());
    }

    @Override
    public boolean acceptsURL(String url) {
        return JunctionUrl.accepts(url);
    }

    /**
     * @throws SQLException 08001 when the URL is malformed or the server cannot be reached; 22023 when a
     *                      property has a bad value; 28000 when the server refuses the credentials
     */
    @Override
    public Connection connect(String url, Properties info) throws SQLException {
        if (!acceptsURL(url)) {
            return null;
        }
        ConnectionSettings settings = ConnectionSettings.of(url, info);
        JunctionConnection connection =
                (JunctionConnection) factory.newConnection(this, factory, url, settings.toAvaticaInfo());
        handler.onConnectionInit(connection);
        try {
            connection.openConnection();
        } catch (RuntimeException e) {
            throw SqlErrors.toSqlException("Junction at " + settings.address() + " did not open the connection", e);
        }
        return connection;
    }

    /**
     * Every {@link JunctionProperty}, with the value the URL and {@code info} give it (the URL wins) or its
     * default. A URL that does not parse contributes nothing, so tools can ask while the user is typing.
     */
    @Override
    public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
        Properties given = info == null ? new Properties() : info;
        if (acceptsURL(url)) {
            try {
                given = JunctionUrl.parse(url).overlay(info);
            } catch (SQLException e) {
                // Malformed while being typed: describe the properties from info alone.
            }
        }
        JunctionProperty[] properties = JunctionProperty.values();
        DriverPropertyInfo[] result = new DriverPropertyInfo[properties.length];
        for (int i = 0; i < properties.length; i++) {
            result[i] = properties[i].toDriverPropertyInfo(given);
        }
        return result;
    }

    @Override
    public Logger getParentLogger() {
        return Logger.getLogger("io.junction.jdbc");
    }

    /**
     * Loading this class initialises Avatica's remote driver, which registers itself for
     * {@code jdbc:avatica:remote:}. In the shaded jar that driver is a private, relocated copy without its
     * HTTP client; left registered it could take {@code jdbc:avatica:remote:} URLs from a real Avatica driver
     * and fail them. Unshaded it is the real Avatica driver and stays.
     */
    private static void deregisterPrivateAvaticaDriver() {
        Class<?> avaticaDriver = org.apache.calcite.avatica.remote.Driver.class;
        String canonicalName = String.join(".", "org", "apache", "calcite", "avatica", "remote", "Driver");
        if (avaticaDriver.getName().equals(canonicalName)) {
            return;
        }
        for (java.sql.Driver driver : Collections.list(DriverManager.getDrivers())) {
            if (driver.getClass() == avaticaDriver) {
                try {
                    DriverManager.deregisterDriver(driver);
                } catch (SQLException e) {
                    // Cannot happen for a driver of our own class loader; it would only stay registered.
                }
            }
        }
    }
}
