package io.junction.server.session;

import io.junction.federation.FederatedTypeInfo;
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
    private static final MetadataLayout TABLE_COLUMNS = MetadataLayout.of("TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME",
            "TABLE_TYPE", "REMARKS", "TYPE_CAT", "TYPE_SCHEM", "TYPE_NAME", "SELF_REFERENCING_COL_NAME",
            "REF_GENERATION");
    private static final MetadataLayout COLUMN_COLUMNS = MetadataLayout.of("TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME",
            "COLUMN_NAME", "DATA_TYPE:int", "TYPE_NAME", "COLUMN_SIZE:int", "BUFFER_LENGTH:int",
            "DECIMAL_DIGITS:int", "NUM_PREC_RADIX:int", "NULLABLE:int", "REMARKS", "COLUMN_DEF", "SQL_DATA_TYPE:int",
            "SQL_DATETIME_SUB:int", "CHAR_OCTET_LENGTH:int", "ORDINAL_POSITION:int", "IS_NULLABLE", "SCOPE_CATALOG",
            "SCOPE_SCHEMA", "SCOPE_TABLE", "SOURCE_DATA_TYPE:short", "IS_AUTOINCREMENT", "IS_GENERATEDCOLUMN");
    private static final MetadataLayout FUNCTION_COLUMNS = MetadataLayout.of("FUNCTION_CAT", "FUNCTION_SCHEM",
            "FUNCTION_NAME", "REMARKS", "FUNCTION_TYPE:short", "SPECIFIC_NAME");
    private static final MetadataLayout PROCEDURE_COLUMNS = MetadataLayout.of("PROCEDURE_CAT", "PROCEDURE_SCHEM",
            "PROCEDURE_NAME", "RESERVED1", "RESERVED2", "RESERVED3", "REMARKS", "PROCEDURE_TYPE:short",
            "SPECIFIC_NAME");
    private static final MetadataLayout PROCEDURE_PARAMETER_COLUMNS = MetadataLayout.of("PROCEDURE_CAT",
            "PROCEDURE_SCHEM", "PROCEDURE_NAME", "COLUMN_NAME", "COLUMN_TYPE:short", "DATA_TYPE:int", "TYPE_NAME",
            "PRECISION:int", "LENGTH:int", "SCALE:short", "RADIX:short", "NULLABLE:short", "REMARKS", "COLUMN_DEF",
            "SQL_DATA_TYPE:int", "SQL_DATETIME_SUB:int", "CHAR_OCTET_LENGTH:int", "ORDINAL_POSITION:int",
            "IS_NULLABLE", "SPECIFIC_NAME");
    private static final MetadataLayout FUNCTION_PARAMETER_COLUMNS = MetadataLayout.of("FUNCTION_CAT",
            "FUNCTION_SCHEM", "FUNCTION_NAME", "COLUMN_NAME", "COLUMN_TYPE:short", "DATA_TYPE:int", "TYPE_NAME",
            "PRECISION:int", "LENGTH:int", "SCALE:short", "RADIX:short", "NULLABLE:short", "REMARKS",
            "CHAR_OCTET_LENGTH:int", "ORDINAL_POSITION:int", "IS_NULLABLE", "SPECIFIC_NAME");
    private static final MetadataLayout TABLE_PRIVILEGE_COLUMNS = MetadataLayout.of("TABLE_CAT", "TABLE_SCHEM",
            "TABLE_NAME", "GRANTOR", "GRANTEE", "PRIVILEGE", "IS_GRANTABLE");
    private static final MetadataLayout UDT_COLUMNS = MetadataLayout.ofTypes("TYPE_CAT", "TYPE_SCHEM", "TYPE_NAME",
            "CLASS_NAME", "DATA_TYPE:int", "REMARKS", "BASE_TYPE:short");
    private static final MetadataLayout TYPE_INFO_COLUMNS = MetadataLayout.of("TYPE_NAME", "DATA_TYPE:int",
            "PRECISION:int", "LITERAL_PREFIX", "LITERAL_SUFFIX", "CREATE_PARAMS", "NULLABLE:short",
            "CASE_SENSITIVE:boolean", "SEARCHABLE:short", "UNSIGNED_ATTRIBUTE:boolean", "FIXED_PREC_SCALE:boolean",
            "AUTO_INCREMENT:boolean", "LOCAL_TYPE_NAME", "MINIMUM_SCALE:short", "MAXIMUM_SCALE:short",
            "SQL_DATA_TYPE:int", "SQL_DATETIME_SUB:int", "NUM_PREC_RADIX:int");

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
        return read(session, catalog, schemaPattern, TABLE_COLUMNS,
                (md, cat, schem) -> md.getTables(cat, schem, tablePattern == null ? "%" : tablePattern, types));
    }

    Meta.MetaResultSet columns(ClientSession session, String catalog, String schemaPattern, String tablePattern,
                               String columnPattern) throws SQLException {
        return read(session, catalog, schemaPattern, COLUMN_COLUMNS,
                (md, cat, schem) -> md.getColumns(cat, schem, tablePattern == null ? "%" : tablePattern,
                        columnPattern == null ? "%" : columnPattern));
    }

    /** The source's own functions (user-defined ones, in the schemas the federated catalog shows). */
    Meta.MetaResultSet functions(ClientSession session, String catalog, String schemaPattern, String namePattern)
            throws SQLException {
        return read(session, catalog, schemaPattern, FUNCTION_COLUMNS,
                (md, cat, schem) -> md.getFunctions(cat, schem, namePattern == null ? "%" : namePattern));
    }

    Meta.MetaResultSet procedures(ClientSession session, String catalog, String schemaPattern, String namePattern)
            throws SQLException {
        return read(session, catalog, schemaPattern, PROCEDURE_COLUMNS,
                (md, cat, schem) -> md.getProcedures(cat, schem, namePattern == null ? "%" : namePattern));
    }

    /** The parameters (and results) of the source's procedures. */
    Meta.MetaResultSet procedureColumns(ClientSession session, String catalog, String schemaPattern,
                                        String procedurePattern, String columnPattern) throws SQLException {
        return read(session, catalog, schemaPattern, PROCEDURE_PARAMETER_COLUMNS,
                (md, cat, schem) -> md.getProcedureColumns(cat, schem, procedurePattern == null ? "%"
                        : procedurePattern, columnPattern == null ? "%" : columnPattern));
    }

    /** The parameters (and results) of the source's functions. */
    Meta.MetaResultSet functionColumns(ClientSession session, String catalog, String schemaPattern,
                                       String functionPattern, String columnPattern) throws SQLException {
        return read(session, catalog, schemaPattern, FUNCTION_PARAMETER_COLUMNS,
                (md, cat, schem) -> md.getFunctionColumns(cat, schem, functionPattern == null ? "%"
                        : functionPattern, columnPattern == null ? "%" : columnPattern));
    }

    Meta.MetaResultSet tablePrivileges(ClientSession session, String catalog, String schemaPattern,
                                       String tablePattern) throws SQLException {
        return read(session, catalog, schemaPattern, TABLE_PRIVILEGE_COLUMNS,
                (md, cat, schem) -> md.getTablePrivileges(cat, schem, tablePattern == null ? "%" : tablePattern));
    }

    /** The source's user-defined types (PostgreSQL's domains and composite types; MariaDB has none). */
    Meta.MetaResultSet udts(ClientSession session, String catalog, String schemaPattern, String typePattern,
                            int[] types) throws SQLException {
        return read(session, catalog, schemaPattern, UDT_COLUMNS,
                (md, cat, schem) -> md.getUDTs(cat, schem, typePattern == null ? "%" : typePattern, types));
    }

    /** The types of federated SQL (see {@link FederatedTypeInfo}). */
    Meta.MetaResultSet typeInfo(ClientSession session) {
        List<Object[]> rows = new ArrayList<>();
        for (FederatedTypeInfo type : FederatedTypeInfo.all()) {
            rows.add(new Object[] {type.typeName(), type.dataType(), type.precision(), type.literalPrefix(),
                    type.literalSuffix(), type.createParams(), (short) DatabaseMetaData.typeNullable,
                    type.caseSensitive(), type.searchable(), type.unsigned(), type.fixedPrecisionScale(), false,
                    type.typeName(), type.minimumScale(), type.maximumScale(), null, null, type.radix()});
        }
        return MetaResults.of(session, TYPE_INFO_COLUMNS.columns(), rows);
    }

    /** An empty result for the metadata calls the federated catalog does not answer. */
    Meta.MetaResultSet empty(ClientSession session) {
        return MetaResults.of(session, List.of(), List.of());
    }

    @FunctionalInterface
    private interface SourceCall {
        ResultSet on(DatabaseMetaData md, String catalog, String schema) throws SQLException;
    }

    /** A call answered per schema of each source, its rows renamed into the federated catalog. */
    private Meta.MetaResultSet read(ClientSession session, String catalog, String schemaPattern,
                                    MetadataLayout layout, SourceCall call) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        for (Map.Entry<String, Set<String>> entry : schemasOf(session, catalog).entrySet()) {
            Source source = sources.find(entry.getKey()).orElseThrow();
            boolean databases = databasesAreSchemas(source);
            String schemaColumn = layout.sourceSchemaColumn(databases);
            try (Connection connection = source.acquire()) {
                DatabaseMetaData md = connection.getMetaData();
                for (String schema : entry.getValue()) {
                    if (!matches(schemaPattern, schema)) {
                        continue;
                    }
                    String escaped = escape(schema, md.getSearchStringEscape());
                    try (ResultSet rs = databases ? call.on(md, schema, null) : call.on(md, null, escaped)) {
                        while (rs.next()) {
                            if (schema.equals(rs.getString(schemaColumn))) {
                                rows.add(layout.row(rs, entry.getKey(), databases));
                            }
                        }
                    }
                }
            }
        }
        return MetaResults.of(session, layout.columns(), rows);
    }

    static boolean databasesAreSchemas(Source source) {
        return source.dialect() == Dialect.MARIADB || source.dialect() == Dialect.MYSQL;
    }

    private Map<String, Set<String>> schemasOf(ClientSession session, String catalog) throws SQLException {
        Map<String, Set<String>> schemas = federation.schemas(session.owner().grantedSources());
        if (catalog != null) {
            schemas.keySet().retainAll(Set.of(catalog));
        }
        return schemas;
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
