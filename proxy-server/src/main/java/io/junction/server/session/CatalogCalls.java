package io.junction.server.session;

import com.fasterxml.jackson.databind.JsonNode;
import io.junction.server.error.GatewayException;
import io.junction.server.error.JunctionSqlState;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.Meta.ConnectionHandle;
import org.apache.calcite.avatica.Meta.Pat;

/**
 * The DatabaseMetaData calls that Avatica's client answers with empty result sets instead of asking
 * the server (keys, indexes, procedures, functions, privileges...), run by name for the
 * {@code metadata} protocol extension. Arguments come in JDBC's order; each is answered by
 * {@link GatewayMeta} from the upstream, with the column set JDBC specifies.
 */
final class CatalogCalls {
    private CatalogCalls() {
    }

    static Meta.MetaResultSet run(GatewayMeta meta, String connectionId, String call, JsonNode arguments) {
        ConnectionHandle ch = new ConnectionHandle(connectionId);
        Arguments a = new Arguments(call, arguments);
        switch (call) {
            case "getPrimaryKeys":
                return meta.getPrimaryKeys(ch, a.text(0), a.text(1), a.text(2));
            case "getImportedKeys":
                return meta.getImportedKeys(ch, a.text(0), a.text(1), a.text(2));
            case "getExportedKeys":
                return meta.getExportedKeys(ch, a.text(0), a.text(1), a.text(2));
            case "getCrossReference":
                return meta.getCrossReference(ch, a.text(0), a.text(1), a.text(2), a.text(3), a.text(4), a.text(5));
            case "getIndexInfo":
                return meta.getIndexInfo(ch, a.text(0), a.text(1), a.text(2), a.bool(3), a.bool(4));
            case "getBestRowIdentifier":
                return meta.getBestRowIdentifier(ch, a.text(0), a.text(1), a.text(2), a.integer(3), a.bool(4));
            case "getVersionColumns":
                return meta.getVersionColumns(ch, a.text(0), a.text(1), a.text(2));
            case "getProcedures":
                return meta.getProcedures(ch, a.text(0), a.pattern(1), a.pattern(2));
            case "getProcedureColumns":
                return meta.getProcedureColumns(ch, a.text(0), a.pattern(1), a.pattern(2), a.pattern(3));
            case "getFunctions":
                return meta.getFunctions(ch, a.text(0), a.pattern(1), a.pattern(2));
            case "getFunctionColumns":
                return meta.getFunctionColumns(ch, a.text(0), a.pattern(1), a.pattern(2), a.pattern(3));
            case "getUDTs":
                return meta.getUDTs(ch, a.text(0), a.pattern(1), a.pattern(2), a.integers(3));
            case "getColumnPrivileges":
                return meta.getColumnPrivileges(ch, a.text(0), a.text(1), a.text(2), a.pattern(3));
            case "getTablePrivileges":
                return meta.getTablePrivileges(ch, a.text(0), a.pattern(1), a.pattern(2));
            case "getClientInfoProperties":
                return meta.getClientInfoProperties(ch);
            default:
                throw GatewayException.of(JunctionSqlState.FEATURE_NOT_SUPPORTED, "Unknown metadata call '" + call
                        + "'; the driver is newer than this server.");
        }
    }

    /** The JSON argument list of one call, read by position. */
    private static final class Arguments {
        private final String call;
        private final JsonNode values;

        Arguments(String call, JsonNode values) {
            this.call = call;
            this.values = values == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : values;
        }

        String text(int index) {
            JsonNode value = values.path(index);
            return value.isTextual() ? value.textValue() : null;
        }

        Pat pattern(int index) {
            return Pat.of(text(index));
        }

        boolean bool(int index) {
            JsonNode value = values.path(index);
            if (!value.isBoolean()) {
                throw malformed(index, "a boolean");
            }
            return value.booleanValue();
        }

        int integer(int index) {
            JsonNode value = values.path(index);
            if (!value.canConvertToInt()) {
                throw malformed(index, "an integer");
            }
            return value.intValue();
        }

        int[] integers(int index) {
            JsonNode value = values.path(index);
            if (!value.isArray()) {
                return null;
            }
            int[] result = new int[value.size()];
            for (int i = 0; i < result.length; i++) {
                result[i] = value.get(i).intValue();
            }
            return result;
        }

        private GatewayException malformed(int index, String expected) {
            return GatewayException.of(JunctionSqlState.MALFORMED_REQUEST, "Argument " + (index + 1) + " of metadata"
                    + " call '" + call + "' must be " + expected + ".");
        }
    }
}
