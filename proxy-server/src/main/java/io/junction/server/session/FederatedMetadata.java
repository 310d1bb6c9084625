package io.junction.server.session;

import io.junction.federation.Federation;
import io.junction.server.upstream.Dialect;
import io.junction.server.upstream.Source;
import io.junction.server.upstream.SourceRegistry;
import org.apache.calcite.avatica.Meta;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * DatabaseMetaData of the federated catalog: each source the user was granted is a catalog, its
 * schemas (MariaDB's databases) and tables under it, read from the sources' own metadata and
 * renamed into the catalog. A source the user was not granted appears nowhere.
 */
final class FederatedMetadata {
    private static final List<Object[]> CATALOG_COLUMNS = List.<Object[]>of(new Object[] {"TABLE_CAT", Types.VARCHAR});
    private static final List<Object[]> SCHEMA_COLUMNS = List.of(new Object[] {"TABLE_SCHEM", Types.VARCHAR},
            new Object[] {"TABLE_CATALOG", Types.VARCHAR});
    private static final List<Object[]> TABLE_TYPE_COLUMNS = List.<Object[]>of(new Object[] {"TABLE_TYPE", Types.VARCHAR});
    private static final List<Object[]> TABLE_COLUMNS = columns("TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME",
            "TABLE_TYPE", "REMARKS", "TYPE_CAT", "TYPE_SCHEM", "TYPE_NAME", "SELF_REFERENCING_COL_NAME",
            "REF_GENERATION");
    private static final List<Object[]> COLUMN_COLUMNS = columns("TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME",
            "COLUMN_NAME", "DATA_TYPE:int", "TYPE_NAME", "COLUMN_SIZE:int", "BUFFER_LENGTH:int",
            "DECIMAL_DIGITS:int", "NUM_PREC_RADIX:int", "NULLABLE:int", "REMARKS", "COLUMN_DEF", "SQL_DATA_TYPE:int",
            "SQL_DATETIME_SUB:int", "CHAR_OCTET_LENGTH:int", "ORDINAL_POSITION:int", "IS_NULLABLE", "SCOPE_CATALOG",
            "SCOPE_SCHEMA", "SCOPE_TABLE", "SOURCE_DATA_TYPE:short", "IS_AUTOINCREMENT", "IS_GENERATEDCOLUMN");

    private final Federation federation;
    private final SourceRegistry sources;

    FederatedMetadata(Federation federation, SourceRegistry sources) {
        this.federation = federation;
        this.sources = sources;
    }

    Meta.MetaResultSet catalogs(ClientSession session) {
        List<Object[]> rows = new ArrayList<>();
        federation.catalogNames(session.owner().grantedSources()).forEach(name -> rows.add(new Object[] {name}));
        return MetaResults.of(session, CATALOG_COLUMNS, rows);
    }

    Meta.MetaResultSet schemas(ClientSession session, String catalog, String schemaPattern) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        for (Map.Entry<String, Set<String>> source : schemasOf(session, catalog).entrySet()) {
            for (String schema : source.getValue()) {
                if (matches(schemaPattern, schema)) {
                    rows.add(new Object[] {schema, source.getKey()});
                }
            }
        }
        return MetaResults.of(session, SCHEMA_COLUMNS, rows);
    }

    Meta.MetaResultSet tableTypes(ClientSession session) {
        return MetaResults.of(session, TABLE_TYPE_COLUMNS, List.of(new Object[] {"TABLE"}, new Object[] {"VIEW"}));
    }

    Meta.MetaResultSet tables(ClientSession session, String catalog, String schemaPattern, String tablePattern,
                              String[] types) throws SQLException {
        return MetaResults.of(session, TABLE_COLUMNS, read(session, catalog, schemaPattern, TABLE_COLUMNS,
                (md, cat, schem) -> md.getTables(cat, schem, tablePattern == null ? "%" : tablePattern, types)));
    }

    Meta.MetaResultSet columns(ClientSession session, String catalog, String schemaPattern, String tablePattern,
                               String columnPattern) throws SQLException {
        return MetaResults.of(session, COLUMN_COLUMNS, read(session, catalog, schemaPattern, COLUMN_COLUMNS,
                (md, cat, schem) -> md.getColumns(cat, schem, tablePattern == null ? "%" : tablePattern,
                        columnPattern == null ? "%" : columnPattern)));
    }

    /** An empty result for the metadata calls the federated catalog does not answer. */
    Meta.MetaResultSet empty(ClientSession session) {
        return MetaResults.of(session, List.of(), List.of());
    }

    @FunctionalInterface
    private interface SourceCall {
        ResultSet on(DatabaseMetaData md, String catalog, String schema) throws SQLException;
    }

    private List<Object[]> read(ClientSession session, String catalog, String schemaPattern, List<Object[]> layout,
                                SourceCall call) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        for (Map.Entry<String, Set<String>> entry : schemasOf(session, catalog).entrySet()) {
            Source source = sources.find(entry.getKey()).orElseThrow();
            boolean databases = source.dialect() == Dialect.MARIADB || source.dialect() == Dialect.MYSQL;
            try (Connection connection = source.acquire()) {
                DatabaseMetaData md = connection.getMetaData();
                for (String schema : entry.getValue()) {
                    if (!matches(schemaPattern, schema)) {
                        continue;
                    }
                    String escaped = escape(schema, md.getSearchStringEscape());
                    try (ResultSet rs = databases ? call.on(md, schema, null) : call.on(md, null, escaped)) {
                        while (rs.next()) {
                            String actualSchema = databases ? rs.getString("TABLE_CAT") : rs.getString("TABLE_SCHEM");
                            if (schema.equals(actualSchema)) {
                                rows.add(row(rs, layout, entry.getKey(), schema));
                            }
                        }
                    }
                }
            }
        }
        return rows;
    }

    private Map<String, Set<String>> schemasOf(ClientSession session, String catalog) throws SQLException {
        Map<String, Set<String>> schemas = federation.schemas(session.owner().grantedSources());
        if (catalog != null) {
            schemas.keySet().retainAll(Set.of(catalog));
        }
        return schemas;
    }

    private static Object[] row(ResultSet rs, List<Object[]> layout, String catalog, String schema)
            throws SQLException {
        Object[] row = new Object[layout.size()];
        row[0] = catalog;
        row[1] = schema;
        for (int i = 2; i < row.length; i++) {
            String label = (String) layout.get(i)[0];
            int type = (Integer) layout.get(i)[1];
            if (type == Types.VARCHAR) {
                row[i] = rs.getString(label);
            } else {
                int value = rs.getInt(label);
                row[i] = rs.wasNull() ? null : type == Types.SMALLINT ? (Object) (short) value : (Object) value;
            }
        }
        return row;
    }

    private static List<Object[]> columns(String... specs) {
        List<Object[]> columns = new ArrayList<>(specs.length);
        for (String spec : specs) {
            String[] parts = spec.split(":");
            int type = parts.length == 1 ? Types.VARCHAR : parts[1].equals("short") ? Types.SMALLINT : Types.INTEGER;
            columns.add(new Object[] {parts[0], type});
        }
        return columns;
    }

    /** Whether a name matches a JDBC LIKE pattern ({@code %}, {@code _}, backslash escapes); null matches all. */
    static boolean matches(String pattern, String name) {
        if (pattern == null) {
            return true;
        }
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length()) {
                regex.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
            } else if (c == '%') {
                regex.append(".*");
            } else if (c == '_') {
                regex.append('.');
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return name.matches(regex.toString());
    }

    private static String escape(String name, String escape) {
        if (escape == null || escape.isEmpty()) {
            return name;
        }
        return name.replace(escape, escape + escape).replace("_", escape + "_").replace("%", escape + "%");
    }
}
