package io.junction.server.session;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/**
 * The JDBC-specified columns of one DatabaseMetaData result, as the federated catalog returns it
 * whatever the source's driver adds or types differently: values are read from the source's row by
 * label, every {@code *_CAT} column names the federated catalog (the source) and every
 * {@code *_SCHEM} column the source's schema (MariaDB's database, which its driver reports in the
 * {@code *_CAT} column). The three {@code RESERVED} columns of getProcedures stay null.
 */
final class MetadataLayout {
    private final List<Object[]> columns;
    /** Whether TYPE_CAT and TYPE_SCHEM name the result's own object (getUDTs) rather than a column's type. */
    private final boolean typesAreObjects;

    private MetadataLayout(List<Object[]> columns, boolean typesAreObjects) {
        this.columns = List.copyOf(columns);
        this.typesAreObjects = typesAreObjects;
    }

    /** Columns as {@code LABEL} (text) or {@code LABEL:int|short|long|boolean}. */
    static MetadataLayout of(String... specs) {
        return new MetadataLayout(parse(specs), false);
    }

    /** A result about types themselves (getUDTs): its TYPE_CAT is the catalog, TYPE_SCHEM the schema. */
    static MetadataLayout ofTypes(String... specs) {
        return new MetadataLayout(parse(specs), true);
    }

    private static List<Object[]> parse(String... specs) {
        List<Object[]> columns = new ArrayList<>(specs.length);
        for (String spec : specs) {
            String[] parts = spec.split(":");
            int type = parts.length == 1 ? Types.VARCHAR : switch (parts[1]) {
                case "short" -> Types.SMALLINT;
                case "long" -> Types.BIGINT;
                case "boolean" -> Types.BOOLEAN;
                default -> Types.INTEGER;
            };
            columns.add(new Object[] {parts[0], type});
        }
        return columns;
    }

    /** (label, JDBC type) pairs, as {@link MetaResults#of} takes them. */
    List<Object[]> columns() {
        return columns;
    }

    /**
     * The current row of a source's result in the federated catalog.
     *
     * @param source    the source, which is the catalog
     * @param databases whether the source's schemas are its JDBC catalogs (MariaDB/MySQL)
     */
    Object[] row(ResultSet rs, String source, boolean databases) throws SQLException {
        Object[] row = new Object[columns.size()];
        for (int i = 0; i < row.length; i++) {
            String label = (String) columns.get(i)[0];
            int type = (Integer) columns.get(i)[1];
            if (isCatalog(label)) {
                row[i] = source;
            } else if (isSchema(label)) {
                String prefix = label.substring(0, label.length() - "SCHEM".length());
                row[i] = rs.getString(databases ? prefix + "CAT" : label);
            } else if (!label.startsWith("RESERVED")) {
                row[i] = value(rs, label, type);
            }
        }
        return row;
    }

    /** The label of the column that names the source's schema of the result's main object (first one). */
    String schemaColumn() {
        return columns.stream().map(c -> (String) c[0]).filter(this::isSchema).findFirst().orElseThrow();
    }

    /** The column that holds a row's schema in the source's own result. */
    String sourceSchemaColumn(boolean databases) {
        String schema = schemaColumn();
        return databases ? schema.substring(0, schema.length() - "SCHEM".length()) + "CAT" : schema;
    }

    private boolean isCatalog(String label) {
        return label.endsWith("_CAT") && (typesAreObjects || !label.equals("TYPE_CAT"));
    }

    private boolean isSchema(String label) {
        return label.endsWith("_SCHEM") && (typesAreObjects || !label.equals("TYPE_SCHEM"));
    }

    private static Object value(ResultSet rs, String label, int type) throws SQLException {
        Object value = switch (type) {
            case Types.VARCHAR -> rs.getString(label);
            case Types.SMALLINT -> rs.getShort(label);
            case Types.BIGINT -> rs.getLong(label);
            case Types.BOOLEAN -> rs.getBoolean(label);
            default -> rs.getInt(label);
        };
        return rs.wasNull() ? null : value;
    }
}
