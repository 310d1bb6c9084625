package io.junction.server.session;

import io.junction.server.upstream.UpstreamIdentity;
import org.apache.calcite.avatica.Meta;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Answers catalog calls from the upstream's own {@link DatabaseMetaData}, on the session's
 * transaction connection when it has one (so a table created in the transaction is visible).
 * Results are small and complete: they go back whole in the first frame.
 */
final class MetadataService {

    /** One DatabaseMetaData call. */
    @FunctionalInterface
    interface Call {
        ResultSet on(DatabaseMetaData metaData) throws SQLException;
    }

    Meta.MetaResultSet query(ClientSession session, Call call) throws SQLException {
        GatewayStatement statement = session.newStatement();
        Lease lease = session.lease(false);
        boolean success = false;
        try (ResultSet resultSet = call.on(lease.connection().getMetaData())) {
            ResultColumns columns = ResultColumns.of(resultSet.getMetaData(), session.clientZone(), session.preciseTemporals());
            List<Object> rows = new ArrayList<>();
            while (resultSet.next()) {
                rows.add(columns.readRow(resultSet));
            }
            success = true;
            Meta.Signature signature = Meta.Signature.create(columns.metaData(), null, List.of(),
                    Meta.CursorFactory.LIST, Meta.StatementType.SELECT);
            return Meta.MetaResultSet.create(session.id(), statement.id(), true, signature,
                    Meta.Frame.create(0, true, rows));
        } finally {
            lease.release(success);
        }
    }

    /** The properties Avatica remotes: product name and version and the function lists. */
    Map<Meta.DatabaseProperty, Object> properties(UpstreamIdentity identity) {
        Map<Meta.DatabaseProperty, Object> properties = new EnumMap<>(Meta.DatabaseProperty.class);
        properties.put(Meta.DatabaseProperty.GET_DATABASE_PRODUCT_NAME, identity.productName());
        properties.put(Meta.DatabaseProperty.GET_DATABASE_PRODUCT_VERSION, identity.productVersion());
        properties.put(Meta.DatabaseProperty.GET_DATABASE_MAJOR_VERSION, identity.majorVersion());
        properties.put(Meta.DatabaseProperty.GET_DATABASE_MINOR_VERSION, identity.minorVersion());
        properties.put(Meta.DatabaseProperty.GET_DEFAULT_TRANSACTION_ISOLATION, defaultIsolation(identity));
        copy(identity, "getNumericFunctions", Meta.DatabaseProperty.GET_NUMERIC_FUNCTIONS, properties);
        copy(identity, "getStringFunctions", Meta.DatabaseProperty.GET_STRING_FUNCTIONS, properties);
        copy(identity, "getSystemFunctions", Meta.DatabaseProperty.GET_SYSTEM_FUNCTIONS, properties);
        copy(identity, "getTimeDateFunctions", Meta.DatabaseProperty.GET_TIME_DATE_FUNCTIONS, properties);
        copy(identity, "getSQLKeywords", Meta.DatabaseProperty.GET_S_Q_L_KEYWORDS, properties);
        return properties;
    }

    static int defaultIsolation(UpstreamIdentity identity) {
        Object value = identity.capabilities().get("getDefaultTransactionIsolation");
        return value instanceof Integer level ? level : Connection.TRANSACTION_READ_COMMITTED;
    }

    private static void copy(UpstreamIdentity identity, String call, Meta.DatabaseProperty property,
                             Map<Meta.DatabaseProperty, Object> properties) {
        Object value = identity.capabilities().get(call);
        if (value != null) {
            properties.put(property, value);
        }
    }
}
