import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * Runs in a clean JVM whose class path is only the shaded driver jar (java's source-file mode), driven by
 * ShadedJarIT. Prints one line per fact for the test to check; anything on stderr fails the test.
 *
 * <p>Arguments: the port of a stock-protocol Avatica server, and a port where nothing listens.
 */
public class ShadedJarProbe {
    public static void main(String[] args) throws SQLException {
        String serverPort = args[0];
        String closedPort = args[1];

        java.sql.Driver driver = DriverManager.getDriver("jdbc:junction://localhost/pg");
        System.out.println("driver=" + driver.getClass().getName());
        System.out.println("acceptsJunction=" + driver.acceptsURL("jdbc:junction://localhost/pg"));
        System.out.println("acceptsAvatica=" + driver.acceptsURL("jdbc:avatica:remote:url=http://localhost:8765"));
        try {
            DriverManager.getDriver("jdbc:avatica:remote:url=http://localhost:8765");
            System.out.println("avaticaRemoteDriver=registered");
        } catch (SQLException e) {
            System.out.println("avaticaRemoteDriver=none");
        }

        StringBuilder names = new StringBuilder();
        for (DriverPropertyInfo info : driver.getPropertyInfo("jdbc:junction://localhost/pg", new Properties())) {
            names.append(names.length() == 0 ? "" : ",").append(info.name);
        }
        System.out.println("properties=" + names);

        try {
            DriverManager.getConnection("jdbc:junction://127.0.0.1:" + closedPort + "/pg");
            System.out.println("closedPort=connected");
        } catch (SQLException e) {
            System.out.println("closedPort=" + e.getSQLState() + " " + e.getMessage());
        }

        for (String serialization : new String[] {"protobuf", "json"}) {
            Properties info = new Properties();
            info.setProperty("user", "alice");
            info.setProperty("password", "s3cret");
            String url = "jdbc:junction://127.0.0.1:" + serverPort + "/pg?serialization=" + serialization;
            try (Connection connection = DriverManager.getConnection(url, info);
                 Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT N")) {
                StringBuilder values = new StringBuilder();
                while (rows.next()) {
                    values.append(rows.getInt(1));
                }
                System.out.println(serialization + ".rows=" + values);
                System.out.println(serialization + ".driverName=" + connection.getMetaData().getDriverName());
                System.out.println(serialization + ".jdbc=" + connection.getMetaData().getJDBCMajorVersion() + "."
                        + connection.getMetaData().getJDBCMinorVersion());
            }
        }
    }
}
