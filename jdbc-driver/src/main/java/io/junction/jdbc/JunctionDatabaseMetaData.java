package io.junction.jdbc;

import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaDatabaseMetaData;
import org.apache.calcite.avatica.Meta.DatabaseProperty;

import java.sql.SQLException;

/**
 * Avatica's database metadata, except that the database product name and version are the ones the server
 * reports in its database properties: in passthrough, the upstream's, so that tools which pick a dialect
 * by product name (Flyway, Hibernate, Spring) recognise the database. Avatica's own would always name the
 * driver's product. When the server reports none (the federated catalog), the driver's values stand. The
 * driver's own name and version ({@code getDriverName}) are always Junction's.
 */
final class JunctionDatabaseMetaData extends AvaticaDatabaseMetaData {
    JunctionDatabaseMetaData(AvaticaConnection connection) {
        super(connection);
    }

    @Override
    public String getDatabaseProductName() throws SQLException {
        String value = serverValue(DatabaseProperty.GET_DATABASE_PRODUCT_NAME);
        return value != null ? value : super.getDatabaseProductName();
    }

    @Override
    public String getDatabaseProductVersion() throws SQLException {
        String value = serverValue(DatabaseProperty.GET_DATABASE_PRODUCT_VERSION);
        return value != null ? value : super.getDatabaseProductVersion();
    }

    @Override
    public int getDatabaseMajorVersion() throws SQLException {
        String value = serverValue(DatabaseProperty.GET_DATABASE_MAJOR_VERSION);
        return value != null ? Integer.parseInt(value) : super.getDatabaseMajorVersion();
    }

    @Override
    public int getDatabaseMinorVersion() throws SQLException {
        String value = serverValue(DatabaseProperty.GET_DATABASE_MINOR_VERSION);
        return value != null ? Integer.parseInt(value) : super.getDatabaseMinorVersion();
    }

    /** The server's value, or null when it gave none (Avatica's defaults are "" and -1). */
    private String serverValue(DatabaseProperty property) throws SQLException {
        // Fetched once per connection: Avatica's remote Meta caches the server's answer.
        String value = SqlErrors.guard("Error while reading the database properties",
                this::getRemoteAvaticaProperties).getProperty(property.name());
        return value == null || value.isEmpty() || value.equals("-1") ? null : value;
    }
}
