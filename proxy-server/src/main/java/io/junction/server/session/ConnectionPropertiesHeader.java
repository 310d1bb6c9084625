package io.junction.server.session;

import org.apache.calcite.avatica.Meta;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The value of the {@code Junction-Connection-Properties} response header: the connection properties SQL can
 * change (autocommit, isolation, catalog, schema) as {@code autoCommit=true&isolation=2&catalog=test&schema=public},
 * values URL-encoded, a null value left out. The driver reads it in {@code JunctionConnection}. Read-only is not
 * among them: pgjdbc and MariaDB Connector/J both answer {@code isReadOnly()} from the flag JDBC set, whatever SQL
 * did to the session.
 */
final class ConnectionPropertiesHeader {
    private ConnectionPropertiesHeader() {
    }

    static String encode(Meta.ConnectionProperties properties) {
        StringBuilder value = new StringBuilder("autoCommit=").append(properties.isAutoCommit());
        if (properties.getTransactionIsolation() != null) {
            value.append("&isolation=").append(properties.getTransactionIsolation());
        }
        append(value, "catalog", properties.getCatalog());
        append(value, "schema", properties.getSchema());
        return value.toString();
    }

    private static void append(StringBuilder value, String name, String field) {
        if (field != null) {
            value.append('&').append(name).append('=').append(URLEncoder.encode(field, StandardCharsets.UTF_8));
        }
    }
}
